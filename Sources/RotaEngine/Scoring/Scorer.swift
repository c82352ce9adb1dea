/// The exact scorer of PROBLEM.md: the single source of truth for `rota validate`, for the
/// solver's tests and for every score the daemon reports.
///
/// Written for clarity over speed — it follows the counting table of PROBLEM.md rule by rule.
/// The solver keeps its own incremental score and is tested against this one.
public enum Scorer {
    public static func score(_ rota: Rota, in region: Region) -> ScoreReport {
        score(ResolvedRota(rota, in: region), in: region)
    }

    public static func score(_ rota: ResolvedRota, in region: Region) -> ScoreReport {
        score(Occupancy(region: region, rota: rota))
    }

    /// Scores the rota an occupancy was built from (callers that need both build it once).
    public static func score(_ occupancy: Occupancy) -> ScoreReport {
        var s = Scoring(occupancy: occupancy)
        s.run()
        return ScoreReport(breakdown: s.breakdown, violations: s.violations)
    }
}

/// The working state of one scoring pass.
private struct Scoring {
    let region: Region
    let rota: ResolvedRota
    var violations: [Violation]
    var breakdown: [SoftCost: Double] = [:]

    /// Who is where: the same tables `explain`, the unmet reasons and the daemon read, so that
    /// membership (enrolled plus allocated, as a set) is defined once.
    let occ: Occupancy

    init(occupancy: Occupancy) {
        self.occ = occupancy
        self.region = occupancy.region
        self.rota = occupancy.rota
        self.violations = occupancy.rota.badEntries
    }

    func pid(_ p: Int) -> String { region.people[p].id }
    func sid(_ s: Int) -> String { region.sessions[s].id }
    func gid(_ g: Int) -> String { region.groups[g].group.id }

    mutating func add(_ rule: HardRule, _ message: String, people: [Int] = [], sessions: [String] = []) {
        violations.append(Violation(rule: rule, message: message, people: people.map(pid), sessions: sessions))
    }

    mutating func run() {
        capacity()
        perPersonSession()
        ownSessionOverlaps()
        onePerDay()
        groupMembership()
        interpreters()
        nonAssociation()
        hours()
        programmeAllocation()
        softCosts()
        // Stable order: rule, then discovery order.
        let ordered = violations.enumerated().sorted { a, b in
            a.element.rule != b.element.rule ? a.element.rule < b.element.rule : a.offset < b.offset
        }
        violations = ordered.map(\.element)
    }

    // Rule 1.
    mutating func capacity() {
        for s in 0..<region.placementSessionCount where !RotaRule.seatsSuffice(occ.attendees[s].count, limit: region.sessions[s].capacity) {
            add(.capacity, "\(region.describe(session: s)) holds \(occ.attendees[s].count) people; capacity \(region.sessions[s].capacity)",
                people: occ.attendees[s], sessions: [sid(s)])
        }
        for (g, ref) in region.groups.enumerated() where !RotaRule.seatsSuffice(occ.membersOf[g].count, limit: ref.group.capacity) {
            add(.capacity, "group \(ref.group.id) has \(occ.membersOf[g].count) members; capacity \(ref.group.capacity)",
                people: occ.membersOf[g], sessions: [ref.group.id])
        }
    }

    /// Rules 2, 8, 9, 10 over every session of every person, and 4 and 6 over placement sessions.
    mutating func perPersonSession() {
        for p in 0..<region.people.count {
            let mine = occ.allSessions(p)
            for s in mine {
                var b = region.timeAndPlaceBarriers(person: p, session: s)
                let ref = region.sessions[s]
                if ref.placement >= 0 { b.formUnion(region.placementBarriers(person: p, placement: ref.placement)) }
                for (bit, rule, phrase) in Barriers.all where b.contains(bit) {
                    add(rule, "\(pid(p)) at \(region.describe(session: s)): \(phrase)", people: [p], sessions: [ref.id])
                }
            }
        }
    }

    // Rule 2, third count: unordered pairs of one person's sessions that overlap.
    mutating func ownSessionOverlaps() {
        for p in 0..<region.people.count {
            let mine = occ.allSessions(p)
            guard mine.count > 1 else { continue }
            for i in 0..<mine.count {
                for j in (i + 1)..<mine.count where region.sessions[mine[i]].interval.overlaps(region.sessions[mine[j]].interval) {
                    add(.availability, "\(pid(p)) is due at two overlapping sessions: \(region.describe(session: mine[i])) and \(region.describe(session: mine[j]))",
                        people: [p], sessions: [sid(mine[i]), sid(mine[j])])
                }
            }
        }
    }

