import Foundation
import RotaEngine
import RotaJSON

/// `rota week PROBLEM.json --week MONDAY [--out FILE]`: the week's document (TIMETABLE.md) —
/// every weekly entry replaced by its occurrence in that week, as PROBLEM.md's dated entries.
enum WeekCommand {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        guard let text = try args.value("--week") else { throw UsageError("rota week needs --week MONDAY") }
        guard let week = CalendarDay(iso: text), week.isMonday else { throw UsageError("--week expects a Monday YYYY-MM-DD, got \"\(text)\"") }
        let out = try args.value("--out")
        let path = try args.positional("PROBLEM.json")
        try args.finish()
        let document = try DocumentLoader.document(path: path, policy: DocumentLoader.basePolicy(explicitPath: nil))
        let json = JSONWriter.string(ProblemEncoder.encode(document.document(forWeek: week)), pretty: true)
        try DocumentLoader.write(json, to: out)
        return .success
    }
}
