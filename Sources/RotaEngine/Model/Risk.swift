/// Risk of serious harm, in increasing order.
public enum RoshLevel: Int, Comparable, Sendable, CaseIterable {
    case low, medium, high, veryHigh

    public init?(json: String) {
        switch json {
        case "low": self = .low
        case "medium": self = .medium
        case "high": self = .high
        case "very_high": self = .veryHigh
        default: return nil
        }
    }

    public var json: String { ["low", "medium", "high", "very_high"][rawValue] }
    public static let jsonNames = "low, medium, high, very_high"
    public static func < (a: RoshLevel, b: RoshLevel) -> Bool { a.rawValue < b.rawValue }
}

/// The risk assessment of a person. Sensitive: never shown to placement providers.
public struct RiskAssessment: Hashable, Sendable {
    public var rosh: RoshLevel = .low
    public var mappaLevel: Int = 0
    public var childRisk = false
    public var vulnerableAdultRisk = false
    public init(rosh: RoshLevel = .low, mappaLevel: Int = 0, childRisk: Bool = false, vulnerableAdultRisk: Bool = false) {
        self.rosh = rosh
        self.mappaLevel = mappaLevel
        self.childRisk = childRisk
        self.vulnerableAdultRisk = vulnerableAdultRisk
    }
}
