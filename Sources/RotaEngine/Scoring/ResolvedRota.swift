/// A rota with every id resolved to an index, after rule 0 has dropped the bad entries.
/// The shared starting point of the scorer, the solver's warm start and the daemon's queries.
public struct ResolvedRota: Sendable {
    /// (person, in-week placement session) pairs, each once.
    public var assignments: [(person: Int, session: Int)] = []
    /// (person, group) pairs, each once.
    public var allocations: [(person: Int, group: Int)] = []
    /// (interpreter, in-week session, language), each once.
    public var bookings: [(interpreter: Int, session: Int, language: String)] = []
    /// Rule 0 findings.
    public var badEntries: [Violation] = []

    public init() {}

    /// Resolves ids against `region`, recording each bad entry as a rule 0 violation.
    public init(_ rota: Rota, in region: Region) {
        if rota.weekStart != region.problem.weekStart.description {
            badEntries.append(Violation(rule: .rotaEntry, message: "the rota is for week \(rota.weekStart), the problem for week \(region.problem.weekStart)"))
        }
        var seenA = Set<Assignment>(), seenP = Set<ProgrammeAllocation>(), seenB = Set<InterpreterBooking>()
        for (i, a) in rota.assignments.enumerated() {
            func bad(_ why: String) {
                badEntries.append(Violation(rule: .rotaEntry, message: "assignments[\(i)]: \(why)", people: [a.personId], sessions: [a.sessionId]))
            }
            guard seenA.insert(a).inserted else { bad("duplicate of an earlier assignment of \(a.personId) to \(a.sessionId)"); continue }
            guard let p = region.personIndex[a.personId] else { bad("unknown person \"\(a.personId)\""); continue }
            switch region.sessionKinds[a.sessionId] {
            case nil: bad("unknown session \"\(a.sessionId)\"")
            case .outOfWeek: bad("session \(a.sessionId) is outside the week")
            case .groupInWeek: bad("\(a.sessionId) is a programme-group session, not a placement session")
            case .placementInWeek(let s): assignments.append((p, s))
            }
        }
        for (i, a) in rota.programmeAllocations.enumerated() {
            func bad(_ why: String) {
                badEntries.append(Violation(rule: .rotaEntry, message: "programmeAllocations[\(i)]: \(why)", people: [a.personId], sessions: [a.groupId]))
            }
            guard seenP.insert(a).inserted else { bad("duplicate of an earlier allocation of \(a.personId) to \(a.groupId)"); continue }
            guard let p = region.personIndex[a.personId] else { bad("unknown person \"\(a.personId)\""); continue }
            guard let g = region.groupIndex[a.groupId] else { bad("unknown group \"\(a.groupId)\""); continue }
            allocations.append((p, g))
        }
        for (i, b) in rota.interpreterBookings.enumerated() {
            func bad(_ why: String) {
                badEntries.append(Violation(rule: .rotaEntry, message: "interpreterBookings[\(i)]: \(why)", sessions: [b.sessionId]))
            }
            guard seenB.insert(b).inserted else { bad("duplicate of an earlier booking of \(b.interpreterId) for \(b.sessionId)"); continue }
            guard let it = region.interpreterIndex[b.interpreterId] else { bad("unknown interpreter \"\(b.interpreterId)\""); continue }
            switch region.sessionKinds[b.sessionId] {
            case nil: bad("unknown session \"\(b.sessionId)\"")
            case .outOfWeek: bad("session \(b.sessionId) is outside the week")
            case .placementInWeek(let s), .groupInWeek(let s): bookings.append((it, s, b.language))
            }
        }
    }
}
