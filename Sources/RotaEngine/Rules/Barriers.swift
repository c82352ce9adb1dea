/// The reasons a person may not attend one session that depend on the person and the session
/// alone (not on who else is there). The scorer counts them, the solver filters candidates with
/// them, and `explain` / `unmet` phrase them — one definition, so the three cannot drift apart.
public struct Barriers: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let outsideAvailability = Barriers(rawValue: 1 << 0)
    public static let overlapsUnavailable = Barriers(rawValue: 1 << 1)
    /// A man at a women-only session or group.
    public static let womenOnlySession = Barriers(rawValue: 1 << 2)
    /// A women-only person at a mixed work party or group.
    public static let mixedSession = Barriers(rawValue: 1 << 3)
    public static let roshTooHigh = Barriers(rawValue: 1 << 4)
    public static let childRisk = Barriers(rawValue: 1 << 5)
    public static let vulnerableAdultRisk = Barriers(rawValue: 1 << 6)
    public static let mappaNotApproved = Barriers(rawValue: 1 << 7)
    public static let exclusionZone = Barriers(rawValue: 1 << 8)
    public static let tooFar = Barriers(rawValue: 1 << 9)
    public static let outsideChildcare = Barriers(rawValue: 1 << 10)
    // Below: not per-session rules of the scorer, but facts the solver and explanations use.
    /// Needs an interpreter in a language no interpreter can cover for this session.
    public static let noInterpreter = Barriers(rawValue: 1 << 11)
    /// Clashes with the person's fixed programme sessions.
    public static let clashesWithProgramme = Barriers(rawValue: 1 << 12)
    /// Longer than the person's weekly maximum, or nothing left to work.
    public static let hoursLimit = Barriers(rawValue: 1 << 13)
    /// The person has no unpaid-work order.
    public static let noUnpaidWork = Barriers(rawValue: 1 << 14)
    /// A programme group whose staff do not speak the person's language and that does not
    /// support interpreters (rule 5, once per person and group).
    public static let interpreterUnsupported = Barriers(rawValue: 1 << 15)

    public static let all: [(Barriers, HardRule, String)] = [
        (.outsideAvailability, .availability, "outside the person's availability"),
        (.overlapsUnavailable, .availability, "clashes with work, education or another commitment"),
        (.womenOnlySession, .womenOnly, "a women-only session"),
        (.mixedSession, .womenOnly, "a mixed session, and the person attends women-only sessions only"),
        (.roshTooHigh, .risk, "risk of serious harm above what the placement accepts"),
        (.childRisk, .risk, "children present and the person poses a risk to children"),
        (.vulnerableAdultRisk, .risk, "vulnerable adults present and the person poses a risk to them"),
        (.mappaNotApproved, .risk, "not approved for MAPPA level 2 or 3"),
        (.exclusionZone, .exclusionZone, "inside an exclusion zone"),
        (.tooFar, .travel, "beyond the person's travel limit"),
        (.outsideChildcare, .childcare, "outside childcare windows with no crèche on site"),
        (.noInterpreter, .interpreter, "no interpreter of their language is available then"),
        (.clashesWithProgramme, .availability, "clashes with the person's programme sessions"),
        (.hoursLimit, .hours, "longer than the hours the person may work this week"),
        (.noUnpaidWork, .hours, "the person has no unpaid-work hours to do"),
        (.interpreterUnsupported, .interpreter, "needs an interpreter, and the group does not support interpreters"),
    ]

    /// Human phrases for each barrier present, in a fixed order.
    public var phrases: [String] { Barriers.all.filter { contains($0.0) }.map(\.2) }
}
