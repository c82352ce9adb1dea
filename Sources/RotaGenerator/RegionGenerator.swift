import Foundation
import RotaEngine

/// Generates a realistic probation region for a week (see shared/DOMAIN.md), deterministic for a seed.
///
/// Shape: each area is 40 × 40 km with one city and four towns; above 5,000 people the generator
/// lays several such areas side by side, as several regions scheduled at once. Work parties run
/// mostly at weekends, individual placements on weekdays; women-only sessions are scarce; employed
/// people are free only at weekends; parents have school-hours childcare windows; some people
/// need interpreters; programme groups carry enrolled cohorts and a few open seats for starters.
/// Seats are sized to about 1.1 × the sum of weekly targets so that the problem is tight.
public struct RegionGenerator {
    public var people: Int
    public var seed: UInt64
    public var weekStart: CalendarDay
    /// Seat-hours offered per hour of weekly target.
    public var supplyRatio = 1.1
    /// How many 40 × 40 km areas the people live in; nil: one per 5,000 people.
    public var areas: Int?
    /// Seats of a work-party session, lowest and highest.
    public var partySeats = 4...10
    /// How spread out an area is: 1 is 40 × 40 km; 0.5 puts the same towns in 20 × 20 km, so
    /// every session is within more people's reach.
    public var spread = 1.0
    public static let peoplePerArea = 5_000

    /// The two families of regions the solver is tuned and benchmarked on.
    public enum Family: String, CaseIterable, Sendable {
        /// Areas of 5,000 people side by side, work parties of 4–10, seats 1.1 × demand.
        case standard
        /// Everyone in one area of 20 × 20 km, work parties of 6–12, seats 1.05 × demand: many
        /// more sessions within each person's reach, and less slack.
        case dense
    }

    /// The generator set for a family.
    public init(people: Int, seed: UInt64, family: Family, weekStart: CalendarDay = CalendarDay(iso: "2026-11-30")!) {
        self.init(people: people, seed: seed, weekStart: weekStart)
        if family == .dense {
            areas = 1
            spread = 0.5
            partySeats = 6...12
            supplyRatio = 1.05
        }
    }

    public init(people: Int, seed: UInt64, weekStart: CalendarDay = CalendarDay(iso: "2026-11-30")!) {
        self.people = people
        self.seed = seed
        self.weekStart = weekStart
    }

    static let languages: [(code: String, share: Double)] = [("pl", 0.035), ("ro", 0.03), ("ar", 0.015), ("pa", 0.01), ("lt", 0.01), ("ur", 0.01)]
    static let interestList = ["gardening", "construction", "painting_decorating", "woodwork", "recycling", "cleaning",
                               "conservation", "warehouse", "customer_service", "catering", "retail"]
    static let tags = ["adult", "adult", "adult", "adult", "adult", "adult", "young_adult", "young_adult", "older"]
    static let programmes: [(id: String, name: String, maxRosh: RoshLevel, share: Double, womenOnly: Bool)] = [
        ("TSP", "Thinking Skills Programme", .high, 0.35, false),
        ("BC", "Building Choices", .high, 0.25, false),
        ("BBR", "Building Better Relationships", .veryHigh, 0.15, false),
        ("HORIZON", "Horizon", .veryHigh, 0.08, false),
        ("KAIZEN", "Kaizen", .veryHigh, 0.05, false),
        ("WOMEN", "Women's Programme", .high, 0.12, true),
    ]

    struct Area {
        var centre: GeoPoint
        var towns: [GeoPoint]
    }

    public func generate() -> Problem {
        var rng = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ 12345)
        let areaCount = max(1, areas ?? (people + Self.peoplePerArea - 1) / Self.peoplePerArea)
        var areas: [Area] = []
        for a in 0..<areaCount {
            // Areas 70 km apart in longitude (about 0.9°) and latitude (about 0.63°).
            let c = GeoPoint(lat: 52.63 + Double(a / 4) * 0.63, lon: -1.13 + Double(a % 4) * 1.0)
            var towns = [c]
            for k in 0..<4 {
                let ang = Double(k) * Double.pi / 2 + 0.6
                towns.append(GeoPoint(lat: c.lat + 0.11 * spread * sin(ang), lon: c.lon + 0.17 * spread * cos(ang)))
            }
            areas.append(Area(centre: c, towns: towns))
        }
        func near(_ p: GeoPoint, km: Double, _ rng: inout SplitMix64) -> GeoPoint {
            GeoPoint(lat: p.lat + rng.gaussian() * km / 111.0, lon: p.lon + rng.gaussian() * km / 68.0)
        }
        func homeIn(_ area: Area, _ rng: inout SplitMix64) -> GeoPoint {
            let t = rng.chance(0.5) ? 0 : 1 + rng.below(4)
            return near(area.towns[t], km: (t == 0 ? 4.5 : 3.0) * spread, &rng)
        }
        let days = (0..<7).map { weekStart.adding(days: $0) }
        let weekdays = Array(days[0..<5]), weekend = Array(days[5..<7])
        func iv(_ d: CalendarDay, _ s: String, _ e: String) -> Interval {
            Interval(day: d, start: TimeOfDay(hhmm: s)!, end: TimeOfDay(hhmm: e)!)
        }

