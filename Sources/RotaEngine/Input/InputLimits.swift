import RotaJSON

/// Every size limit the product enforces on its inputs, in one place, so that hostile input
/// meets the same bounds in `rota validate`, `rota solve` and the daemon.
public struct InputLimits: Sendable {
    public var maxDocumentBytes = 512 << 20
    public var maxNestingDepth = 64
    public var maxPeople = 200_000
    public var maxPlacements = 50_000
    public var maxSessionsPerPlacement = 500
    public var maxProgrammes = 5_000
    public var maxGroupsPerProgramme = 1_000
    public var maxInterpreters = 20_000
    public var maxIntervalsPerList = 2_000
    public var maxListEntries = 1_000
    public var maxRotaEntries = 5_000_000
    public var maxStringBytes = 1_000
    /// One JSON-RPC request line of the daemon (framing limit).
    public var maxRequestLineBytes = 64 << 20
    /// One answer of the daemon; a larger one is refused with -32007.
    public var maxResponseBytes = 64 << 20
    /// Ids in one list of a request (`dataset.get`, `dataset.remove`); repeats are answered once.
    public var maxIdsPerRequest = 10_000
    /// Capacity and hours above these are typing mistakes, not data.
    public var maxCapacity = 10_000
    public var maxHours = 10_000.0
    /// A travel limit (policy or person) beyond this spans England and Wales several times over.
    public var maxTravelKm = 1_000.0
    /// An exclusion zone is a town or a district around a victim, never a county.
    public var maxExclusionRadiusKm = 100.0
    /// Weekly minimum and maximum hours: a week has 168.
    public var maxWeeklyHours = 168.0
    /// A cost weight: a million times the next is already an absolute priority.
    public var maxCostWeight = 1_000_000.0

    public init() {}
    public static let standard = InputLimits()

    public var parse: JSONParseLimits { JSONParseLimits(maxDepth: maxNestingDepth, maxBytes: maxDocumentBytes) }
}
