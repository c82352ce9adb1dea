import Foundation
import RotaEngine
import RotaJSON

/// Exit statuses of PROTOCOL.md.
public enum ExitStatus: Int32 {
    case success = 0
    case inputRefused = 1
    case usage = 2
}

/// A usage mistake: wrong command, missing argument, bad flag value.
public struct UsageError: Error {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// The `rota` command line: parses arguments and runs one command.
public struct CommandLineTool {
    public static let usage = """
    usage:
      rota validate PROBLEM.json ROTA.json [--text] [--policy FILE]
      rota solve PROBLEM.json [--time-limit SECONDS] [--seed N] [--threads K] [--out ROTA.json] [--policy FILE] [--quiet] [--trace]
      rota generate --people N [--seed S] [--family standard|dense] [--areas N] [--supply R] [--party-seats MIN-MAX] [--spread F] [--week-start YYYY-MM-DD] [--weekly] [--out PROBLEM.json]
      rota bench [--sizes 400,1500,5000,20000] [--families standard,dense] [--time-limit SECONDS] [--threads K] [--seed S]
      rota bench --daemon [--people N] [--requests N] [--window N]
      rota bench --record [--people N] [--records N] [--keep DIR]
      rota bench --officer [--people N] [--requests N]
      rota serve [--data-dir DIR] [--max-request-bytes N] [--max-response-bytes N] [--compact-every N]
      rota week PROBLEM.json --week MONDAY [--out FILE]
      rota forecast PROBLEM.json [--weeks N] [--from MONDAY] [--rotas DIR] [--out FILE] [--text] [--week-seconds S] [--first-week-seconds S] [--threads K] [--moves N] [--seed N]
      rota whatif PROBLEM.json ROTA.json CHANGES.json [--out ROTA2.json] [--time-limit S] [--seed N] [--threads K]
      rota suggest PROBLEM.json ROTA.json [--candidates N] [--time-limit S] [--seed N] [--threads K]
      rota report PROBLEM.json ROTA.json --html FILE [--suggestions N] [--time-limit S] [--forecast FORECAST.json]
      rota export PROBLEM.json [ROTA.json] --to DIR
      rota import DIR [--out PROBLEM.json] [--rota-out ROTA.json]
      rota show PROBLEM.json ROTA.json
      rota calendar PROBLEM.json ROTA.json (--person ID | --placement ID) [--out FILE]
      rota sheets PROBLEM.json ROTA.json --html FILE
      rota fuzz [--cases N] [--seed S]      (mutated documents and requests; exit 1 on any failure)
      rota soak [--requests N] [--people N] [--seed S] [--window N]   (mixed load, every answer checked)
      rota crash-test [--kills N] [--seed S] [--compact-every N]      (kill -9 under load; nothing acknowledged lost)
      rota export-model PROBLEM.json        (for bench/cpsat_baseline.py)
      rota repair PROBLEM.json ROTA.json    (keep what can stand, book interpreters)
    """

