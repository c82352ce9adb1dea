import Foundation
import RotaEngine
import RotaJSON
import RotaSheets

/// Reads the PROBLEM.json ROTA.json pair the print commands share: the plan of the rota in its
/// week's document.
private func loadPlan(_ args: inout Arguments) throws -> (Problem, WeekPlan) {
    let problemPath = try args.positional("PROBLEM.json")
    let rotaPath = try args.positional("ROTA.json")
    try args.finish()
    let problem = try DocumentLoader.problem(path: problemPath, policy: DocumentLoader.basePolicy(explicitPath: nil))
    let rota = try DocumentLoader.rota(path: rotaPath)
    return (problem, WeekPlan(problem: problem, rota: rota))
}

/// `rota show PROBLEM.json ROTA.json`: the week as text.
enum ShowCommand {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        let (_, plan) = try loadPlan(&args)
        FileHandle.standardOutput.write(Data(WeekText.render(plan).utf8))
        return .success
    }
}

/// `rota calendar PROBLEM.json ROTA.json (--person ID | --placement ID) [--out FILE]`.
enum CalendarCommand {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        let person = try args.value("--person"), placement = try args.value("--placement")
        let out = try args.value("--out")
        guard (person == nil) != (placement == nil) else { throw UsageError("rota calendar needs one of --person ID or --placement ID") }
        let (problem, plan) = try loadPlan(&args)
        let subject: RotaCalendar.Subject = person.map { .person($0) } ?? .placement(placement!)
        let text: String
        do { text = try RotaCalendar.render(plan, problem: problem, for: subject, stamp: stamp()) } catch {
            switch error {
            case .unknownPerson(let id): throw InputError(path: "--person", reason: "no person \"\(id)\" in the problem")
            case .unknownPlacement(let id): throw InputError(path: "--placement", reason: "no placement \"\(id)\" in the problem")
            }
        }
        if let out {
            try DocumentLoader.write(text, to: out)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        return .success
    }

    /// Now, as an iCalendar UTC date-time (`DTSTAMP`).
    static func stamp(_ date: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: date)
    }
}

/// `rota sheets PROBLEM.json ROTA.json --html FILE`: sign-in sheets and week cards to print.
enum SheetsCommand {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        guard let out = try args.value("--html") else { throw UsageError("rota sheets needs --html FILE") }
        let (problem, plan) = try loadPlan(&args)
        try DocumentLoader.write(PrintableSheets.html(plan, problem: problem), to: out)
        return .success
    }
}
