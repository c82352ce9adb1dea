/// A person placed in an unpaid-work placement session.
public struct Assignment: Hashable, Sendable {
    public var personId: String
    public var sessionId: String
    public init(personId: String, sessionId: String) {
        self.personId = personId
        self.sessionId = sessionId
    }
}

/// A programme starter placed in a group now.
public struct ProgrammeAllocation: Hashable, Sendable {
    public var personId: String
    public var groupId: String
    public init(personId: String, groupId: String) {
        self.personId = personId
        self.groupId = groupId
    }
}

/// An interpreter booked for one session and one language.
public struct InterpreterBooking: Hashable, Sendable {
    public var interpreterId: String
    public var sessionId: String
    public var language: String
    public init(interpreterId: String, sessionId: String, language: String) {
        self.interpreterId = interpreterId
        self.sessionId = sessionId
        self.language = language
    }
}

/// A person left short of their weekly target, or a starter left without a group, and why.
public struct UnmetNeed: Hashable, Sendable {
    public var personId: String
    public var shortfallHours: Double
    public var reasons: [String]
    public init(personId: String, shortfallHours: Double, reasons: [String]) {
        self.personId = personId
        self.shortfallHours = shortfallHours
        self.reasons = reasons
    }
}

/// The score a rota reports about itself (checked by `rota validate`, never trusted).
public struct ReportedScore: Hashable, Sendable {
    public var hard: Int
    public var soft: Double
    public var breakdown: [String: Double]
    public init(hard: Int, soft: Double, breakdown: [String: Double]) {
        self.hard = hard
        self.soft = soft
        self.breakdown = breakdown
    }
}

/// The output of PROBLEM.md: one week's decisions.
public struct Rota: Hashable, Sendable {
    /// Kept as text: a rota for the wrong week, or with a malformed date, is scored (rule 0), not refused.
    public var weekStart: String
    public var assignments: [Assignment] = []
    public var programmeAllocations: [ProgrammeAllocation] = []
    public var interpreterBookings: [InterpreterBooking] = []
    public var score: ReportedScore?
    public var unmet: [UnmetNeed] = []
    /// Access by need, as the tool computed it when it wrote the rota (never read back: a
    /// stored rota's figures are computed again against the data of the moment).
    public var access: AccessFigures?

    public init(weekStart: String, assignments: [Assignment] = [], programmeAllocations: [ProgrammeAllocation] = [],
                interpreterBookings: [InterpreterBooking] = [], score: ReportedScore? = nil, unmet: [UnmetNeed] = []) {
        self.weekStart = weekStart
        self.assignments = assignments
        self.programmeAllocations = programmeAllocations
        self.interpreterBookings = interpreterBookings
        self.score = score
        self.unmet = unmet
    }
}
