import Foundation
import RotaEngine
import RotaGenerator
import RotaJSON

/// `rota generate --people N [--seed S] [--family standard|dense] [--areas N] [--supply R]
/// [--party-seats MIN-MAX] [--spread F] [--week-start D] [--weekly] [--out FILE]`: a realistic region;
/// `--weekly` writes it in weekly form (TIMETABLE.md).
enum GenerateCommand {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        guard let n = try args.int("--people", range: 1...200_000) else { throw UsageError("--people N is required") }
        let seed = try args.int("--seed", range: 0...Int.max) ?? 1
        let weekText = try args.value("--week-start") ?? "2026-11-30"
        let out = try args.value("--out")
        let weekly = args.flag("--weekly")
        let familyName = try args.value("--family") ?? "standard"
        guard let family = RegionGenerator.Family(rawValue: familyName) else { throw UsageError("--family expects standard or dense, got \"\(familyName)\"") }
        let areas = try args.int("--areas", range: 1...100)
        let supply = try args.double("--supply", range: 0.1...10)
        let seats = try args.value("--party-seats")
        let spread = try args.double("--spread", range: 0.05...4)
        try args.finish()
        guard let week = CalendarDay(iso: weekText), week.isMonday else { throw UsageError("--week-start must be a Monday YYYY-MM-DD") }
        var generator = RegionGenerator(people: n, seed: UInt64(seed), family: family, weekStart: week)
        if let areas { generator.areas = areas }
        if let supply { generator.supplyRatio = supply }
        if let spread { generator.spread = spread }
        if let seats {
            let parts = seats.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, parts[0] >= 1, parts[0] <= parts[1], parts[1] <= 100 else { throw UsageError("--party-seats expects MIN-MAX, got \"\(seats)\"") }
            generator.partySeats = parts[0]...parts[1]
        }
        let dated = generator.generate()
        let problem = weekly ? RegionGenerator.weeklyForm(dated, seed: UInt64(seed)) : dated
        let text = JSONWriter.string(ProblemEncoder.encode(problem), pretty: n <= 2000)
        try DocumentLoader.write(text, to: out)
        if let out {
            Diagnostics.error("wrote \(out): \(problem.people.count) people, \(problem.placements.count) placements, \(problem.programmes.flatMap(\.groups).count) groups, \(problem.interpreters.count) interpreters")
        }
        return .success
    }
}