        var problem = Problem(weekStart: weekStart)
        // People.
        var personArea: [Int] = []
        var demandHoursByArea = Array(repeating: 0.0, count: areaCount)
        var weekendDemand = Array(repeating: 0.0, count: areaCount)
        var womenDemand = Array(repeating: 0, count: areaCount)
        for i in 0..<people {
            let a = i % areaCount
            personArea.append(a)
            let female = rng.chance(0.16)
            var p = Person(id: String(format: "P%05d", i + 1), sex: female ? .female : .male, home: homeIn(areas[a], &rng),
                           womenOnly: female ? rng.chance(0.75) : false)
            var roll = rng.unit()
            for l in Self.languages {
                if roll < l.share { p.language = l.code; p.needsInterpreter = rng.chance(0.7); break }
                roll -= l.share
            }
            let r = rng.unit()
            p.risk.rosh = r < 0.45 ? .low : r < 0.85 ? .medium : r < 0.97 ? .high : .veryHigh
            if p.risk.rosh >= .high && rng.chance(0.2) { p.risk.mappaLevel = 2 + rng.below(2) }
            p.risk.childRisk = rng.chance(p.risk.rosh >= .high ? 0.3 : 0.05)
            p.risk.vulnerableAdultRisk = rng.chance(0.05)
            p.isolationTag = Self.tags[rng.below(Self.tags.count)]
            for _ in 0..<rng.below(3) {
                let s = Self.interestList[rng.below(Self.interestList.count)]
                if !p.interests.contains(s) { p.interests.append(s) }
            }
            let employed = rng.chance(0.35)
            if employed { p.unavailable = weekdays.map { iv($0, "08:00", "17:30") } }
            if rng.chance(female ? 0.45 : 0.08) { p.childcareWindows = weekdays.map { iv($0, "09:15", "14:45") } }
            if !employed && rng.chance(0.15) {
                // A regular appointment or religious observance.
                p.unavailable.append(iv(days[rng.below(7)], "09:00", "12:00"))
            }
            if rng.chance(0.1) {
                // Availability recorded by morning / afternoon blocks.
                var av: [Interval] = []
                for d in days where rng.chance(0.6) { av.append(iv(d, "08:00", "18:00")) }
                p.availability = av
            }
            if rng.chance(0.03) { p.maxTravelKm = 10 + Double(rng.below(10)) }
            if rng.chance(0.88) {
                let ordered = [40.0, 60, 80, 100, 120, 150, 180, 200, 240, 300][rng.below(10)]
                let done = (Double(rng.below(Int(ordered * 4))) / 4).rounded(.down)
                let deadlineWeeks = rng.chance(0.03) ? -rng.below(3) : 1 + rng.below(52)
                var order = UnpaidWorkOrder(hoursOrdered: ordered, hoursCompleted: done,
                                            deadline: weekStart.adding(days: deadlineWeeks * 7 - rng.below(7)))
                if rng.chance(0.1) { order.maxWeeklyHours = 14 }
                p.upw = order
                let t = WeeklyTarget(order: order, policy: problem.policy, weekStart: weekStart).targetHours
                demandHoursByArea[a] += t
                if employed { weekendDemand[a] += t }
                if p.womenOnly { womenDemand[a] += 1 }
            }
            if rng.chance(0.18) {
                let pr = pickProgramme(female: female, rng: &rng)
                p.programme = ProgrammeRequirement(programmeId: pr, status: rng.chance(0.7) ? .enrolled : .awaiting)
            }
            problem.people.append(p)
        }
        // Non-associations: co-defendants living near each other.
        for i in 0..<people where rng.chance(0.01) {
            let j = min(people - 1, i + 1 + rng.below(30))
            if j != i && personArea[j] == personArea[i] { problem.people[i].nonAssociation.append(problem.people[j].id) }
        }
        // Exclusion zones: around a victim's address in the same area.
        for i in 0..<people where rng.chance(0.03) {
            let c = homeIn(areas[personArea[i]], &rng)
            problem.people[i].exclusionZones.append(ExclusionZone(centre: c, radiusKm: 1 + Double(rng.below(4))))
        }

