import Foundation
import Postgres
import Testing

@Suite("the local cluster (embedded default)")
struct LocalClusterTests {
    @Test("is created on first start, runs on a private socket only, and stops")
    func lifeCycle() throws {
        var template = Array("/tmp/pykala-cluster-XXXXXX".utf8CString)
        let root = URL(fileURLWithPath: String(cString: try #require(mkdtemp(&template))))
        chmod(root.path, 0o711)
        defer { try? FileManager.default.removeItem(at: root) }
        let cluster = LocalCluster(root: root.appendingPathComponent(".pykala"), settings: ["fsync": "off"])
        defer { _ = try? cluster.stop(mode: .immediate) }
        try cluster.stopWhenThisProcessEnds()  // even if this test process is killed

        #expect(cluster.status() == .notInitialized)
        #expect(try cluster.start())
        guard case .running(let pid) = cluster.status() else {
            Issue.record("not running after start")
            return
        }
        #expect(pid > 0)
        #expect(try cluster.start() == false)  // already running: nothing to do

        let connection = try Connection.connect(cluster.connectionString(database: "postgres"))
        let settings = try connection.execute(
            "SELECT current_setting('listen_addresses') AS listen, current_setting('unix_socket_directories') AS socket")[0]
        #expect(try settings.get("listen", as: String.self) == "")
        #expect(try settings.get("socket", as: String.self) == cluster.socketDirectory.path)
        var info = stat()
        #expect(stat(cluster.socketDirectory.path, &info) == 0)
        #expect(info.st_mode & 0o077 == 0)  // only the owner may enter

        #expect(try cluster.stop())
        #expect(cluster.status() == .stopped)
        #expect(try cluster.stop() == false)
        #expect(throws: PostgresError.self) { try Connection.connect(cluster.connectionString(database: "postgres")) }

        #expect(try cluster.start())  // restarts the existing cluster
        #expect(try Connection.connect(cluster.connectionString(database: "postgres")).isOpen)
    }

    @Test("two processes starting it at once get one server")
    func concurrentStart() async throws {
        var template = Array("/tmp/pykala-cluster-XXXXXX".utf8CString)
        let root = URL(fileURLWithPath: String(cString: try #require(mkdtemp(&template))))
        chmod(root.path, 0o711)
        defer { try? FileManager.default.removeItem(at: root) }
        let cluster = LocalCluster(root: root.appendingPathComponent(".pykala"), settings: ["fsync": "off"])
        defer { _ = try? cluster.stop(mode: .immediate) }
        try cluster.stopWhenThisProcessEnds()  // even if this test process is killed
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<2 { group.addTask { try cluster.start() } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 1)
        #expect(results.count == 2)
    }

    @Test("a long directory path gets a short private socket directory")
    func longPath() {
        let deep = URL(fileURLWithPath: "/tmp/" + String(repeating: "very-long-directory-name/", count: 6))
        let cluster = LocalCluster.inDirectory(deep)
        #expect(cluster.socketDirectory.path.hasPrefix("/tmp/pykala-"))
        #expect(cluster.socketDirectory.path.utf8.count < 60)
    }
}