    // Rule 3.
    mutating func onePerDay() {
        for p in 0..<region.people.count where occ.sessionsOf[p].count > 1 {
            var byDay: [CalendarDay: [Int]] = [:]
            for s in occ.sessionsOf[p] { byDay[region.sessions[s].interval.day, default: []].append(s) }
            for day in byDay.keys.sorted() where byDay[day]!.count > 1 {
                add(.oneSessionPerDay, "\(pid(p)) has \(byDay[day]!.count) unpaid-work sessions on \(day.weekdayName) \(day)",
                    people: [p], sessions: byDay[day]!.map(sid))
            }
        }
    }

    /// Rules 4, 5 (interpreter support) and 6 (RoSH), once per (person, group).
    mutating func groupMembership() {
        for (g, ref) in region.groups.enumerated() {
            for p in occ.membersOf[g] {
                let b = region.groupBarriers(person: p, group: g)
                for (bit, rule, phrase) in Barriers.all where b.contains(bit) {
                    let message = bit == .interpreterUnsupported
                        ? "\(pid(p)) needs a \(region.people[p].language) interpreter and group \(ref.group.id) does not support interpreters"
                        : "\(pid(p)) in group \(ref.group.id): \(phrase)"
                    add(rule, message, people: [p], sessions: [ref.group.id])
                }
            }
        }
    }

    // Rule 5: bookings.
    mutating func interpreters() {
        var bookingsAt: [Int: [Int]] = [:]  // session -> booking indices
        var bookingsOf: [Int: [Int]] = [:]  // interpreter -> booking indices
        for (k, b) in rota.bookings.enumerated() {
            bookingsAt[b.session, default: []].append(k)
            bookingsOf[b.interpreter, default: []].append(k)
        }
        for s in 0..<region.sessions.count {
            let need = occ.neededLanguages(at: s)
            let booked = bookingsAt[s] ?? []
            for lang in need.keys.sorted() {
                let n = booked.filter { rota.bookings[$0].language == lang }.count
                if n != 1 {
                    add(.interpreter, n == 0
                        ? "\(region.describe(session: s)) has no \(lang) interpreter booked for \(need[lang]!.map(pid).joined(separator: ", "))"
                        : "\(region.describe(session: s)) has \(n) \(lang) interpreters booked; one serves everyone",
                        people: need[lang]!, sessions: [sid(s)])
                }
            }
            for k in booked {
                let b = rota.bookings[k]
                let it = region.problem.interpreters[b.interpreter]
                if !it.languages.contains(b.language) {
                    add(.interpreter, "interpreter \(it.id) booked for \(sid(s)) does not speak \(b.language)", sessions: [sid(s)])
                }
                if !it.availability.anyContains(region.sessions[s].interval) {
                    add(.interpreter, "interpreter \(it.id) is not available for the whole of \(region.describe(session: s))", sessions: [sid(s)])
                }
                if need[b.language] == nil {
                    add(.interpreter, "booking of \(it.id) for \(b.language) at \(sid(s)) serves nobody", sessions: [sid(s)])
                }
            }
        }
        for i in bookingsOf.keys.sorted() {
            let ks = bookingsOf[i]!
            guard ks.count > 1 else { continue }
            for x in 0..<ks.count {
                for y in (x + 1)..<ks.count {
                    let s1 = rota.bookings[ks[x]].session, s2 = rota.bookings[ks[y]].session
                    if region.sessions[s1].interval.overlaps(region.sessions[s2].interval) {
                        add(.interpreter, "interpreter \(region.problem.interpreters[i].id) is booked for two overlapping sessions: \(sid(s1)) and \(sid(s2))",
                            sessions: [sid(s1), sid(s2)])
                    }
                }
            }
        }
    }

    // Rule 7.
    mutating func nonAssociation() {
        func pairs(_ members: [Int], _ label: String, _ id: String) {
            let set = Set(members)
            for p in members {
                for q in region.nonAssociates[p] where q > p && set.contains(q) {
                    add(.nonAssociation, "\(pid(p)) and \(pid(q)) must not meet, and are both in \(label)", people: [p, q], sessions: [id])
                }
            }
        }
        for s in 0..<region.placementSessionCount where occ.attendees[s].count > 1 {
            pairs(occ.attendees[s], region.describe(session: s), sid(s))
        }
        for g in 0..<region.groups.count where occ.membersOf[g].count > 1 {
            pairs(occ.membersOf[g], "group \(gid(g))", gid(g))
        }
    }