    /// What `rota help COMMAND` says beyond the usage line.
    static let details: [String: String] = [
        "validate": "Scores any rota against every rule of PROBLEM.md. Prints {hard, soft, breakdown, violations, reportedScoreMatches}; --text prints a summary. Exit 0, or 1 when a file is refused (the message names the file, the JSON path and the reason).",
        "solve": "Solves a problem document and writes the rota (stdout without --out). Progress and a summary with the lower bound on stderr. Deterministic for a seed with --threads 1 and --moves.",
        "generate": "Writes a realistic region (docs/GENERATOR.md), the same for the same seed.",
        "bench": "The solver benchmark: a row per size with the rota, the bound and the gap (docs/BENCHMARKS.md). --daemon measures the daemon instead.",
        "serve": "The JSON-RPC 2.0 daemon on stdin/stdout (README: the protocol, the roles, the error codes). Data in --data-dir (default $ROTA_DATA_DIR, $XDG_DATA_HOME/probation-rota or ~/.local/share/probation-rota) as a snapshot and a journal (docs/STORAGE.md); one daemon per folder. --compact-every N folds the journal into a snapshot every N changes (default 10000).",
        "fuzz": "Seeded mutations of valid documents and requests, fed to the decoders in-process and to a running daemon; every line must be answered and a refused request must change nothing stored. Exit 1 on any failure (docs/RELIABILITY.md).",
        "soak": "A mixed load of reads, upserts, attendance, generates, reschedules and explanations on one daemon; every answer checked; peak memory reported (docs/RELIABILITY.md).",
        "crash-test": "Streams changes to rota serve and kills it with SIGKILL at random moments, compacting every few changes; after each restart every acknowledged change must be there and the published week must validate as it did (docs/RELIABILITY.md).",
        "forecast": "The completion forecast (TIMETABLE.md): plans N weeks (default 12) from the document's week or --from, each a real solve of that week's document with the planned hours of the weeks before credited and placements carried forward; per order the hours planned each week, the projected completion, the deadline and whether it is at risk; a summary by need. --text prints the orders at risk first with why. --threads 1 with --moves is repeatable for a seed.",
        "week": "The week's document of a region (TIMETABLE.md): every weekly entry (sessions, availability, commitments, childcare windows, interpreters' hours) replaced by its occurrence in that week as a dated entry; what solve and validate use for the document's own week.",
        "whatif": "Re-solves the rota for the region with CHANGES (PROTOCOL.md: addSessions, setCapacity, addInterpreters, placements' womenOnly or childcareOnSite, groups' interpreterSupported), starting from ROTA; prints {before, after, rota} with the soft cost, shortfall hours, starters unplaced and access figures of each.",
        "suggest": "Generates candidate additions from where demand goes unmet (a women-only session or placement near women short of hours, an interpreter for the language most in need, a crèche near parents, a second session beside a full one, interpreter support for a group with waiting starters), re-solves the week with each, and ranks them by the shortfall hours they recover, each with its CHANGES for rota whatif.",
        "report": "Writes one self-contained HTML page for a manager: totals, access by need as a table and an SVG bar chart, the people left short grouped by why, and the top capacity suggestions (re-solved). scripts/check-report.sh renders it in headless Chromium.",
        "export": "Writes the document as CSV files a person can edit in a spreadsheet (docs/CSV.md): settings, people, placements, sessions, programmes, groups, group sessions, interpreters, and each nested list (availability, commitments, childcare windows, exclusion zones, non-associations, interests, skills, interpreters' hours) as rows of its own file keyed by id. With ROTA.json also the rota: assignments, programme allocations, interpreter bookings, and the people left short with why.",
        "import": "Reads the CSV files of rota export back (docs/CSV.md) and writes the problem document; --rota-out also writes the rota of assignments.csv, programme-allocations.csv and interpreter-bookings.csv. Accepts what spreadsheets do to files: a byte-order mark, CRLF, quoted fields, UK dates (31/12/2026), times as 9:30, columns in any order, extra columns. An error names the file, the row, the column and the reason; exit 1.",
        "show": "The week as text: per day, per placement and programme group, who goes where (with interpreter and crèche marks); then the people left short with their reasons.",
        "calendar": "An RFC 5545 iCalendar file of the week: for --person their placement and programme sessions with the place's name and location (coordinates: the documents carry no postal address); for --placement each session with its attendees (names, interpreter booked, crèche) and nothing of their risk. Times are Europe/London with a VTIMEZONE; each session occurrence has a stable UID.",
        "sheets": "One self-contained printable HTML page: a page per placement for its supervisor (each session's time, capacity and attendees with interpreter, crèche, and columns to sign in and record hours) and a week card per person. scripts/check-sheets.sh renders it in headless Chromium.",
        "export-model": "The candidate model as JSON, for bench/cpsat_baseline.py.",
        "repair": "A rota with every entry that can stand kept and interpreters booked.",
    ]

    let arguments: [String]
    public init(arguments: [String]) { self.arguments = arguments }

