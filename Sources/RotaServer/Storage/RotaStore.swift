import RotaEngine

/// What a store hands back at start-up.
public struct StoredRecord: Sendable {
    public var record: RegionRecord
    /// Things noticed while loading that did not stop it (a torn last record discarded).
    public var warnings: [String]
    /// What the load did, for the start-up log line.
    public var summary: String
    public init(record: RegionRecord, warnings: [String] = [], summary: String = "") {
        self.record = record
        self.warnings = warnings
        self.summary = summary
    }
}

/// Why the data folder could not be read or written.
public struct StorageError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ d: String) { description = d }
}

/// The daemon's storage: the record as it was at start, then one append per change. An
/// `append` returns only once the change is on disk (written and fsync'd); if it throws,
/// nothing is stored and the daemon changes nothing in memory either.
public protocol RotaStore: AnyObject, Sendable {
    /// A human-readable location (the data folder), for `server.health`.
    var location: String { get }
    func load() throws(StorageError) -> StoredRecord
    func append(_ entry: JournalEntry) throws(StorageError)
    /// True when the journal has grown enough to be folded into a snapshot.
    var wantsCompaction: Bool { get }
    func compact(_ record: RegionRecord) throws(StorageError)
}

/// A store in memory, for tests of the server logic without a disk.
public final class MemoryStore: RotaStore, @unchecked Sendable {
    public private(set) var entries: [JournalEntry] = []
    public var failWrites = false
    public init() {}
    public var location: String { "(memory)" }
    public func load() throws(StorageError) -> StoredRecord {
        var record = RegionRecord()
        for e in entries {
            record.apply(e.change)
            record.sequence = e.sequence
        }
        return StoredRecord(record: record)
    }
    public func append(_ entry: JournalEntry) throws(StorageError) {
        if failWrites { throw StorageError("writes disabled") }
        entries.append(entry)
    }
    public var wantsCompaction: Bool { false }
    public func compact(_ record: RegionRecord) throws(StorageError) {}
}
