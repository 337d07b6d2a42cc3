internal import Decisions

/// Writes a decision history row by row to `sink`, so an export of any size needs the
/// memory of one row.
public struct HistoryWriter {
    public enum Format: String, Sendable, CaseIterable {
        case csv, jsonl, json, html
    }

    private let format: Format
    private let sink: (String) throws -> Void
    private var rows = 0

    public init(format: Format, title: String = "Päätöshistoria", sink: @escaping (String) throws -> Void) throws {
        self.format = format
        self.sink = sink
        switch format {
        case .csv: try sink(CSV.row(Self.columns))
        case .json: try sink("[")
        case .jsonl: break
        case .html:
            try sink(
                """
                <!DOCTYPE html>
                <html lang="fi"><head><meta charset="utf-8"><title>\(HTML.escape(title))</title>
                <style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 4px;vertical-align:top;font-size:90%}</style>
                </head><body><h1>\(HTML.escape(title))</h1>
                <table><thead><tr>\(Self.columns.map { "<th>\(HTML.escape($0))</th>" }.joined())</tr></thead><tbody>

                """)
        }
    }

    static let columns = [
        "seq", "time", "actor", "on_behalf_of", "diary_number", "section", "action", "from", "to", "changes", "comment", "hash",
    ]

    private static func cells(_ row: HistoryRow) -> [String] {
        [
            String(row.seq), row.time, row.actor, row.onBehalfOf ?? "", row.diaryNumber ?? "", row.sectionReference ?? "", row.action,
            row.fromState ?? "", row.toState ?? "", row.changesText, row.comment ?? "", row.hash,
        ]
    }

    public mutating func write(_ row: HistoryRow) throws {
        switch format {
        case .csv: try sink(CSV.row(Self.cells(row)))
        case .jsonl: try sink(Self.json(row) + "\n")
        case .json: try sink((rows == 0 ? "\n" : ",\n") + Self.json(row))
        case .html: try sink("<tr>" + Self.cells(row).map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>\n")
        }
        rows += 1
    }

    public mutating func finish() throws {
        switch format {
        case .csv, .jsonl: break
        case .json: try sink(rows == 0 ? "]\n" : "\n]\n")
        case .html: try sink("</tbody></table></body></html>\n")
        }
    }

    /// One row as a JSON object, keys sorted.
    static func json(_ row: HistoryRow) -> String {
        func string(_ value: String?) -> String { value.map(JSONValue.quoted) ?? "null" }
        let changes = "{" + row.changes.sorted { $0.field < $1.field }.map {
            JSONValue.quoted($0.field) + ":{\"after\":" + JSONValue.quoted($0.after) + ",\"before\":" + JSONValue.quoted($0.before) + "}"
        }.joined(separator: ",") + "}"
        return "{\"action\":\(string(row.action)),\"actor\":\(string(row.actor)),\"changes\":\(changes),"
            + "\"comment\":\(string(row.comment)),\"diary_number\":\(string(row.diaryNumber)),\"from\":\(string(row.fromState)),"
            + "\"hash\":\(string(row.hash)),\"on_behalf_of\":\(string(row.onBehalfOf)),\"section\":\(string(row.sectionReference)),"
            + "\"seq\":\(row.seq),\"time\":\(string(row.time)),\"to\":\(string(row.toState))}"
    }
}

/// RFC 4180 CSV with cells that a spreadsheet would run as formulas neutralised (OWASP).
public enum CSV {
    /// One record, ending in CRLF.
    public static func row(_ cells: [String]) -> String {
        cells.map { cell(neutralised($0)) }.joined(separator: ",") + "\r\n"
    }

    /// A cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
    /// apostrophe, so a spreadsheet shows it as text. The first Unicode scalar decides:
    /// `"=\u{301}"` is one Character but still starts with `=`.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    /// Quotes a cell holding a comma, a quote or a line break, doubling its quotes.
    static func cell(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingQuotes() + "\""
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var result = ""
        for scalar in unicodeScalars {
            if scalar == "\"" { result += "\"\"" } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}

/// HTML text escaping.
public enum HTML {
    public static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
