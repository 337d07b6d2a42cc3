internal import Foundation

/// Identifiers (database, role, schema names) cannot be `$n` parameters. This quotes a
/// name that the program itself chose or has validated; it is never for values.
public enum SQLIdentifier {
    /// `name` in double quotes, inner quotes doubled.
    public static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