        // Placements, area by area, sized to demand.
        var placementCount = 0, sessionCount = 0
        func newPlacement(_ kind: PlacementKind, _ area: Area, _ rng: inout SplitMix64) -> Placement {
            placementCount += 1
            let prefix = kind == .group ? "GP" : "IP"
            var pl = Placement(id: String(format: "%@%05d", prefix, placementCount),
                               name: kind == .group ? "Work party \(placementCount)" : "Charity shop \(placementCount)",
                               provider: kind == .group ? "Community Payback (in-house)" : "Provider \(1 + rng.below(40))",
                               kind: kind, location: homeIn(area, &rng))
            pl.skills = [Self.interestList[rng.below(Self.interestList.count)], Self.interestList[rng.below(Self.interestList.count)]]
            if pl.skills[0] == pl.skills[1] { pl.skills.removeLast() }
            return pl
        }
        func session(_ day: CalendarDay, _ s: String, _ e: String, hours: Double, capacity: Int) -> PlacementSession {
            sessionCount += 1
            return PlacementSession(id: String(format: "S%06d", sessionCount), interval: iv(day, s, e), hours: hours, capacity: capacity)
        }
        for (a, area) in areas.enumerated() {
            var supply = 0.0
            let target = demandHoursByArea[a] * supplyRatio
            let weekendTarget = weekendDemand[a] * supplyRatio * 1.2
            var weekendSupply = 0.0
            var womenSeats = 0
            while supply < target {
                let makeGroup = rng.chance(0.6)
                if makeGroup {
                    var pl = newPlacement(.group, area, &rng)
                    let r = rng.unit()
                    pl.maxRosh = r < 0.3 ? .medium : r < 0.9 ? .high : .veryHigh
                    pl.mappaApproved = rng.chance(0.15)
                    pl.childrenPresent = rng.chance(0.12)
                    pl.vulnerableAdultsPresent = rng.chance(0.08)
                    if womenSeats < womenDemand[a] / 3 && rng.chance(0.12) { pl.womenOnly = true }
                    if rng.chance(0.05) { pl.staffLanguages = ["en", Self.languages[rng.below(3)].code] }
                    let nSessions = 1 + rng.below(3)
                    var usedDays = Set<Int>()
                    for _ in 0..<nSessions {
                        let dayIdx = weekendSupply < weekendTarget || rng.chance(0.5) ? 5 + rng.below(2) : rng.below(5)
                        guard usedDays.insert(dayIdx).inserted else { continue }
                        let cap = partySeats.lowerBound + rng.below(partySeats.count)
                        pl.sessions.append(session(days[dayIdx], "09:00", "16:30", hours: 7, capacity: cap))
                        supply += 7 * Double(cap)
                        if dayIdx >= 5 { weekendSupply += 7 * Double(cap) }
                        if pl.womenOnly { womenSeats += cap }
                    }
                    if rng.chance(0.05) {
                        // A session next week: outside this week, to be ignored.
                        pl.sessions.append(session(weekStart.adding(days: 7 + rng.below(7)), "09:00", "16:30", hours: 7, capacity: 6))
                    }
                    problem.placements.append(pl)
                } else {
                    var pl = newPlacement(.individual, area, &rng)
                    pl.maxRosh = rng.chance(0.7) ? .medium : .low
                    pl.vulnerableAdultsPresent = rng.chance(0.2)
                    pl.childrenPresent = rng.chance(0.1)
                    pl.childcareOnSite = rng.chance(0.06)
                    if rng.chance(0.04) { pl.staffLanguages = ["en", Self.languages[rng.below(Self.languages.count)].code] }
                    let halfDays = rng.chance(0.4)
                    for d in 0..<5 where rng.chance(0.7) {
                        let cap = 1 + (rng.chance(0.3) ? 1 : 0)
                        if halfDays {
                            pl.sessions.append(session(weekdays[d], "09:30", "14:30", hours: 4.5, capacity: cap))
                            supply += 4.5 * Double(cap)
                        } else {
                            pl.sessions.append(session(weekdays[d], "09:30", "17:00", hours: 7, capacity: cap))
                            supply += 7 * Double(cap)
                        }
                    }
                    if rng.chance(0.15) {
                        let cap = 1 + rng.below(2)
                        pl.sessions.append(session(weekend[rng.below(2)], "10:00", "15:00", hours: 4.5, capacity: cap))
                        supply += 4.5 * Double(cap)
                        weekendSupply += 4.5 * Double(cap)
                    }
                    if pl.sessions.isEmpty { placementCount -= 1; continue }
                    problem.placements.append(pl)
                }
            }
        }
        // Current placements: last week's placement, near home.
        for i in 0..<people where problem.people[i].upw != nil && rng.chance(0.4) && !problem.placements.isEmpty {
            let pl = problem.placements[rng.below(problem.placements.count)]
            if pl.location.distanceKm(to: problem.people[i].home) < 15 { problem.people[i].currentPlacementId = pl.id }
        }

