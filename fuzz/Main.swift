// libFuzzer's entry: runs the target named by PYKALA_FUZZ_TARGET (scripts/fuzz sets it).
#if canImport(Glibc)
internal import Glibc
#endif

nonisolated(unsafe) private var target: (([UInt8]) -> Void)?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if target == nil {
        let name = getenv("PYKALA_FUZZ_TARGET").map { String(cString: $0) } ?? ""
        guard let found = FuzzTargets.all[name] else { fatalError("PYKALA_FUZZ_TARGET must be one of \(FuzzTargets.all.keys.sorted())") }
        target = found
    }
    target?(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
