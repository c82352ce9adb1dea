import RotaEngine

/// Capacity suggestions: candidate additions generated from where demand goes unmet, each
/// evaluated by re-solving the week with it (a what-if), ranked by the shortfall hours it
/// recovers. A scheduler cannot create sessions; this tells the people who commission them
/// which resource would bring the people left out in.
public enum CapacitySuggestions {
    public struct Suggestion: Sendable {
        public var change: CapacityChanges
        /// What the change is, in a manager's words (completed with its effect once evaluated).
        public var summary: String
        public var shortfallHoursRecovered: Double
        public var before: WhatIfFigures
        public var after: WhatIfFigures
    }

    /// Up to `candidates` suggestions, best first; each re-solve gets an equal share of
    /// `options.timeLimitSeconds`.
    public static func suggest(problem: Problem, rota: Rota, candidates: Int, options: SolveOptions,
                               isCancelled: @escaping @Sendable () -> Bool = { false }) -> [Suggestion] {
        let region = Region(problem)
        let occupancy = Occupancy(region: region, rota: ResolvedRota(rota, in: region))
        let proposals = Array(propose(region: region, occupancy: occupancy).prefix(candidates))
        var each = options
        each.timeLimitSeconds = options.timeLimitSeconds / Double(max(1, proposals.count))
        var out: [Suggestion] = []
        for (change, what) in proposals where !isCancelled() {
            guard let outcome = try? WhatIf.run(problem: problem, rota: rota, changes: change, options: each, isCancelled: isCancelled) else { continue }
            let recovered = outcome.before.shortfallHours - outcome.after.shortfallHours
            out.append(Suggestion(change: change, summary: what + effect(outcome.before, outcome.after, recovered),
                                  shortfallHoursRecovered: recovered, before: outcome.before, after: outcome.after))
        }
        return out.sorted { $0.shortfallHoursRecovered > $1.shortfallHoursRecovered }
    }

    static func effect(_ before: WhatIfFigures, _ after: WhatIfFigures, _ recovered: Double) -> String {
        var s = ": \(recovered >= 0 ? "+" : "")\(amount(recovered)) h"
        // The need whose figure moves most.
        var best: (String, Double, Double)? = nil
        for need in AccessFigures.needs where need != "all" {
            let b = before.access.byNeed[need]?.targetMet ?? 0, a = after.access.byNeed[need]?.targetMet ?? 0
            if (before.access.byNeed[need]?.people ?? 0) > 0, a - b > (best.map { $0.2 - $0.1 } ?? 0.005) { best = (need, b, a) }
        }
        if let (need, b, a) = best { s += ", \(phrases[need] ?? need) target met \(amount(b)) → \(amount(a))" }
        let starters = before.startersUnplaced - after.startersUnplaced
        if starters > 0 { s += ", \(starters) more starter\(starters == 1 ? "" : "s") placed" }
        return s
    }

    static let phrases = ["interpreter": "interpreter users'", "womenOnly": "women-only", "childcare": "parents'", "roshHigh": "high-risk people's"]

