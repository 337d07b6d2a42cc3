internal import CLibPQ
internal import Foundation

/// The C arrays `PQexecParams` takes, owned for the duration of one call.
struct ParameterBuffers {
    let types: UnsafeMutablePointer<Oid>
    let values: UnsafeMutablePointer<UnsafePointer<CChar>?>
    let lengths: UnsafeMutablePointer<Int32>
    let formats: UnsafeMutablePointer<Int32>
    private let count: Int

    init(_ bindings: [PostgresBinding]) {
        count = bindings.count
        let capacity = max(count, 1)
        types = .allocate(capacity: capacity)
        values = .allocate(capacity: capacity)
        lengths = .allocate(capacity: capacity)
        formats = .allocate(capacity: capacity)
        for (index, binding) in bindings.enumerated() {
            switch binding {
            case .null:
                types[index] = 0
                values[index] = nil
                lengths[index] = 0
                formats[index] = 0
            case .text(let text):
                types[index] = 0
                values[index] = UnsafePointer(Self.copy(Array(text.utf8) + [0]))
                lengths[index] = 0
                formats[index] = 0
            case .binary(let bytes, let type):
                types[index] = type.oid
                values[index] = UnsafePointer(Self.copy(bytes))
                lengths[index] = Int32(bytes.count)
                formats[index] = 1
            }
        }
    }

    /// A C buffer holding `bytes`, released by ``deallocate()``.
    private static func copy(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar> {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: max(bytes.count, 1))
        for (offset, byte) in bytes.enumerated() { buffer[offset] = CChar(bitPattern: byte) }
        return buffer
    }

    func deallocate() {
        for index in 0..<count {
            values[index].map { UnsafeMutablePointer(mutating: $0).deallocate() }
        }
        types.deallocate()
        values.deallocate()
        lengths.deallocate()
        formats.deallocate()
    }
}