    /// Runs the command; returns the exit status. Output goes to `out`, diagnostics to stderr.
    public func run() -> ExitStatus {
        guard let command = arguments.first else {
            Diagnostics.error(Self.usage)
            return .usage
        }
        var args = Arguments(Array(arguments.dropFirst()))
        do {
            switch command {
            case "validate": return try ValidateCommand.run(&args)
            case "solve": return try SolveCommand.run(&args)
            case "generate": return try GenerateCommand.run(&args)
            case "bench": return try BenchCommand.run(&args)
            case "bench-one": return BenchCommand.one(Array(arguments.dropFirst()))
            case "serve": return try ServeCommand.run(&args)
            case "fuzz": return try FuzzCommand.run(&args)
            case "whatif": return try WhatIfCommand.run(&args)
            case "week": return try WeekCommand.run(&args)
            case "forecast": return try ForecastCommand.run(&args)
            case "suggest": return try SuggestCommand.run(&args)
            case "report": return try ReportCommand.run(&args)
            case "soak": return try SoakCommand.run(&args)
            case "crash-test": return try CrashCommand.run(&args)
            case "export": return try SpreadsheetCommands.export(&args)
            case "import": return try SpreadsheetCommands.import(&args)
            case "show": return try ShowCommand.run(&args)
            case "calendar": return try CalendarCommand.run(&args)
            case "sheets": return try SheetsCommand.run(&args)
            case "export-model": return try ComparisonCommands.exportModel(&args)
            case "repair": return try ComparisonCommands.repair(&args)
            case "-h", "--help":
                Diagnostics.out(Self.usage)
                return .success
            case "--version", "version":
                Diagnostics.out("rota \(RotaService.version)")
                return .success
            case "help":
                guard let topic = args.rest.first else {
                    Diagnostics.out(Self.usage)
                    return .success
                }
                let lines = Self.usage.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("rota \(topic) ") || $0.trimmingCharacters(in: .whitespaces) == "rota \(topic)" }
                guard !lines.isEmpty else { throw UsageError("no command \"\(topic)\"") }
                Diagnostics.out(lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n") + "\n\n" + (Self.details[topic] ?? ""))
                return .success
            default:
                throw UsageError("unknown command \"\(command)\"")
            }
        } catch let e as UsageError {
            Diagnostics.error("rota: \(e.message)\n\(Self.usage)")
            return .usage
        } catch let e as InputError {
            Diagnostics.error("rota: input refused: \(e.description)")
            return .inputRefused
        } catch {
            Diagnostics.error("rota: \(error)")
            return .inputRefused
        }
    }
}

/// Flag parsing for the subcommands: `--name value`, `--flag`, and positionals.
public struct Arguments {
    var rest: [String]
    init(_ a: [String]) { rest = a }

    mutating func flag(_ name: String) -> Bool {
        if let i = rest.firstIndex(of: name) { rest.remove(at: i); return true }
        return false
    }

    mutating func value(_ name: String) throws -> String? {
        guard let i = rest.firstIndex(of: name) else { return nil }
        guard i + 1 < rest.count else { throw UsageError("\(name) needs a value") }
        let v = rest[i + 1]
        rest.removeSubrange(i...(i + 1))
        return v
    }

    mutating func int(_ name: String, range: ClosedRange<Int>) throws -> Int? {
        guard let s = try value(name) else { return nil }
        guard let v = Int(s), range.contains(v) else { throw UsageError("\(name) expects a whole number in \(range.lowerBound)…\(range.upperBound), got \"\(s)\"") }
        return v
    }

    mutating func double(_ name: String, range: ClosedRange<Double>) throws -> Double? {
        guard let s = try value(name) else { return nil }
        guard let v = Double(s), v.isFinite, range.contains(v) else { throw UsageError("\(name) expects a number in \(range.lowerBound)…\(range.upperBound), got \"\(s)\"") }
        return v
    }

    mutating func positional(_ what: String) throws -> String {
        guard let i = rest.firstIndex(where: { !$0.hasPrefix("--") }) else { throw UsageError("missing \(what)") }
        return rest.remove(at: i)
    }

    func finish() throws {
        if let extra = rest.first { throw UsageError("unexpected argument \"\(extra)\"") }
    }
}

/// Where the command line writes. The protocol stream of `serve` never goes through here.
public enum Diagnostics {
    public static func out(_ s: String) {
        FileHandle.standardOutput.write((s + "\n").data(using: .utf8)!)
    }
    public static func error(_ s: String) {
        FileHandle.standardError.write((s + "\n").data(using: .utf8)!)
    }
}
