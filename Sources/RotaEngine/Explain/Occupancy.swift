/// Who is where in a resolved rota: the lookup tables explanations and the daemon's queries need.
public struct Occupancy: Sendable {
    public let region: Region
    public let rota: ResolvedRota
    public private(set) var attendees: [[Int]]
    public private(set) var sessionsOf: [[Int]]
    public private(set) var groupsOf: [[Int]]
    public private(set) var membersOf: [[Int]]
    /// Bookings per session: (interpreter, language).
    public private(set) var bookingsAt: [[(interpreter: Int, language: String)]]
    /// Sessions each interpreter is booked for.
    public private(set) var bookedSessions: [[Int]]

    public init(region: Region, rota: ResolvedRota) {
        self.region = region
        self.rota = rota
        let n = region.people.count
        attendees = Array(repeating: [], count: region.sessions.count)
        sessionsOf = Array(repeating: [], count: n)
        groupsOf = Array(repeating: [], count: n)
        membersOf = Array(repeating: [], count: region.groups.count)
        bookingsAt = Array(repeating: [], count: region.sessions.count)
        bookedSessions = Array(repeating: [], count: region.problem.interpreters.count)
        for a in rota.assignments {
            attendees[a.session].append(a.person)
            sessionsOf[a.person].append(a.session)
        }
        for (p, g) in region.enrolledGroup.enumerated() where g >= 0 { join(p, g) }
        for a in rota.allocations { join(a.person, a.group) }
        for b in rota.bookings {
            bookingsAt[b.session].append((b.interpreter, b.language))
            bookedSessions[b.interpreter].append(b.session)
        }
    }

    private mutating func join(_ p: Int, _ g: Int) {
        guard !groupsOf[p].contains(g) else { return }
        groupsOf[p].append(g)
        membersOf[g].append(p)
    }

    /// Hours of unpaid work assigned to `p`.
    public func hours(_ p: Int) -> Double { sessionsOf[p].reduce(0) { $0 + region.sessions[$1].hours } }

    /// Hours `p` is short of their weekly target (0 without an order: their target is 0).
    public func shortfallHours(_ p: Int) -> Double { max(0, region.weeklyTarget[p] - hours(p)) }

    /// Every session `p` attends: placement sessions and the in-week sessions of their groups.
    public func allSessions(_ p: Int) -> [Int] {
        var all = sessionsOf[p]
        for g in groupsOf[p] { all.append(contentsOf: region.groups[g].sessions) }
        return all
    }

    /// Who attends session `s`: its placement attendees, or its group's members.
    public func attendees(ofSession s: Int) -> [Int] {
        let g = region.sessions[s].group
        return g >= 0 ? membersOf[g] : attendees[s]
    }

    /// The languages needing a booking at session `s`, each with the people who need it.
    public func neededLanguages(at s: Int) -> [String: [Int]] {
        var need: [String: [Int]] = [:]
        for p in attendees(ofSession: s) where region.needsBooking(person: p, session: s) {
            need[region.people[p].language, default: []].append(p)
        }
        return need
    }

    /// The interpreters booked at session `s` in `p`'s language, when `p` needs one there (empty
    /// when the staff speak it or `p` needs none): what a supervisor's list and a provider's view
    /// say of an attendee.
    public func interpretersBooked(for p: Int, at s: Int) -> [Int] {
        guard region.needsBooking(person: p, session: s) else { return [] }
        let language = region.people[p].language
        return bookingsAt[s].filter { $0.language == language }.map(\.interpreter)
    }

    /// True when `p` has dependants and session `s` falls outside their childcare windows, so
    /// they rely on the crèche on site.
    public func reliesOnCreche(_ p: Int, at s: Int) -> Bool {
        region.people[p].childcareWindows.map { !$0.anyContains(region.sessions[s].interval) } ?? false
    }

    /// True when some interpreter of `language` could still be booked for session `s`.
    public func interpreterFree(for s: Int, language: String) -> Bool {
        let iv = region.sessions[s].interval
        for (i, it) in region.problem.interpreters.enumerated() where it.languages.contains(language) && it.availability.anyContains(iv) {
            if !bookedSessions[i].contains(where: { region.sessions[$0].interval.overlaps(iv) }) { return true }
        }
        return false
    }
}
