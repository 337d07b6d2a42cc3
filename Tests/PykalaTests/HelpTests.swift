import Foundation
import Testing

@Suite("help explains itself with an example")
struct HelpTests {
    @Test(
        "every command's --help has an example",
        arguments: [
            [], ["local"], ["local", "start"], ["local", "stop"], ["local", "status"], ["db"], ["db", "migrate"],
            ["db", "status"], ["register"], ["decision"], ["decision", "show"], ["decision", "list"], ["decision", "edit"], ["org"], ["org", "add"],
            ["org", "list"], ["org", "show"], ["body"], ["body", "add"], ["body", "list"], ["body", "show"], ["person"],
            ["person", "add"], ["person", "list"], ["person", "show"], ["case"], ["case", "open"], ["case", "list"],
            ["deadlines"], ["deadlines", "list"], ["deadlines", "done"], ["deadlines", "compute"], ["project"], ["project", "list"], ["project", "show"], ["workflow"], ["workflow", "validate"], ["workflow", "load"], ["workflow", "show"],
            ["workflow", "list"], ["transition"], ["submit"], ["approve"], ["return"], ["decision", "actions"], ["decision", "history"], ["user"], ["user", "add"], ["user", "list"],
            ["deputy"], ["deputy", "add"], ["deputy", "list"], ["meeting"], ["meeting", "new"], ["meeting", "attend"], ["meeting", "show"],
            ["agenda"], ["agenda", "add"], ["outcome"], ["vote"], ["disqualify"], ["body", "set"], ["audit"], ["audit", "verify"],
            ["audit", "digest"], ["export"], ["export", "history"], ["report"], ["report", "agenda"], ["report", "minutes"],
            ["report", "extract"], ["report", "decision"], ["report", "commitments"], ["report", "deadlines"],
        ])
    func example(_ command: [String]) throws {
        let run = try PykalaRun.run(command + ["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Example:"))
        #expect(run.stdout.contains("pykala"))
    }

    /// Every command of the tree, as ArgumentParser describes it (`--experimental-dump-help`).
    static func allCommands() throws -> [[String]] {
        let dump = try PykalaRun.run(["--experimental-dump-help"])
        let root = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any]
        var found: [[String]] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            found.append(path)
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                guard let name = sub["commandName"] as? String, name != "help" else { continue }
                walk(sub, path + [name])
            }
        }
        if let command = root?["command"] as? [String: Any] { walk(command, []) }
        return found
    }

    @Test("every command of the tree, found by walking it, has an example in its --help")
    func wholeTree() throws {
        let commands = try Self.allCommands()
        #expect(commands.count >= 75)  // the walk found the tree (78 commands today)
        for command in commands {
            let run = try PykalaRun.run(command + ["--help"])
            #expect(run.status == 0, "\(command)")
            #expect(run.stdout.contains("Example:") && run.stdout.contains("pykala"), "pykala \(command.joined(separator: " ")) --help has no example")
        }
    }

    @Test("every command's discussion fits 79 columns: ArgumentParser wraps a line of 80 or more, orphaning words and breaking examples")
    func discussionsFit() throws {
        let dump = try PykalaRun.run(["--experimental-dump-help"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var checked = 0
        func walk(_ command: [String: Any], _ path: String) {
            for line in (command["discussion"] as? String ?? "").split(separator: "\n") {
                checked += 1
                #expect(line.count < 80, "pykala\(path) --help: \(line.count) columns: \(line)")
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                walk(sub, path + " " + (sub["commandName"] as? String ?? "?"))
            }
        }
        walk(try #require(root["command"] as? [String: Any]), "")
        #expect(checked > 300)
    }

    @Test("an unknown command is a usage error")
    func unknownCommand() throws {
        let run = try PykalaRun.run(["frobnicate"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("frobnicate"))
    }
}
