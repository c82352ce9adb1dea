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
    /// Capacity and hours above these are typing mistakes, not data.
    public var maxCapacity = 10_000
    public var maxHours = 10_000.0

    public init() {}
    public static let standard = InputLimits()

    public var parse: JSONParseLimits { JSONParseLimits(maxDepth: maxNestingDepth, maxBytes: maxDocumentBytes) }
}
