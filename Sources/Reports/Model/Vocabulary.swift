internal import Decisions

/// The words reports put around the data, in Finnish and Swedish. Everything else a
/// report says is in its template.
enum Vocabulary {
    static func outcome(_ outcome: Outcome, _ language: ReportLanguage) -> String {
        switch (outcome, language) {
        case (.approved, .fi): "Hyväksyttiin"
        case (.approved, .sv): "Godkändes"
        case (.approvedAfterVote, .fi): "Hyväksyttiin äänestyksen jälkeen"
        case (.approvedAfterVote, .sv): "Godkändes efter omröstning"
        case (.amended, .fi): "Hyväksyttiin esittelijän muutetun ehdotuksen mukaisesti"
        case (.amended, .sv): "Godkändes enligt föredragandens ändrade förslag"
        case (.modified, .fi): "Hyväksyttiin muutettuna"
        case (.modified, .sv): "Godkändes med ändringar"
        case (.rejected, .fi): "Hylättiin"
        case (.rejected, .sv): "Förkastades"
        case (.noted, .fi): "Merkittiin tiedoksi"
        case (.noted, .sv): "Antecknades för kännedom"
        case (.returned, .fi): "Palautettiin valmisteluun"
        case (.returned, .sv): "Återremitterades"
        case (.tabled, .fi): "Jätettiin pöydälle"
        case (.tabled, .sv): "Bordlades"
        case (.removed, .fi): "Poistettiin esityslistalta"
        case (.removed, .sv): "Ströks från föredragningslistan"
        case (.election, .fi): "Toimitettiin vaali"
        case (.election, .sv): "Val förrättades"
        }
    }

    static func contactRole(_ role: ContactRole, _ language: ReportLanguage) -> String {
        switch (role, language) {
        case (.contactPerson, .fi): "Yhteyshenkilö"
        case (.contactPerson, .sv): "Kontaktperson"
        case (.furtherInformation, .fi): "Lisätietoja antaa"
        case (.furtherInformation, .sv): "Ytterligare information ges av"
        case (.preparer, .fi): "Valmistelija"
        case (.preparer, .sv): "Beredare"
        case (.presenter, .fi): "Esittelijä"
        case (.presenter, .sv): "Föredragande"
        }
    }

    static func deadline(_ kind: DeadlineKind, _ language: ReportLanguage) -> String {
        switch (kind, language) {
        case (.replyBy, .fi): "Vastattava viimeistään"
        case (.replyBy, .sv): "Svar senast"
        case (.notifyBy, .fi): "Ilmoitettava viimeistään"
        case (.notifyBy, .sv): "Meddelas senast"
        case (.executeBy, .fi): "Pantava täytäntöön viimeistään"
        case (.executeBy, .sv): "Verkställs senast"
        case (.appealEnds, .fi): "Oikaisuvaatimusaika päättyy"
        case (.appealEnds, .sv): "Tiden för omprövningsbegäran går ut"
        case (.other, .fi): "Määräaika"
        case (.other, .sv): "Tidsfrist"
        }
    }

    static func attendance(_ role: String, _ language: ReportLanguage) -> String {
        switch (role, language) {
        case ("chair", .fi): "puheenjohtaja"
        case ("chair", .sv): "ordförande"
        case ("member", .fi): "jäsen"
        case ("member", .sv): "ledamot"
        case ("deputy", .fi): "varajäsen"
        case ("deputy", .sv): "ersättare"
        case ("secretary", .fi): "pöytäkirjanpitäjä"
        case ("secretary", .sv): "protokollförare"
        case ("checker", .fi): "pöytäkirjantarkastaja"
        case ("checker", .sv): "protokolljusterare"
        case ("presenter", .fi): "esittelijä"
        case ("presenter", .sv): "föredragande"
        case (_, .fi): "muu läsnäolija"
        case (_, .sv): "övrig närvarande"
        }
    }

    /// Shown instead of a private person's name once the appeal period is over.
    static func privatePerson(_ language: ReportLanguage) -> String {
        language == .fi ? "(yksityishenkilö)" : "(privatperson)"
    }
}