    static func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }

    static func amount(_ d: Double) -> String {
        let r = (d * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// Candidate changes, taken in turn from each kind of unmet demand so that every kind is
    /// represented before any kind's second best. Demand is counted precisely: a person short of
    /// hours counts for a resource only at sessions that one missing resource alone keeps them out
    /// of (full, mixed for a woman who needs women-only, outside school hours with no crèche, no
    /// interpreter free).
    static func propose(region: Region, occupancy: Occupancy) -> [(CapacityChanges, String)] {
        let people = region.people
        let placements = region.problem.placements
        let name = { (pl: Int) in placements[pl].name.isEmpty ? placements[pl].id : placements[pl].name }
        var full: [Int: Set<Int>] = [:], mixed: [Int: Set<Int>] = [:], creche: [Int: Set<Int>] = [:]
        var interpreter: [String: [CalendarDay: Set<Int>]] = [:]
        let grid = PlacementGrid(region: region)
        for p in people.indices where occupancy.shortfallHours(p) > 1e-9 {
            for pl in grid.placements(near: people[p].home, withinKm: region.maxTravelKm[p]) {
                for s in grid.sessionsOf(placement: pl) where !occupancy.sessionsOf[p].contains(s) {
                    let obstacles = occupancy.obstacles(person: p, session: s)
                    guard obstacles.count == 1 else { continue }
                    switch obstacles[0] {
                    case .full: full[s, default: []].insert(p)
                    case .barrier(let b) where b == .mixedSession: mixed[pl, default: []].insert(p)
                    case .barrier(let b) where b == .outsideChildcare: creche[pl, default: []].insert(p)
                    case .barrier(let b) where b == .noInterpreter:
                        interpreter[people[p].language, default: [:]][region.sessions[s].interval.day, default: []].insert(p)
                    case .noInterpreterFree(let language):
                        interpreter[language, default: [:]][region.sessions[s].interval.day, default: []].insert(p)
                    default: break
                    }
                }
            }
        }
        func top<K: Comparable>(_ d: [K: Set<Int>]) -> [(K, Int)] {
            d.map { ($0.key, $0.value.count) }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
        }
        var kinds: [[(CapacityChanges, String)]] = []
        kinds.append(top(mixed).prefix(3).map { pl, n in
            var c = CapacityChanges()
            c.placements = [.init(id: placements[pl].id, womenOnly: true, childcareOnSite: nil)]
            return (c, "Run \(name(pl)) as a women-only placement, for \(count(n, "woman", "women")) short of hours who could then attend")
        })
        let languageDays = interpreter.flatMap { l, days in days.map { ("\(l)|\($0.key)", $0.value.count, l, $0.key) } }
            .sorted { ($0.1, $1.0) > ($1.1, $0.0) }
        kinds.append(languageDays.prefix(3).map { _, n, language, day in
            var c = CapacityChanges()
            c.addInterpreters = [Interpreter(id: "NEW-\(language.uppercased())-\(day)", languages: [language],
                                             availability: [Interval(day: day, start: TimeOfDay(hhmm: "08:00")!, end: TimeOfDay(hhmm: "18:00")!)])]
            return (c, "A \(Language.name(language)) interpreter on \(day.weekdayName) (08:00–18:00), for \(count(n, "person", "people")) short of hours who need one")
        })
        // Parents short: a school-hours session (09:30–14:30) where most of them could come.
        var schoolHours: [String: (pl: Int, day: CalendarDay, people: Set<Int>)] = [:]
        let school = (TimeOfDay(hhmm: "09:30")!, TimeOfDay(hhmm: "14:30")!)
        for p in people.indices where people[p].childcareWindows != nil && occupancy.shortfallHours(p) > 1e-9 {
            for d in 0..<7 {
                let day = region.problem.weekStart.adding(days: d)
                let slot = Interval(day: day, start: school.0, end: school.1)
                guard people[p].childcareWindows!.contains(where: { $0.day == day && $0.start <= slot.start && $0.end >= slot.end }),
                      !people[p].unavailable.contains(where: { $0.overlaps(slot) }),
                      !occupancy.sessionsOf[p].contains(where: { region.sessions[$0].interval.day == day }) else { continue }
                for pl in grid.placements(near: people[p].home, withinKm: region.maxTravelKm[p]) where !placements[pl].womenOnly || people[p].womenOnly {
                    schoolHours["\(pl)|\(d)", default: (pl, day, [])].people.insert(p)
                }
            }
        }
        kinds.append(schoolHours.values.sorted { ($0.people.count, $1.pl, $1.day) > ($1.people.count, $0.pl, $0.day) }.prefix(3).map { pl, day, group in
            var c = CapacityChanges()
            let session = PlacementSession(id: "\(placements[pl].id)-\(day)-SCHOOL", interval: Interval(day: day, start: school.0, end: school.1),
                                           hours: 4.5, capacity: max(1, min(group.count, 6)))
            c.addSessions = [.init(placementId: placements[pl].id, session: session)]
            return (c, "A school-hours \(day.weekdayName) session (09:30–14:30, capacity \(session.capacity)) at \(name(pl)), for \(count(group.count, "parent", "parents")) short of hours free then")
        })
        kinds.append(top(creche).prefix(3).map { pl, n in
            var c = CapacityChanges()
            c.placements = [.init(id: placements[pl].id, womenOnly: nil, childcareOnSite: true)]
            return (c, "A crèche at \(name(pl)), for \(count(n, "parent", "parents")) short of hours whose school hours it misses")
        })
        kinds.append(top(full).prefix(3).map { s, n in
            let ref = region.sessions[s]
            var c = CapacityChanges()
            let copy = PlacementSession(id: "\(ref.id)-2", interval: ref.interval, hours: ref.hours, capacity: max(1, min(n, max(ref.capacity, 6))))
            c.addSessions = [.init(placementId: placements[ref.placement].id, session: copy)]
            return (c, "A second \(ref.interval.day.weekdayName) session at \(name(ref.placement)) (capacity \(copy.capacity)), for \(count(n, "person", "people")) short of hours kept out only because it is full")
        })
        // Starters waiting for a group that would take them with an interpreter.
        var waitingFor: [Int: Int] = [:]
        for (p, person) in people.enumerated() where person.programme?.status == .awaiting && occupancy.groupsOf[p].isEmpty && person.needsInterpreter {
            for (g, ref) in region.groups.enumerated() where region.problem.programmes[ref.programme].id == person.programme?.programmeId
                && !ref.group.interpreterSupported && !ref.group.staffLanguages.contains(person.language) {
                waitingFor[g, default: 0] += 1
            }
        }
        kinds.append(waitingFor.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3).map { g, n in
            var c = CapacityChanges()
            c.groups = [.init(id: region.groups[g].group.id, interpreterSupported: true)]
            return (c, "Interpreter support in group \(region.groups[g].group.id), for \(n) waiting starter\(n == 1 ? "" : "s") who need an interpreter")
        })
        var out: [(CapacityChanges, String)] = []
        for round in 0..<3 { for k in kinds where round < k.count { out.append(k[round]) } }
        return out
    }
}
