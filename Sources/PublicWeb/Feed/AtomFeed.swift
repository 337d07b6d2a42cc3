internal import DecisionStore
internal import Reports

/// An Atom feed (RFC 4287) of a body's newest published decisions. Texts are escaped as
/// for HTML (`HTML.escape`), which is also right for XML.
enum AtomFeed {
    static func render(body: PublicRecords.Body, decisions: [PublicRecords.Decision]) -> String {
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fi">
            <title>\(HTML.escape("\(body.organization): \(body.name)"))</title>
            <id>urn:pykala:body:\(body.id)</id>
            <link rel="alternate" type="text/html" href="/fi/bodies/\(body.id)"/>
            <link rel="self" type="application/atom+xml" href="/api/v1/bodies/\(body.id)/feed.atom"/>
            <updated>\(decisions.first?.publishedAt ?? "1970-01-01T00:00:00Z")</updated>
            <author><name>\(HTML.escape(body.organization))</name></author>

            """
        for decision in decisions {
            let section = decision.index.map { "§ \($0) " } ?? ""
            xml += """
                <entry>
                <title>\(HTML.escape(section + decision.subject))</title>
                <id>urn:pykala:decision:\(decision.id)</id>
                <link rel="alternate" type="text/html" href="/fi/decisions/\(decision.id)"/>
                <link rel="alternate" type="application/json" href="/api/v1/decisions/\(decision.id)"/>
                <updated>\(decision.publishedAt)</updated>
                <summary>\(HTML.escape(decision.decisionText ?? decision.subject))</summary>
                </entry>

                """
        }
        return xml + "</feed>\n"
    }
}
