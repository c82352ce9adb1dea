public enum PlacementKind: String, Sendable, Hashable {
    /// A work party supervised by probation staff.
    case group
    /// An agency placement (charity shop and the like), with no probation supervisor present.
    case individual
}

/// One dated sitting of a placement.
public struct PlacementSession: Hashable, Sendable {
    public var id: String
    public var interval: Interval
    /// Credited working time, breaks excluded.
    public var hours: Double
    public var capacity: Int
    public init(id: String, interval: Interval, hours: Double, capacity: Int) {
        self.id = id
        self.interval = interval
        self.hours = hours
        self.capacity = capacity
    }
}

/// A Community Payback project.
public struct Placement: Hashable, Sendable {
    public var id: String
    public var name: String
    public var provider: String
    public var kind: PlacementKind
    public var location: GeoPoint
    public var womenOnly = false
    public var maxRosh: RoshLevel = .medium
    public var childrenPresent = false
    public var vulnerableAdultsPresent = false
    public var mappaApproved = false
    public var childcareOnSite = false
    public var staffLanguages: [String] = ["en"]
    public var skills: [String] = []
    public var sessions: [PlacementSession] = []
    public var weeklySessions: [WeeklyPlacementSession] = []

    public init(id: String, name: String, provider: String, kind: PlacementKind, location: GeoPoint) {
        self.id = id
        self.name = name
        self.provider = provider
        self.kind = kind
        self.location = location
    }
}
