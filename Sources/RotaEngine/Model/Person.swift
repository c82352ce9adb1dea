public enum Sex: String, Sendable, Hashable {
    case female = "F"
    case male = "M"
}

/// An unpaid-work (Community Payback) requirement of a court order.
public struct UnpaidWorkOrder: Hashable, Sendable {
    public var hoursOrdered: Double
    public var hoursCompleted: Double
    public var deadline: CalendarDay
    /// nil: the policy's value applies (kept unresolved so a policy change reaches every person).
    public var minWeeklyHours: Double?
    public var maxWeeklyHours: Double?

    public init(hoursOrdered: Double, hoursCompleted: Double, deadline: CalendarDay, minWeeklyHours: Double? = nil, maxWeeklyHours: Double? = nil) {
        self.hoursOrdered = hoursOrdered
        self.hoursCompleted = hoursCompleted
        self.deadline = deadline
        self.minWeeklyHours = minWeeklyHours
        self.maxWeeklyHours = maxWeeklyHours
    }

    /// `R` of PROBLEM.md: hours still to work.
    public var remainingHours: Double { max(0, hoursOrdered - hoursCompleted) }
}

public enum ProgrammeStatus: String, Sendable, Hashable {
    case awaiting
    case enrolled
}

/// An accredited-programme requirement.
public struct ProgrammeRequirement: Hashable, Sendable {
    public var programmeId: String
    public var status: ProgrammeStatus
    public var groupId: String?
    public init(programmeId: String, status: ProgrammeStatus, groupId: String? = nil) {
        self.programmeId = programmeId
        self.status = status
        self.groupId = groupId
    }
}

/// A person on probation, as the scheduler needs to know them.
public struct Person: Hashable, Sendable {
    public var id: String
    public var sex: Sex
    public var womenOnly: Bool
    public var language: String = "en"
    public var needsInterpreter = false
    public var home: GeoPoint
    /// nil: `policy.maxTravelKm`.
    public var maxTravelKm: Double?
    /// nil: any time in the week; empty: never available.
    public var availability: [Interval]?
    public var unavailable: [Interval] = []
    /// nil: no dependants; otherwise the windows in which the person can attend without on-site childcare.
    public var childcareWindows: [Interval]?
    public var risk = RiskAssessment()
    public var nonAssociation: [String] = []
    public var exclusionZones: [ExclusionZone] = []
    public var isolationTag: String?
    public var interests: [String] = []
    public var currentPlacementId: String?
    public var upw: UnpaidWorkOrder?
    public var programme: ProgrammeRequirement?
    /// A plain flag the scheduler may set so that a placement provider knows to read the
    /// supervision notes; the only risk-related fact a provider ever sees. Not in PROBLEM.md
    /// (which ignores unknown fields); defaults to false.
    public var supervisionNotes = false
    /// The person's name, for the people who must recognise them (officers, schedulers, the
    /// supervisor of a placement they attend). Never used in scoring.
    public var name: String?
    /// Weekly entries of `availability`, `unavailable` and `childcare.windows` (TIMETABLE.md).
    public var weeklyAvailability: [WeeklyInterval] = []
    public var weeklyUnavailable: [WeeklyInterval] = []
    public var weeklyChildcareWindows: [WeeklyInterval] = []

    public init(id: String, sex: Sex, home: GeoPoint, womenOnly: Bool? = nil) {
        self.id = id
        self.sex = sex
        self.home = home
        self.womenOnly = womenOnly ?? (sex == .female)
    }
}
