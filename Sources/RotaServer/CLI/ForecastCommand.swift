import Foundation
import RotaEngine
import RotaJSON
import RotaSolver

/// `rota forecast PROBLEM.json [--weeks N] [--from MONDAY] [--rotas DIR] [--out FILE] [--text]
/// [--week-seconds S] [--first-week-seconds S] [--threads K] [--moves N] [--seed N]`: the
/// completion forecast of TIMETABLE.md from the document's `weekStart` (or `--from`).
enum ForecastCommand {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        let weeks = try args.int("--weeks", range: 1...52) ?? 12
        let fromText = try args.value("--from")
        let rotasDir = try args.value("--rotas")
        let out = try args.value("--out")
        let text = args.flag("--text")
        var later = SolveOptions(), first = SolveOptions()
        later.timeLimitSeconds = try args.double("--week-seconds", range: 0...3600) ?? 2
        first.timeLimitSeconds = try args.double("--first-week-seconds", range: 0...3600) ?? 6
        if let k = try args.int("--threads", range: 1...64) { later.threads = k; first.threads = k }
        if let n = try args.int("--moves", range: 0...Int.max) { later.maxMoves = n; first.maxMoves = n }
        if let s = try args.int("--seed", range: 0...Int.max) { later.seed = UInt64(s); first.seed = UInt64(s) }
        let path = try args.positional("PROBLEM.json")
        try args.finish()
        let document = try DocumentLoader.document(path: path, policy: DocumentLoader.basePolicy(explicitPath: nil))
        var from = document.weekStart
        if let fromText {
            guard let d = CalendarDay(iso: fromText), d.isMonday else { throw UsageError("--from expects a Monday YYYY-MM-DD, got \"\(fromText)\"") }
            from = d
        }
        let result = Forecast.run(base: document, fromWeek: from, weeks: weeks, firstWeek: first, laterWeeks: later, progress: { k, seconds, soft in
            Diagnostics.error(String(format: "week %d (%@): %.2f s, soft %.2f", k + 1, from.adding(days: 7 * k).description, seconds, soft))
        })
        if let rotasDir {
            try? FileManager.default.createDirectory(atPath: rotasDir, withIntermediateDirectories: true)
            for (k, rota) in result.rotas.enumerated() {
                let file = "\(rotasDir)/\(from.adding(days: 7 * k)).json"
                try DocumentLoader.write(JSONWriter.string(RotaEncoder.encode(rota), pretty: true), to: file)
            }
        }
        let body = text ? ForecastJSON.text(result) : JSONWriter.string(ForecastJSON.encode(result), pretty: true)
        try DocumentLoader.write(body, to: out)
        return .success
    }
}

/// The forecast's JSON (TIMETABLE.md) and its text for a manager.
enum ForecastJSON {
    static func encode(_ r: Forecast.Result) -> JSONValue {
        var byNeed: [(String, JSONValue)] = []
        for need in Forecast.needs {
            let mine = r.orders.filter { $0.needs.contains(need) }
            byNeed.append((need, .obj([("orders", .int(mine.count)), ("atRisk", .int(mine.filter(\.atRisk).count))])))
        }
        return .obj([
            ("fromWeek", .string(r.fromWeek.description)), ("weeks", .int(r.weeks)),
            ("orders", .array(r.orders.map { o in
                .obj([("personId", .string(o.personId)), ("hoursRemaining", .amount(o.hoursRemaining)), ("deadline", .string(o.deadline.description)),
                      ("plannedHours", .array(o.plannedHours.map { .amount($0) })),
                      ("projectedCompletion", o.projectedCompletion.map { .string($0.description) } ?? .null), ("atRisk", .bool(o.atRisk))])
            })),
            ("summary", .obj([("orders", .int(r.orders.count)), ("atRisk", .int(r.orders.filter(\.atRisk).count)),
                              ("hoursPlanned", .amount(r.hoursPlanned)), ("byNeed", .obj(byNeed))])),
            ("weekSeconds", .array(r.weekSeconds.map { .number(($0 * 100).rounded() / 100) })),
            ("weekSoft", .array(r.weekSoft.map { .amount($0) })),
        ])
    }

    /// The orders at risk first (soonest deadline first), each with its projected date, its
    /// deadline and why; then the count of those on track.
    static func text(_ r: Forecast.Result) -> String {
        let risky = r.orders.filter(\.atRisk).sorted { ($0.deadline, $0.personId) < ($1.deadline, $1.personId) }
        var lines = ["Completion forecast: \(r.weeks) weeks from \(r.fromWeek); \(r.orders.count) orders, \(risky.count) at risk of missing their deadline.", ""]
        for need in Forecast.needs where need != "all" {
            let mine = r.orders.filter { $0.needs.contains(need) }
            if !mine.isEmpty { lines.append("  \(need): \(mine.filter(\.atRisk).count) of \(mine.count) at risk") }
        }
        lines.append("")
        for o in risky {
            let when = o.projectedCompletion.map { "projected to finish \($0)" } ?? "no finish in sight at this pace"
            lines.append("\(o.personId): \(JSONWriter.formatNumber((o.hoursRemaining * 100).rounded() / 100)) h left, \(when), deadline \(o.deadline)")
            for reason in o.reasons.prefix(2) { lines.append("    why: \(reason)") }
        }
        lines.append("")
        lines.append("\(r.orders.count - risky.count) orders on track.")
        return lines.joined(separator: "\n")
    }
}
