/// One dated sitting of a programme group.
public struct GroupSession: Hashable, Sendable {
    public var id: String
    public var interval: Interval
    public init(id: String, interval: Interval) {
        self.id = id
        self.interval = interval
    }
}

/// A cohort of an accredited programme with a fixed weekly timetable.
public struct ProgrammeGroup: Hashable, Sendable {
    public var id: String
    public var location: GeoPoint
    public var womenOnly = false
    /// Counts every member: enrolled members plus starters placed now.
    public var capacity: Int
    public var acceptingNew = true
    public var interpreterSupported = false
    public var staffLanguages: [String] = ["en"]
    public var sessions: [GroupSession] = []
    public var weeklySessions: [WeeklyGroupSession] = []
    public init(id: String, location: GeoPoint, capacity: Int) {
        self.id = id
        self.location = location
        self.capacity = capacity
    }
}

/// An accredited programme (Thinking Skills Programme, Building Choices, …).
public struct Programme: Hashable, Sendable {
    public var id: String
    public var name: String
    public var maxRosh: RoshLevel = .veryHigh
    public var groups: [ProgrammeGroup] = []
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// A sessional interpreter.
public struct Interpreter: Hashable, Sendable {
    public var id: String
    public var languages: [String]
    public var availability: [Interval]
    public var weeklyAvailability: [WeeklyInterval] = []
    public init(id: String, languages: [String], availability: [Interval]) {
        self.id = id
        self.languages = languages
        self.availability = availability
    }
}
