/// The reports pykala makes, each a template per language and format.
public enum ReportKind: String, Sendable, CaseIterable {
    case agenda, minutes, extract, decision, commitments, deadlines

    /// `minutes.fi.html`: the template's name.
    public func template(_ language: ReportLanguage, _ format: ReportFormat) -> String {
        "\(rawValue).\(language.rawValue).\(format.rawValue)"
    }
}
