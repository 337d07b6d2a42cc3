import DecisionStore
import Foundation
import Testing

@Suite("migration files")
struct MigrationFileTests {
    private func directory(with files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return url
    }

    @Test("are read in order with a SHA-256 checksum")
    func ordered() throws {
        let url = try directory(with: ["0002_b.sql": "SELECT 2;", "0001_a.sql": "SELECT 1;", "README.md": "not SQL"])
        let migrations = try Migration.load(from: url)
        #expect(migrations.map(\.name) == ["0001_a", "0002_b"])
        #expect(migrations[0].checksum == "17db4fd369edb9244b9f91d9aeed145c3d04ad8ba6e95d06247f07a63527d11a")
        #expect(migrations[0].checksum != migrations[1].checksum)
    }

    @Test("a badly named file is refused", arguments: ["1_a.sql", "0001.sql", "00001_a.sql", "abcd_a.sql", "0001-a.sql"])
    func badName(_ name: String) throws {
        let url = try directory(with: [name: "SELECT 1;"])
        #expect(throws: MigrationError.badFileName(name)) { try Migration.load(from: url) }
    }

    @Test("two files with one number are refused")
    func duplicateNumber() throws {
        let url = try directory(with: ["0001_a.sql": "SELECT 1;", "0001_b.sql": "SELECT 2;"])
        #expect(throws: MigrationError.duplicateVersion(1, "0001_a", "0001_b")) { try Migration.load(from: url) }
    }

    @Test("transaction control at top level is refused, with its line")
    func transactionControl() throws {
        let url = try directory(with: ["0001_a.sql": "CREATE TABLE a (n int);\n\ncommit;\n"])
        #expect(throws: MigrationError.transactionControl("0001_a.sql", line: 3)) { try Migration.load(from: url) }
    }

    @Test("PL/pgSQL's own BEGIN … END, strings and comments are not transaction control")
    func plpgsqlBodies() throws {
        let sql = """
            -- COMMIT in a comment
            /* BEGIN; */
            DO $body$
            BEGIN
                BEGIN
                    PERFORM 1;
                END;
            END
            $body$;
            CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT 'COMMIT; BEGIN' $$;
            SELECT 'rollback';
            """
        let url = try directory(with: ["0001_a.sql": sql])
        #expect(try Migration.load(from: url).count == 1)
    }

    @Test("the repository's migrations are all well-formed")
    func repositoryMigrations() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let migrations = try Migration.load(from: root.appendingPathComponent("db/migrations"))
        #expect(!migrations.isEmpty)
        #expect(migrations.map(\.version) == Array(1...migrations.count))
    }
}
