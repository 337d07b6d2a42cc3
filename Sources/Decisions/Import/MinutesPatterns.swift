/// The regular expressions of the importer, compiled once (a literal inside a function is
/// parsed and compiled again on every call: that was most of an import's time).
enum MinutesPatterns {
    nonisolated(unsafe) static let attachmentLine = /[0-9]{1,3} \S/
    nonisolated(unsafe) static let bareNumber = /[0-9]{1,2}\./
    nonisolated(unsafe) static let diaryNumberLine = /[0-9]+\/[0-9]+(\.[0-9]+)*\/[0-9]{4}|[A-Za-z]{2,10}(no|dno|Dno)?-[0-9]{4}-[0-9]+/
    nonisolated(unsafe) static let fileName = /.*\.[A-Za-z]{2,4}/
    nonisolated(unsafe) static let finnishDate = /[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}/
    nonisolated(unsafe) static let handlingDateFirst = /([A-ZÅÄÖ][\p{L}-]+),?\s+([0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}),?\s+§\s*([0-9]{1,5})/
    nonisolated(unsafe) static let handlingSectionFirst = /([A-ZÅÄÖ][\p{L}-]+),\s*§\s*([0-9]{1,5}),\s*([0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4})/
    nonisolated(unsafe) static let leadingNumber = #/^[0-9]{1,2}\. /#
    nonisolated(unsafe) static let minutesNumber = /[0-9]{1,3}\/[0-9]{4}/
    nonisolated(unsafe) static let numberedItem = #/[0-9]{1,2}\. /#
    nonisolated(unsafe) static let pageNumber = /[0-9]{1,4} \([0-9]{1,4}\)/
    nonisolated(unsafe) static let parenthesised = /\(([^()]{2,60})\)/
    nonisolated(unsafe) static let phone = /(?:puh\.?|p\.|tel\.?|tfn)\s*([0-9 +()-]{3,40})/
    nonisolated(unsafe) static let runOnSection = /([0-9]{1,4}) [A-ZÅÄÖ]/
    nonisolated(unsafe) static let sectionLine = /§\s*([0-9]{1,5})/
    nonisolated(unsafe) static let yearAfter = /\s(?:vuonna|år) ([0-9]{4})\b/
    nonisolated(unsafe) static let yearBefore = /(?:vuonna|år) ([0-9]{4}) (?:yhteensä |totalt )?$/
    nonisolated(unsafe) static let yearsAfter = /\s(?:vuosina|åren) ([0-9]{4}) ?[-–] ?([0-9]{4})\b/
}
