internal import Foundation

/// Where `initdb` and `pg_ctl` are: on `PATH`, or where Debian's `postgresql` package puts
/// them (`/usr/lib/postgresql/<version>/bin`, which is not on `PATH`).
struct ServerBinaries: Sendable {
    let initdb: String
    let pgCtl: String

    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ServerBinaries {
        var directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        if let override = environment["PYKALA_PG_BINDIR"], !override.isEmpty { directories.insert(override, at: 0) }
        let versioned = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        directories += versioned.compactMap(Int.init).sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        func find(_ name: String) -> String? {
            directories.lazy.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        guard let initdb = find("initdb"), let pgCtl = find("pg_ctl") else {
            throw PostgresError(
                .connectionFailed,
                "the PostgreSQL server programs (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql/*/bin",
                hint: "Install the server: apt-get install -y postgresql (as root), or set PYKALA_PG_BINDIR to the "
                    + "directory that holds initdb; or point pykala at a running server with --database or DATABASE_URL.")
        }
        return ServerBinaries(initdb: initdb, pgCtl: pgCtl)
    }
}
