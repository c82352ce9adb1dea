import Foundation
import RotaEngine
import RotaGenerator
import RotaJSON

/// `rota generate --people N [--seed S] [--week-start D] [--weekly] [--out FILE]`: a realistic
/// region; `--weekly` writes it in weekly form (TIMETABLE.md).
enum GenerateCommand {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        guard let n = try args.int("--people", range: 1...200_000) else { throw UsageError("--people N is required") }
        let seed = try args.int("--seed", range: 0...Int.max) ?? 1
        let weekText = try args.value("--week-start") ?? "2026-11-30"
        let out = try args.value("--out")
        let weekly = args.flag("--weekly")
        try args.finish()
        guard let week = CalendarDay(iso: weekText), week.isMonday else { throw UsageError("--week-start must be a Monday YYYY-MM-DD") }
        let dated = RegionGenerator(people: n, seed: UInt64(seed), weekStart: week).generate()
        let problem = weekly ? RegionGenerator.weeklyForm(dated, seed: UInt64(seed)) : dated
        let text = JSONWriter.string(ProblemEncoder.encode(problem), pretty: n <= 2000)
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: Data(text.utf8)) else { throw InputError(path: "", reason: "\(out): cannot write") }
            Diagnostics.error("wrote \(out): \(problem.people.count) people, \(problem.placements.count) placements, \(problem.programmes.flatMap(\.groups).count) groups, \(problem.interpreters.count) interpreters")
        } else {
            Diagnostics.out(text)
        }
        return .success
    }
}
