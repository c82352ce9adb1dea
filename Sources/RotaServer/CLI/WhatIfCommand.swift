import Foundation
import RotaEngine
import RotaJSON
import RotaSolver

/// `rota whatif PROBLEM.json ROTA.json CHANGES.json [--out ROTA2.json] [--time-limit S] [--seed N] [--threads K]`:
/// the rota re-solved for the region with the changes, from the given rota; prints
/// `{before, after, rota}` (the rota goes to `--out` instead when given).
enum WhatIfCommand {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        var options = SolveOptions()
        options.timeLimitSeconds = try args.double("--time-limit", range: 0...3600) ?? 1.5
        if let s = try args.int("--seed", range: 0...Int.max) { options.seed = UInt64(s) }
        if let k = try args.int("--threads", range: 1...64) { options.threads = k }
        let out = try args.value("--out")
        let problemPath = try args.positional("PROBLEM.json"), rotaPath = try args.positional("ROTA.json")
        let changesPath = try args.positional("CHANGES.json")
        try args.finish()
        let problem = try DocumentLoader.problem(path: problemPath, policy: DocumentLoader.basePolicy(explicitPath: nil))
        let rota = try DocumentLoader.rota(path: rotaPath)
        let changesJSON = try DocumentLoader.readJSON(path: changesPath)
        let outcome: WhatIf.Outcome
        do {
            let changes = try CapacityChanges.decode(FieldReader(changesJSON, path: ""))
            outcome = try WhatIf.run(problem: problem, rota: rota, changes: changes, options: options)
        } catch { throw error.inFile(changesPath) }
        var result: [(String, JSONValue)] = [("before", outcome.before.json), ("after", outcome.after.json)]
        if let out {
            let text = JSONWriter.string(RotaEncoder.encode(outcome.rota), pretty: true)
            try DocumentLoader.write(text, to: out)
        } else {
            result.append(("rota", RotaEncoder.encode(outcome.rota)))
        }
        Diagnostics.out(JSONWriter.string(.obj(result), pretty: true))
        return .success
    }
}

/// `rota suggest PROBLEM.json ROTA.json [--candidates N] [--time-limit S] [--seed N] [--threads K]`:
/// capacity suggestions from where demand goes unmet, each re-solved, best first.
enum SuggestCommand {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        var options = SolveOptions()
        let candidates = try args.int("--candidates", range: 1...50) ?? 10
        // Each candidate's re-solve gets an equal share of the time limit.
        options.timeLimitSeconds = try args.double("--time-limit", range: 0...3600) ?? Double(candidates) * 2
        if let s = try args.int("--seed", range: 0...Int.max) { options.seed = UInt64(s) }
        if let k = try args.int("--threads", range: 1...64) { options.threads = k }
        let problemPath = try args.positional("PROBLEM.json"), rotaPath = try args.positional("ROTA.json")
        try args.finish()
        let problem = try DocumentLoader.problem(path: problemPath, policy: DocumentLoader.basePolicy(explicitPath: nil))
        let rota = try DocumentLoader.rota(path: rotaPath)
        let suggestions = CapacitySuggestions.suggest(problem: problem, rota: rota, candidates: candidates, options: options)
        Diagnostics.out(JSONWriter.string(SuggestionsJSON.encode(suggestions), pretty: true))
        return .success
    }
}

/// The answer of `rota suggest` and `capacity.suggest`.
enum SuggestionsJSON {
    static func encode(_ suggestions: [CapacitySuggestions.Suggestion]) -> JSONValue {
        var m: [(String, JSONValue)] = []
        if let first = suggestions.first { m.append(("before", first.before.json)) }
        m.append(("suggestions", .array(suggestions.map { s in
            .obj([("change", s.change.json), ("summary", .string(s.summary)), ("shortfallHoursRecovered", .amount(s.shortfallHoursRecovered)), ("after", s.after.json)])
        })))
        return .obj(m)
    }
}

/// `rota report PROBLEM.json ROTA.json --html FILE [--suggestions N] [--time-limit S] [--forecast FILE]`: the
/// manager's page (`ManagerReport`), with the top suggestions re-solved in the time given.
enum ReportCommand {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        guard let out = try args.value("--html") else { throw UsageError("rota report needs --html FILE") }
        let count = try args.int("--suggestions", range: 0...20) ?? 5
        let forecastPath = try args.value("--forecast")
        var options = SolveOptions()
        options.timeLimitSeconds = try args.double("--time-limit", range: 0...3600) ?? Double(count) * 2
        let problemPath = try args.positional("PROBLEM.json"), rotaPath = try args.positional("ROTA.json")
        try args.finish()
        let problem = try DocumentLoader.problem(path: problemPath, policy: DocumentLoader.basePolicy(explicitPath: nil))
        let rota = try DocumentLoader.rota(path: rotaPath)
        let suggestions = count == 0 ? [] : CapacitySuggestions.suggest(problem: problem, rota: rota, candidates: count, options: options)
        let forecast = try forecastPath.map { try DocumentLoader.readJSON(path: $0) }
        let page = ManagerReport.html(problem: problem, rota: rota, suggestions: suggestions, forecast: forecast)
        try DocumentLoader.write(page, to: out)
        Diagnostics.error("report: wrote \(out)")
        return .success
    }
}
