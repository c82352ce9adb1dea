import RotaEngine

/// One difference from a published rota, made through `reschedule.request`.
public struct RotaChange: Sendable, Equatable {
    public var at: String
    public var personId: String
    public var added: [String]
    public var removed: [String]
    public var note: String
    public init(at: String, personId: String, added: [String], removed: [String], note: String) {
        self.at = at
        self.personId = personId
        self.added = added
        self.removed = removed
        self.note = note
    }
}

/// Everything the daemon keeps about one week.
public struct WeekRecord: Sendable {
    public var weekStart: CalendarDay
    public var rota: Rota
    public var published: Bool
    /// Changes since publication, oldest first.
    public var changes: [RotaChange]
    public init(weekStart: CalendarDay, rota: Rota, published: Bool = false, changes: [RotaChange] = []) {
        self.weekStart = weekStart
        self.rota = rota
        self.published = published
        self.changes = changes
    }
}

/// What a store hands back at start-up.
public struct StoredData: Sendable {
    public var dataset: Problem?
    public var weeks: [WeekRecord]
    /// Things noticed while loading that did not stop it (a torn last write discarded).
    public var warnings: [String]
    public init(dataset: Problem?, weeks: [WeekRecord], warnings: [String] = []) {
        self.dataset = dataset
        self.weeks = weeks
        self.warnings = warnings
    }
}

/// Why the data folder could not be read or written.
public struct StorageError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ d: String) { description = d }
}

/// The daemon's storage, kept to three operations so that the durable journal can replace the
/// file-per-record store without touching the server. A `save` returns only once the change is
/// on disk (written and fsync'd); if it throws, nothing the daemon holds in memory has changed.
public protocol RotaStore: AnyObject, Sendable {
    /// A human-readable location (the data folder), for `server.health`.
    var location: String { get }
    func load() throws(StorageError) -> StoredData
    func saveDataset(_ problem: Problem) throws(StorageError)
    func saveWeek(_ week: WeekRecord) throws(StorageError)
}

/// A store in memory, for tests of the server logic without a disk.
public final class MemoryStore: RotaStore, @unchecked Sendable {
    public private(set) var dataset: Problem?
    public private(set) var weeks: [CalendarDay: WeekRecord] = [:]
    public var failWrites = false
    public init() {}
    public var location: String { "(memory)" }
    public func load() throws(StorageError) -> StoredData { StoredData(dataset: dataset, weeks: Array(weeks.values)) }
    public func saveDataset(_ problem: Problem) throws(StorageError) {
        if failWrites { throw StorageError("writes disabled") }
        dataset = problem
    }
    public func saveWeek(_ week: WeekRecord) throws(StorageError) {
        if failWrites { throw StorageError("writes disabled") }
        weeks[week.weekStart] = week
    }
}
