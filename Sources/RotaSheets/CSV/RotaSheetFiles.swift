import RotaEngine
import RotaJSON

/// The names of a rota's CSV files.
enum RotaSheetNames {
    static let assignments = "assignments.csv"
    static let allocations = "programme-allocations.csv"
    static let bookings = "interpreter-bookings.csv"
    static let unmet = "unmet.csv"
    static let all: Set<String> = [assignments, allocations, bookings, unmet]
}

/// A rota as CSV: one row per assignment, programme allocation and interpreter booking, each
/// with the names, days and times a scheduler needs to read it; and the people left short.
/// The id columns read back (`rotaEntries`), so an edited assignments file is a rota again.
public enum RotaSheetFiles {
    /// `problem` is the week's document the rota is for.
    public static func files(problem: Problem, rota: Rota) -> [(name: String, text: String)] {
        let plan = WeekPlan(problem: problem, rota: rota)
        var session: [String: WeekPlan.Sitting] = [:]
        for s in plan.sittings { session[s.id] = s }
        var interpreterFor: [String: [String]] = [:]   // "person|session" → interpreters
        for s in plan.sittings { for a in s.attendees where !a.interpreters.isEmpty { interpreterFor[a.person.id + "|" + s.id] = a.interpreters } }
        let yes = CellKind.yesNo
        let assignments = rota.assignments.map { a -> [String] in
            let s = session[a.sessionId]
            return [a.personId, plan.displayName(a.personId), s?.venue.id ?? "", s?.venue.title ?? "", a.sessionId,
                    s.map { $0.interval.day.description } ?? "", s?.interval.day.weekdayName ?? "",
                    s.map { $0.interval.start.description } ?? "", s.map { $0.interval.end.description } ?? "",
                    s.map { CellKind.number.write(.amount($0.hours)) } ?? "",
                    (interpreterFor[a.personId + "|" + a.sessionId] ?? []).joined(separator: "; "),
                    yes.write(.bool(s?.attendees.first { $0.person.id == a.personId }?.needsCreche ?? false))]
        }
        var groupTitle: [String: (String, String)] = [:]
        for pr in problem.programmes { for g in pr.groups { groupTitle[g.id] = (pr.id, pr.name) } }
        let allocations = rota.programmeAllocations.map { a -> [String] in
            [a.personId, plan.displayName(a.personId), groupTitle[a.groupId]?.0 ?? "", groupTitle[a.groupId]?.1 ?? "", a.groupId]
        }
        let bookings = rota.interpreterBookings.map { b -> [String] in
            let s = session[b.sessionId]
            return [b.interpreterId, b.sessionId, b.language, s?.venue.title ?? "", s.map { $0.interval.day.description } ?? "",
                    s.map { $0.interval.start.description } ?? "", s.map { $0.interval.end.description } ?? ""]
        }
        let unmet = plan.unmet.map { u -> [String] in
            [u.personId, plan.displayName(u.personId), CellKind.number.write(.amount(u.shortfallHours)), u.reasons.joined(separator: "\n")]
        }
        return [
            (RotaSheetNames.assignments, CSVText.file(header: ["Person ID", "Name", "Placement ID", "Placement", "Session ID", "Date", "Weekday",
                                                               "Start", "End", "Hours", "Interpreter booked", "Creche needed"], rows: assignments.map(protect))),
            (RotaSheetNames.allocations, CSVText.file(header: ["Person ID", "Name", "Programme ID", "Programme", "Group ID"], rows: allocations.map(protect))),
            (RotaSheetNames.bookings, CSVText.file(header: ["Interpreter ID", "Session ID", "Language", "Where", "Date", "Start", "End"], rows: bookings.map(protect))),
            (RotaSheetNames.unmet, CSVText.file(header: ["Person ID", "Name", "Shortfall hours", "Reasons"], rows: unmet.map(protect))),
        ]
    }

    private static func protect(_ row: [String]) -> [String] { row.map(CellKind.protect) }

    /// The rota entries of the files that are given (the ids; names and times are for reading).
    public static func rota(files: [(name: String, text: String)], weekStart: CalendarDay) throws(InputError) -> Rota {
        var rota = Rota(weekStart: weekStart.description)
        for f in files {
            switch f.name.lowercased() {
            case RotaSheetNames.assignments:
                for r in try entries(f, ["Person ID", "Session ID"]) { rota.assignments.append(Assignment(personId: r[0], sessionId: r[1])) }
            case RotaSheetNames.allocations:
                for r in try entries(f, ["Person ID", "Group ID"]) { rota.programmeAllocations.append(ProgrammeAllocation(personId: r[0], groupId: r[1])) }
            case RotaSheetNames.bookings:
                for r in try entries(f, ["Interpreter ID", "Session ID", "Language"]) {
                    rota.interpreterBookings.append(InterpreterBooking(interpreterId: r[0], sessionId: r[1], language: r[2]))
                }
            default: continue
            }
        }
        return rota
    }

    private static func entries(_ f: (name: String, text: String), _ headers: [String]) throws(InputError) -> [[String]] {
        let table = try SheetTable(file: f.name, text: f.text, columns: headers.map { SheetColumn($0, .text, .element, required: true) })
        var out: [[String]] = []
        for record in table.records {
            var row: [String] = []
            for h in headers {
                let text = table.cell(record, h)
                guard !text.isEmpty else { throw InputError(path: CellOrigin(file: f.name, row: record.row, column: h).description, reason: "must not be empty") }
                if case .success(.string(let s)) = CellKind.text.read(text) { row.append(s) }
            }
            out.append(row)
        }
        return out
    }
}
