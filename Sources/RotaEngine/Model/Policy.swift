/// The weights of the soft costs of PROBLEM.md.
public struct CostWeights: Hashable, Sendable {
    public var hoursShortfall = 100.0
    public var starterUnplaced = 400.0
    public var interpreterBooking = 40.0
    public var travelKm = 2.0
    public var continuity = 15.0
    public var isolation = 60.0
    public var interestMismatch = 5.0
    public init() {}
}

/// Region-wide defaults and cost weights. `Policy()` is PROBLEM.md's table; `config/policy.json`
/// mirrors it and a problem's own `policy` overrides either, field by field.
public struct Policy: Hashable, Sendable {
    public var maxTravelKm = 25.0
    public var minWeeklyHours = 7.0
    public var maxWeeklyHours = 28.0
    public var weights = CostWeights()
    public init() {}
}

/// The names of the soft costs, in the order PROBLEM.md lists them.
public enum SoftCost: String, CaseIterable, Sendable {
    case hoursShortfall, starterUnplaced, interpreterBooking, travelKm, continuity, isolation, interestMismatch
}

extension CostWeights {
    public subscript(cost: SoftCost) -> Double {
        get {
            switch cost {
            case .hoursShortfall: return hoursShortfall
            case .starterUnplaced: return starterUnplaced
            case .interpreterBooking: return interpreterBooking
            case .travelKm: return travelKm
            case .continuity: return continuity
            case .isolation: return isolation
            case .interestMismatch: return interestMismatch
            }
        }
        set {
            switch cost {
            case .hoursShortfall: hoursShortfall = newValue
            case .starterUnplaced: starterUnplaced = newValue
            case .interpreterBooking: interpreterBooking = newValue
            case .travelKm: travelKm = newValue
            case .continuity: continuity = newValue
            case .isolation: isolation = newValue
            case .interestMismatch: interestMismatch = newValue
            }
        }
    }
}
