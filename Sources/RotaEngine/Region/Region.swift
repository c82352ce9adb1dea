/// One in-week session, placement or programme group, with what every rule needs of it.
public struct SessionRef: Sendable {
    public let id: String
    public let interval: Interval
    /// Index into `problem.placements`, or -1 for a programme-group session.
    public let placement: Int
    /// Index into `Region.groups`, or -1 for a placement session.
    public let group: Int
    /// Credited hours (0 for group sessions).
    public let hours: Double
    /// Seats (placement sessions; groups have a capacity of their own).
    public let capacity: Int
    public let location: GeoPoint
    public let staffLanguages: [String]
}

/// A programme group with its programme and its in-week sessions resolved to indices.
public struct GroupRef: Sendable {
    public let programme: Int
    public let programmeIndexInGroups: Int
    public let group: ProgrammeGroup
    /// Indices into `Region.sessions` of the group's in-week sessions.
    public let sessions: [Int]
}

/// What a session id names, for rule 0 messages.
public enum SessionIdKind: Sendable {
    case placementInWeek(Int)
    case groupInWeek(Int)
    case outOfWeek
}

/// The problem compiled into integer-indexed tables: what the scorer, the solver and the
/// daemon's queries share. Built once per problem; immutable.
public struct Region: Sendable {
    public let problem: Problem
    public var policy: Policy { problem.policy }
    public var people: [Person] { problem.people }

    public let personIndex: [String: Int]
    public let placementIndex: [String: Int]
    public let programmeIndex: [String: Int]
    public let groupIndex: [String: Int]
    public let interpreterIndex: [String: Int]
    /// In-week sessions: every placement session first, then every group session.
    public let sessions: [SessionRef]
    public let placementSessionCount: Int
    /// Every session id of the document, in the week or not.
    public let sessionKinds: [String: SessionIdKind]
    public let groups: [GroupRef]
    /// Symmetric non-association relation, as sorted person indices.
    public let nonAssociates: [[Int]]
    /// Per person: `maxTravelKm`, weekly min/max, hours still to work `R`, weekly target `T`.
    public let maxTravelKm: [Double]
    public let maxWeeklyHours: [Double]
    public let remainingHours: [Double]
    public let weeklyTarget: [Double]
    /// Per person: the index of the group an enrolled member is fixed in (-1: none or unknown).
    public let enrolledGroup: [Int]

    public init(_ problem: Problem) {
        self.problem = problem
        var personIndex: [String: Int] = [:]
        personIndex.reserveCapacity(problem.people.count)
        for (i, p) in problem.people.enumerated() where personIndex[p.id] == nil { personIndex[p.id] = i }
        self.personIndex = personIndex

        var placementIndex: [String: Int] = [:]
        var sessions: [SessionRef] = []
        var kinds: [String: SessionIdKind] = [:]
        for (pi, pl) in problem.placements.enumerated() {
            placementIndex[pl.id] = pi
            for s in pl.sessions {
                if problem.isInWeek(s.interval.day) {
                    kinds[s.id] = .placementInWeek(sessions.count)
                    sessions.append(SessionRef(id: s.id, interval: s.interval, placement: pi, group: -1, hours: s.hours,
                                               capacity: s.capacity, location: pl.location, staffLanguages: pl.staffLanguages))
                } else {
                    kinds[s.id] = .outOfWeek
                }
            }
        }
        self.placementIndex = placementIndex
        self.placementSessionCount = sessions.count

        var programmeIndex: [String: Int] = [:]
        var groupIndex: [String: Int] = [:]
        var groups: [GroupRef] = []
        for (pri, pr) in problem.programmes.enumerated() {
            programmeIndex[pr.id] = pri
            for (gi, g) in pr.groups.enumerated() {
                let gIndex = groups.count
                groupIndex[g.id] = gIndex
                var own: [Int] = []
                for s in g.sessions {
                    if problem.isInWeek(s.interval.day) {
                        kinds[s.id] = .groupInWeek(sessions.count)
                        own.append(sessions.count)
                        sessions.append(SessionRef(id: s.id, interval: s.interval, placement: -1, group: gIndex, hours: 0,
                                                   capacity: g.capacity, location: g.location, staffLanguages: g.staffLanguages))
                    } else {
                        kinds[s.id] = .outOfWeek
                    }
                }
                groups.append(GroupRef(programme: pri, programmeIndexInGroups: gi, group: g, sessions: own))
            }
        }
        self.programmeIndex = programmeIndex
        self.groupIndex = groupIndex
        self.groups = groups
        self.sessions = sessions
        self.sessionKinds = kinds

        var interpreterIndex: [String: Int] = [:]
        for (i, it) in problem.interpreters.enumerated() { interpreterIndex[it.id] = i }
        self.interpreterIndex = interpreterIndex

        var na = Array(repeating: [Int](), count: problem.people.count)
        for (i, p) in problem.people.enumerated() {
            for other in p.nonAssociation {
                guard let j = personIndex[other], j != i else { continue }
                na[i].append(j)
                na[j].append(i)
            }
        }
        self.nonAssociates = na.map { Array(Set($0)).sorted() }

        let policy = problem.policy
        var maxTravel: [Double] = [], maxWeekly: [Double] = [], remaining: [Double] = [], target: [Double] = [], enrolled: [Int] = []
        for p in problem.people {
            maxTravel.append(p.maxTravelKm ?? policy.maxTravelKm)
            if let u = p.upw {
                let t = WeeklyTarget(order: u, policy: policy, weekStart: problem.weekStart)
                maxWeekly.append(t.maxWeeklyHours)
                remaining.append(t.remainingHours)
                target.append(t.targetHours)
            } else {
                maxWeekly.append(0); remaining.append(0); target.append(0)
            }
            if let prog = p.programme, prog.status == .enrolled, let gid = prog.groupId, let g = groupIndex[gid] {
                enrolled.append(g)
            } else {
                enrolled.append(-1)
            }
        }
        self.maxTravelKm = maxTravel
        self.maxWeeklyHours = maxWeekly
        self.remainingHours = remaining
        self.weeklyTarget = target
        self.enrolledGroup = enrolled
    }

    /// A human label for a session: "GP0001-S1 (Rural School Grounds, Monday 2026-11-30 09:00–16:30)".
    public func describe(session s: Int) -> String {
        let ref = sessions[s]
        let name = ref.placement >= 0 ? problem.placements[ref.placement].name : groups[ref.group].group.id
        return "\(ref.id) (\(name.isEmpty ? "session" : name), \(ref.interval))"
    }
}
