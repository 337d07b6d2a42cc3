/// The labels that divide a handling of minutes into its parts, in Finnish and Swedish.
/// A new municipality's wording is a line in ``labels``, not a new code path.
public enum MinutesLabels {
    /// What a labelled part of a handling holds.
    public enum Part: Sendable, Equatable {
        /// People: preparers, or whom to ask for more.
        case contacts(ContactRole)
        /// Numbered attachments or background material.
        case attachments
        /// `Ehdotus`, `Päätösehdotus:`: the proposal follows.
        case proposal
        /// `Esittelijä: Satu Kankare, Kaupunginjohtaja`: the presenter, on the label's line.
        case presenter
        /// `Päätös`: the decision follows.
        case decision
        /// `Esteellisyys`: who left the meeting as disqualified, and why.
        case disqualification
        /// Parts kept in the minutes but not in a decision document: notes, who is told,
        /// appeal instructions. Their lines are reported as not used.
        case other(String)
    }

    /// How a line opens a part: the label is the whole line, or is followed by `:`.
    public static let labels: [(label: String, part: Part)] = [
        ("Valmistelija / lisätiedot", .contacts(.preparer)),
        ("Valmistelijat / lisätiedot", .contacts(.preparer)),
        ("Valmistelija", .contacts(.preparer)),
        ("Valmistelijat", .contacts(.preparer)),
        ("Lisätietoja asiasta antaa", .contacts(.furtherInformation)),
        ("Lisätietoja antaa", .contacts(.furtherInformation)),
        ("Lisätiedot", .contacts(.furtherInformation)),
        ("Beredare / mer information", .contacts(.preparer)),
        ("Beredare", .contacts(.preparer)),
        ("Ytterligare information ger", .contacts(.furtherInformation)),
        ("Mer information", .contacts(.furtherInformation)),
        ("Liitteet", .attachments), ("Liite", .attachments), ("Oheismateriaali", .attachments), ("Oheismateriaalit", .attachments),
        ("Bilagor", .attachments), ("Bilaga", .attachments), ("Delgivningsmaterial", .attachments),
        ("Ehdotus", .proposal), ("Päätösehdotus", .proposal), ("Esitys", .proposal),
        ("Förslag", .proposal), ("Beslutsförslag", .proposal),
        ("Esittelijä", .presenter), ("Föredragande", .presenter),
        ("Päätös", .decision), ("Beslut", .decision),
        ("Esteellisyys", .disqualification), ("Jäv", .disqualification),
        ("Pöytäkirjamerkintä", .other("minutes note")), ("Protokollsanteckning", .other("minutes note")),
        ("Tiedoksi", .other("for information")), ("Täytäntöönpano", .other("for information")), ("För kännedom", .other("for information")),
        ("Muutoksenhakukielto", .other("appeal instructions")), ("Muutoksenhakuohje", .other("appeal instructions")),
        ("Oikaisuvaatimusohje", .other("appeal instructions")), ("Besvärsförbud", .other("appeal instructions")),
        ("Anvisning för begäran om omprövning", .other("appeal instructions")),
    ]

    /// `Kaupunginjohtajan ehdotus:`, `Kommundirektörens förslag:`: who proposes; the proposal follows.
    nonisolated(unsafe) static let proposerLine = /[\p{L}-]+(n ehdotus|s förslag|s beslutsförslag):?/

    /// The start of a sentence that decides: `Kommunstyrelsen beslutade`, `Kunnanhallitus päätti`.
    public nonisolated(unsafe) static let decidingSentence = /[A-ZÅÄÖ][\p{L}-]+ (beslutade|beslöt|päätti|hyväksyi)/

    /// The part `line` opens and the text after its label, or nil for a line of text.
    public static func part(of line: String) -> (part: Part, rest: String)? {
        let text = line.trimmingWhitespace()
        if text.wholeMatch(of: proposerLine) != nil { return (.proposal, "") }
        for (label, part) in labels where text.hasPrefix(label) {
            let after = text.dropFirst(label.count)
            if after.isEmpty { return (part, "") }
            if after.first == ":" { return (part, after.dropFirst().trimmingWhitespace()) }
        }
        return nil
    }
}
