internal import CLibPQ

/// A notice or warning the server sent (`RAISE NOTICE`, deprecation warnings, …).
public struct PostgresNotice: Sendable {
    public let severity: String
    public let message: String
    public let sqlState: SQLState?
}

/// Receives libpq's notice callbacks for one connection. The C callback finds this object
/// through an unretained `Unmanaged` pointer; the connection keeps it alive.
final class NoticeSink {
    var handler: ((PostgresNotice) -> Void)?
    private(set) var kept: [PostgresNotice] = []

    func install(on connection: OpaquePointer) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        PQsetNoticeReceiver(connection, { context, result in
            guard let context, let result else { return }
            let sink = Unmanaged<NoticeSink>.fromOpaque(context).takeUnretainedValue()
            func field(_ code: Int32) -> String? { PQresultErrorField(result, code).map { String(cString: $0) } }
            sink.receive(
                PostgresNotice(
                    severity: field(pykala_diag_severity) ?? "NOTICE",
                    message: field(pykala_diag_message_primary) ?? "",
                    sqlState: field(pykala_diag_sqlstate).map(SQLState.init)))
        }, context)
    }

    private func receive(_ notice: PostgresNotice) {
        if let handler {
            handler(notice)
        } else {
            kept.append(notice)
            if kept.count > 100 { kept.removeFirst(kept.count - 100) }
        }
    }
}
