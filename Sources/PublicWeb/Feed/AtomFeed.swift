internal import DecisionStore

/// An Atom feed (RFC 4287) of a body's newest published decisions.
enum AtomFeed {
    static func render(body: PublicRecords.Body, decisions: [PublicRecords.Decision]) -> String {
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fi">
            <title>\(escaped("\(body.organization): \(body.name)"))</title>
            <id>urn:pykala:body:\(body.id)</id>
            <link rel="alternate" type="text/html" href="/fi/bodies/\(body.id)"/>
            <link rel="self" type="application/atom+xml" href="/api/v1/bodies/\(body.id)/feed.atom"/>
            <updated>\(decisions.first?.publishedAt ?? "1970-01-01T00:00:00Z")</updated>
            <author><name>\(escaped(body.organization))</name></author>

            """
        for decision in decisions {
            let section = decision.index.map { "§ \($0) " } ?? ""
            xml += """
                <entry>
                <title>\(escaped(section + decision.subject))</title>
                <id>urn:pykala:decision:\(decision.id)</id>
                <link rel="alternate" type="text/html" href="/fi/decisions/\(decision.id)"/>
                <link rel="alternate" type="application/json" href="/api/v1/decisions/\(decision.id)"/>
                <updated>\(decision.publishedAt)</updated>
                <summary>\(escaped(decision.decisionText ?? decision.subject))</summary>
                </entry>

                """
        }
        return xml + "</feed>\n"
    }

    /// Text for XML character data and attribute values.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }
}