        buildProgrammes(&problem, areas: areas, personArea: personArea, rng: &rng, iv: iv, days: days)
        buildInterpreters(&problem, rng: &rng, iv: iv, days: days)
        nameEveryone(&problem)
        return problem
    }

    static let womensNames = ["Amelia", "Zoë", "Siobhán", "Agnieszka", "Fatima", "Chloe", "Ioana", "Priya", "Jessica", "Rūta", "Niamh", "Olivia"]
    static let mensNames = ["Jack", "Mohammed", "Łukasz", "Oliver", "Andrei", "Harjit", "Liam", "Jonas", "Kyle", "Seán", "Daniel", "Omar"]
    static let familyNames = ["Smith", "O'Brien", "Nowak", "Jones", "Khan", "Popescu", "Williams", "Kaur", "Kazlauskas", "Taylor",
                              "Ó Súilleabháin", "Davies", "Kowalczyk", "Ahmed", "Evans", "Brown-Whitfield", "García", "Hughes"]

    /// Names for people, drawn from a stream of their own so that everything else the seed
    /// makes stays as it was; apostrophes, accents and hyphens as real names have them.
    private func nameEveryone(_ problem: inout Problem) {
        var rng = SplitMix64(seed: seed &+ 0x5EED_0000_0000_0001)
        for i in problem.people.indices {
            let given = problem.people[i].sex == .female ? Self.womensNames : Self.mensNames
            problem.people[i].name = given[rng.below(given.count)] + " " + Self.familyNames[rng.below(Self.familyNames.count)]
        }
    }

    private func pickProgramme(female: Bool, rng: inout SplitMix64) -> String {
        if female { return rng.chance(0.7) ? "WOMEN" : "TSP" }
        var r = rng.unit() * Self.programmes.filter { !$0.womenOnly }.reduce(0) { $0 + $1.share }
        for p in Self.programmes where !p.womenOnly {
            if r < p.share { return p.id }
            r -= p.share
        }
        return "TSP"
    }

    private func buildProgrammes(_ problem: inout Problem, areas: [Area], personArea: [Int], rng: inout SplitMix64,
                                 iv: (CalendarDay, String, String) -> Interval, days: [CalendarDay]) {
        var sessionCount = 0
        let slots: [(Int, Int, String, String)] = [(0, 3, "18:00", "20:30"), (1, 4, "18:00", "20:30"), (0, 2, "10:00", "12:30"),
                                                   (1, 3, "13:30", "16:00"), (2, 4, "18:00", "20:30"), (5, 5, "10:00", "12:30")]
        for spec in Self.programmes {
            var prog = Programme(id: spec.id, name: spec.name)
            prog.maxRosh = spec.maxRosh
            for (a, area) in areas.enumerated() {
                let members = problem.people.indices.filter { personArea[$0] == a && problem.people[$0].programme?.programmeId == spec.id }
                let nGroups = max(1, (members.count + 8) / 9)
                var groupIds: [String] = []
                for k in 0..<nGroups {
                    let gid = "\(spec.id)-A\(a + 1)-G\(k + 1)"
                    var g = ProgrammeGroup(id: gid, location: area.towns[k % area.towns.count], capacity: 8 + rng.below(5))
                    g.womenOnly = spec.womenOnly
                    g.interpreterSupported = rng.chance(0.3)
                    g.acceptingNew = rng.chance(0.85)
                    let slot = slots[(k + a) % slots.count]
                    for d in Set([slot.0, slot.1]).sorted() {
                        sessionCount += 1
                        g.sessions.append(GroupSession(id: "\(gid)-S\(sessionCount)", interval: iv(days[d], slot.2, slot.3)))
                    }
                    prog.groups.append(g)
                    groupIds.append(gid)
                }
                // Enrolled members fill groups they can attend; those who fit nowhere wait for a place.
                var filled = Array(repeating: 0, count: nGroups)
                let base = prog.groups.count - nGroups
                for m in members where problem.people[m].programme?.status == .enrolled {
                    let person = problem.people[m]
                    var chosen = -1
                    for k in 0..<nGroups {
                        let g = prog.groups[base + k]
                        if filled[k] >= g.capacity - 2 { continue }
                        if person.needsInterpreter && !g.interpreterSupported { continue }
                        if g.womenOnly && person.sex != .female || person.womenOnly && !g.womenOnly { continue }
                        if person.risk.rosh > prog.maxRosh { continue }
                        let ok = g.sessions.allSatisfy { s in
                            !person.unavailable.anyOverlaps(s.interval)
                                && (person.availability?.anyContains(s.interval) ?? true)
                                && (person.childcareWindows?.anyContains(s.interval) ?? true)
                                && person.home.distanceKm(to: g.location) <= (person.maxTravelKm ?? 25)
                                && !person.exclusionZones.contains { $0.centre.distanceKm(to: g.location) <= $0.radiusKm }
                        }
                        if ok { chosen = k; break }
                    }
                    if chosen >= 0 {
                        filled[chosen] += 1
                        problem.people[m].programme?.groupId = groupIds[chosen]
                    } else {
                        problem.people[m].programme = ProgrammeRequirement(programmeId: spec.id, status: .awaiting)
                    }
                }
            }
            problem.programmes.append(prog)
        }
        // Co-defendants never share an enrolled group: move the later one to awaiting.
        let index = Dictionary(uniqueKeysWithValues: problem.people.enumerated().map { ($1.id, $0) })
        for i in problem.people.indices {
            for other in problem.people[i].nonAssociation {
                guard let j = index[other], let g1 = problem.people[i].programme?.groupId, g1 == problem.people[j].programme?.groupId else { continue }
                problem.people[j].programme = ProgrammeRequirement(programmeId: problem.people[j].programme!.programmeId, status: .awaiting)
            }
        }
    }

    private func buildInterpreters(_ problem: inout Problem, rng: inout SplitMix64,
                                   iv: (CalendarDay, String, String) -> Interval, days: [CalendarDay]) {
        var need: [String: Int] = [:]
        for p in problem.people where p.needsInterpreter { need[p.language, default: 0] += 1 }
        var n = 0
        for lang in need.keys.sorted() {
            let count = max(1, need[lang]! / 6)
            for _ in 0..<count {
                n += 1
                var langs = [lang]
                if rng.chance(0.2) {
                    let other = Self.languages[rng.below(Self.languages.count)].code
                    if other != lang { langs.append(other) }
                }
                var av: [Interval] = []
                let weekendWorker = rng.chance(0.5)
                for (d, day) in days.enumerated() {
                    if d < 5 ? rng.chance(0.7) : weekendWorker { av.append(iv(day, "08:00", d < 5 ? "21:00" : "18:00")) }
                }
                problem.interpreters.append(Interpreter(id: String(format: "I%04d", n), languages: langs, availability: av))
            }
        }
        // Enrolled members' group sessions are fixed: make sure each language has enough interpreters
        // free all week to cover its busiest slot, so that the input itself forces no violation.
        var busiest: [String: [Interval: Int]] = [:]
        let groups = Dictionary(uniqueKeysWithValues: problem.programmes.flatMap(\.groups).map { ($0.id, $0) })
        var counted = Set<String>()
        for p in problem.people where p.needsInterpreter {
            guard let gid = p.programme?.groupId, p.programme?.status == .enrolled, let g = groups[gid],
                  !g.staffLanguages.contains(p.language), counted.insert("\(gid)|\(p.language)").inserted else { continue }
            for s in g.sessions { busiest[p.language, default: [:]][s.interval, default: 0] += 1 }
        }
        for lang in busiest.keys.sorted() {
            let needed = busiest[lang]!.values.max() ?? 0
            var ready = 0
            for i in problem.interpreters.indices where ready < needed && problem.interpreters[i].languages.contains(lang) {
                problem.interpreters[i].availability = days.map { iv($0, "08:00", "21:00") }
                ready += 1
            }
            while ready < needed {
                n += 1
                problem.interpreters.append(Interpreter(id: String(format: "I%04d", n), languages: [lang], availability: days.map { iv($0, "08:00", "21:00") }))
                ready += 1
            }
        }
    }
}
