internal import ArgumentParser
internal import DecisionStore
internal import Foundation
internal import PublicWeb
internal import Reports

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the public decision portal and the open-data API (read-only).",
        discussion: """
            Pages under /fi/ and /sv/, JSON under /api/v1/ (described at
            /api/v1/openapi.json), an Atom feed per body. Only published decisions, with
            the publicity rules applied by PostgreSQL: the portal reads as a login that can
            read the public views and nothing else (pykala_portal on the local cluster; on
            another server, a member of pykala_web). Listens on 127.0.0.1 unless told
            otherwise; stops cleanly on Ctrl-C or SIGTERM.

            Example:
              pykala serve --port 8080
              curl -s http://127.0.0.1:8080/api/v1/decisions?q=hanke
            """)

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    @Option(help: "Serve a built page or API answer from memory for this many seconds (0: build every answer anew).")
    var cacheSeconds = 2

    @Option(help: ArgumentHelp("A directory of the municipality's own templates (default: PYKALA_TEMPLATES, else pykala's).", valueName: "dir"))
    var templates: String?

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port: \(port) is not a port number (0 to 65535)") }
        guard (0...3600).contains(cacheSeconds) else { throw ValidationError("--cache-seconds: \(cacheSeconds) is not from 0 to 3600") }
    }

    func run() async throws {
        let configured = templates ?? ProcessInfo.processInfo.environment["PYKALA_TEMPLATES"].flatMap { $0.isEmpty ? nil : $0 }
        let directory = try configured.map { URL(fileURLWithPath: $0) } ?? ResourceDirectory.locate().templates
        let library = try TemplateLibrary(directory: directory)
        let target = connection.target.forPortal
        let database = try PortalDatabase(target: target)
        let server = PortalServer(database: database, templates: library, cacheLifetime: .seconds(cacheSeconds))
        let host = self.host
        try await server.run(host: host, port: port) { port in
            FileHandle.standardError.write(Data("serving http://\(host):\(port)/ from \(target.summary); Ctrl-C stops\n".utf8))
        }
    }
}