    // Rule 11.
    mutating func hours() {
        for p in 0..<region.people.count where !occ.sessionsOf[p].isEmpty {
            let mine = occ.sessionsOf[p]
            guard region.people[p].upw != nil else {
                add(.hours, "\(pid(p)) has no unpaid-work order but is given \(mine.count) placement session(s)", people: [p], sessions: mine.map(sid))
                continue
            }
            let a = mine.reduce(0.0) { $0 + region.sessions[$1].hours }
            let smallest = mine.map { region.sessions[$0].hours }.min()!
            let maxW = region.maxWeeklyHours[p], r = region.remainingHours[p]
            if WeeklyHours.exceedsMaximum(a, maximum: maxW) {
                add(.hours, "\(pid(p)) is given \(fmt(a)) hours, above their weekly maximum of \(fmt(maxW))", people: [p], sessions: mine.map(sid))
            }
            if WeeklyHours.hasSuperfluousSession(a, shortest: smallest, remaining: r) {
                add(.hours, "\(pid(p)) is given \(fmt(a)) hours with \(fmt(r)) left to work: a session is superfluous", people: [p], sessions: mine.map(sid))
            }
        }
    }

    // Rule 12.
    mutating func programmeAllocation() {
        var count: [Int: Int] = [:]
        for a in rota.allocations {
            count[a.person, default: 0] += 1
            let person = region.people[a.person]
            let ref = region.groups[a.group]
            var why: [String] = []
            if let prog = person.programme {
                if prog.status != .awaiting { why.append("is already enrolled, not awaiting a place") }
                if region.problem.programmes[ref.programme].id != prog.programmeId { why.append("needs \(prog.programmeId), not \(region.problem.programmes[ref.programme].id)") }
            } else {
                why.append("has no programme requirement")
            }
            if !ref.group.acceptingNew { why.append("group \(ref.group.id) is not accepting new members") }
            if !why.isEmpty {
                add(.programmeAllocation, "\(person.id) allocated to \(ref.group.id): \(why.joined(separator: "; "))", people: [a.person], sessions: [ref.group.id])
            }
        }
        for p in count.keys.sorted() where count[p]! > 1 {
            for _ in 1..<count[p]! {
                add(.programmeAllocation, "\(pid(p)) is allocated to \(count[p]!) groups; one at most", people: [p])
            }
        }
        for (p, person) in region.people.enumerated() {
            guard let prog = person.programme, prog.status == .enrolled, let gidText = prog.groupId else { continue }
            if let g = region.groupIndex[gidText] {
                if region.problem.programmes[region.groups[g].programme].id != prog.programmeId {
                    add(.programmeAllocation, "\(person.id) is enrolled in \(gidText), a group of another programme than \(prog.programmeId)", people: [p], sessions: [gidText])
                }
            } else {
                add(.programmeAllocation, "\(person.id) is enrolled in unknown group \"\(gidText)\"", people: [p])
            }
        }
    }

    mutating func softCosts() {
        let w = region.policy.weights
        var shortfall = 0.0, starters = 0.0, travel = 0.0, continuity = 0.0, isolation = 0.0, mismatch = 0.0
        for (p, person) in region.people.enumerated() {
            let mine = occ.sessionsOf[p]
            if person.upw != nil {
                let a = mine.reduce(0.0) { $0 + region.sessions[$1].hours }
                shortfall += max(0, region.weeklyTarget[p] - a)
            }
            for s in mine {
                let pl = region.problem.placements[region.sessions[s].placement]
                travel += person.home.distanceKm(to: pl.location)
                if let cur = person.currentPlacementId, cur != pl.id { continuity += 1 }
                if !person.interests.isEmpty && !person.interests.contains(where: { pl.skills.contains($0) }) { mismatch += 1 }
            }
            for g in occ.groupsOf[p] {
                for s in region.groups[g].sessions { travel += person.home.distanceKm(to: region.sessions[s].location) }
            }
        }
        var allocated = Set<Int>()
        for a in rota.allocations { allocated.insert(a.person) }
        for (p, person) in region.people.enumerated() {
            if let prog = person.programme, prog.status == .awaiting, !allocated.contains(p) { starters += 1 }
        }
        for s in 0..<region.placementSessionCount where occ.attendees[s].count >= 3 {
            guard region.problem.placements[region.sessions[s].placement].kind == .group else { continue }
            var tags: [String: Int] = [:]
            for p in occ.attendees[s] { if let t = region.people[p].isolationTag { tags[t, default: 0] += 1 } }
            for p in occ.attendees[s] { if let t = region.people[p].isolationTag, tags[t] == 1 { isolation += 1 } }
        }
        breakdown[.hoursShortfall] = shortfall * w.hoursShortfall
        breakdown[.starterUnplaced] = starters * w.starterUnplaced
        breakdown[.interpreterBooking] = Double(rota.bookings.count) * w.interpreterBooking
        breakdown[.travelKm] = travel * w.travelKm
        breakdown[.continuity] = continuity * w.continuity
        breakdown[.isolation] = isolation * w.isolation
        breakdown[.interestMismatch] = mismatch * w.interestMismatch
    }

    func fmt(_ d: Double) -> String { d == d.rounded() ? String(Int(d)) : String((d * 100).rounded() / 100) }
}
