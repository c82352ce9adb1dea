import Dispatch
import RotaEngine

/// The completion forecast (TIMETABLE.md): at the pace this region can actually offer each
/// person, when does each unpaid-work order finish, and which will miss its deadline? Each week
/// is a real solve of that week's document, with the hours planned in the weeks before credited
/// as worked and each person's last planned placement carried forward; each week starts from
/// the one before (weekly sessions keep their ids).
public enum Forecast {
    public struct Order: Sendable {
        public var personId: String
        public var hoursRemaining: Double
        public var deadline: CalendarDay
        public var plannedHours: [Double]
        public var projectedCompletion: CalendarDay?
        public var atRisk: Bool
        /// The unmet reasons of its weeks, each once, in the order they first came.
        public var reasons: [String]
        public var needs: [String]
    }

    public struct Result: Sendable {
        public var fromWeek: CalendarDay
        public var weeks: Int
        public var orders: [Order]
        public var rotas: [Rota]
        public var weekSeconds: [Double]
        public var weekSoft: [Double]
        public var hoursPlanned: Double { orders.reduce(0) { $0 + $1.plannedHours.reduce(0, +) } }
    }

    public static let needs = ["all", "interpreter", "womenOnly", "childcare"]

    /// `base`: the region's document as written (weekly entries kept), with hours completed and
    /// current placements as they stand at `fromWeek`. `firstWeek` is the first week's options
    /// (its plan is the one a scheduler would publish), `laterWeeks` every other week's.
    public static func run(base: Problem, fromWeek: CalendarDay, weeks: Int, firstWeek: SolveOptions, laterWeeks: SolveOptions,
                           isCancelled: @escaping @Sendable () -> Bool = { false },
                           progress: ((_ week: Int, _ seconds: Double, _ soft: Double) -> Void)? = nil) -> Result {
        var current = base
        var rotas: [Rota] = [], seconds: [Double] = [], softs: [Double] = []
        let people = base.people
        let remaining = people.map { p in p.upw.map { max(0, $0.hoursOrdered - $0.hoursCompleted) } ?? 0 }
        var planned = Array(repeating: [Double](), count: people.count)
        var sessionsPlanned = Array(repeating: [(day: CalendarDay, start: Int, hours: Double)](), count: people.count)
        var reasons = Array(repeating: [String](), count: people.count)
        var previous: Rota? = nil
        for k in 0..<weeks where !isCancelled() {
            let week = fromWeek.adding(days: 7 * k)
            let document = current.document(forWeek: week)
            var options = k == 0 ? firstWeek : laterWeeks
            options.start = previous
            let started = DispatchTime.now().uptimeNanoseconds
            let result = Solver.solve(document, options: options, isCancelled: isCancelled)
            let took = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            rotas.append(result.rota)
            seconds.append(took)
            softs.append(result.report.soft)
            progress?(k, took, result.report.soft)
            previous = result.rota
            // Credit the week's planned hours and carry each person's last placement forward.
            let region = Region(document)
            let occupancy = Occupancy(region: region, rota: ResolvedRota(result.rota, in: region))
            for p in people.indices {
                let held = occupancy.sessionsOf[p].map { region.sessions[$0] }.sorted { ($0.interval.day, $0.interval.start.minutes) < ($1.interval.day, $1.interval.start.minutes) }
                let hours = held.reduce(0) { $0 + $1.hours }
                planned[p].append(hours)
                for s in held { sessionsPlanned[p].append((s.interval.day, s.interval.start.minutes, s.hours)) }
                if hours > 0, current.people[p].upw != nil { current.people[p].upw!.hoursCompleted += hours }
                if let last = held.last { current.people[p].currentPlacementId = region.problem.placements[last.placement].id }
            }
            for u in result.rota.unmet {
                guard let p = region.personIndex[u.personId] else { continue }
                for r in u.reasons where !reasons[p].contains(r) { reasons[p].append(r) }
            }
        }
        let done = rotas.count
        var orders: [Order] = []
        for (p, person) in people.enumerated() {
            guard let upw = person.upw, remaining[p] > 1e-9 else { continue }
            var total = 0.0
            var completion: CalendarDay? = nil
            for s in sessionsPlanned[p] {
                total += s.hours
                if total >= remaining[p] - 1e-9 { completion = s.day; break }
            }
            if completion == nil && done > 0 {
                let left = remaining[p] - total
                let mean = planned[p].reduce(0, +) / Double(done)
                if mean > 1e-9 { completion = fromWeek.adding(days: 7 * (done + Int((left / mean).rounded(.up)) - 1) + 6) }
            }
            var needs = ["all"]
            if person.needsInterpreter { needs.append("interpreter") }
            if person.womenOnly { needs.append("womenOnly") }
            if person.childcareWindows != nil { needs.append("childcare") }
            orders.append(Order(personId: person.id, hoursRemaining: remaining[p], deadline: upw.deadline, plannedHours: planned[p],
                                projectedCompletion: completion, atRisk: completion.map { $0 > upw.deadline } ?? true,
                                reasons: reasons[p], needs: needs))
        }
        return Result(fromWeek: fromWeek, weeks: done, orders: orders, rotas: rotas, weekSeconds: seconds, weekSoft: softs)
    }
}
