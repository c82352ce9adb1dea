/// The hard rules of PROBLEM.md, numbered as there.
public enum HardRule: Int, Sendable, CaseIterable, Comparable {
    case rotaEntry = 0
    case capacity = 1
    case availability = 2
    case oneSessionPerDay = 3
    case womenOnly = 4
    case interpreter = 5
    case risk = 6
    case nonAssociation = 7
    case exclusionZone = 8
    case travel = 9
    case childcare = 10
    case hours = 11
    case programmeAllocation = 12

    public static func < (a: HardRule, b: HardRule) -> Bool { a.rawValue < b.rawValue }

    public var title: String {
        switch self {
        case .rotaEntry: return "bad rota entry"
        case .capacity: return "capacity"
        case .availability: return "availability"
        case .oneSessionPerDay: return "one unpaid-work session per day"
        case .womenOnly: return "women-only"
        case .interpreter: return "interpreter"
        case .risk: return "risk"
        case .nonAssociation: return "non-association"
        case .exclusionZone: return "exclusion zone"
        case .travel: return "travel"
        case .childcare: return "childcare"
        case .hours: return "hours"
        case .programmeAllocation: return "programme allocation"
        }
    }
}

/// One broken instance of a hard rule: what `rota validate` lists and `score.hard` counts.
public struct Violation: Sendable, Hashable {
    public var rule: HardRule
    public var message: String
    public var people: [String]
    public var sessions: [String]
    public init(rule: HardRule, message: String, people: [String] = [], sessions: [String] = []) {
        self.rule = rule
        self.message = message
        self.people = people
        self.sessions = sessions
    }
}
