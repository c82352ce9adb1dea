import Dispatch
import Foundation
import RotaEngine
import RotaJSON
import RotaSolver

/// The daemon's state without I/O: the region's record, the views derived from it, and the one
/// way it changes (`commit`). Not thread-safe by itself: `Daemon` calls it from one serial
/// queue; only a job's work (a solve) runs elsewhere, on a snapshot. The methods themselves
/// are in `Methods/`, one type each.
public final class RotaService: @unchecked Sendable {
    public static let version = "0.2.0"

    let store: RotaStore
    let limits: InputLimits
    private(set) var record: RegionRecord
    private var views: [CalendarDay: WeekView] = [:]
    /// Counts the changes that alter week documents (the standing data, attendance), so that a
    /// job can tell whether the document it solved is still the week's.
    private(set) var documentVersion = 0
    /// Weeks with a generate running.
    var generating: Set<CalendarDay> = []
    let started = Date()
    public private(set) var warnings: [String] = []
    /// How the record was loaded (for the start-up log line).
    public let loadSummary: String

    public init(store: RotaStore, limits: InputLimits = .standard) throws(StorageError) {
        self.store = store
        self.limits = limits
        let stored = try store.load()
        record = stored.record
        warnings = stored.warnings
        loadSummary = stored.summary
    }

    var dataset: Dataset { record.dataset }

    /// Answers one immediate request; throws the error to send instead. (Jobs go through
    /// `Daemon`, which runs them off the queue.)
    public func handle(method: String, params: JSONValue) throws(ResponseError) -> JSONValue {
        let (entry, actor, p) = try MethodTable.resolve(method, params: params)
        guard case .immediate(let run) = entry.kind else { throw ResponseError(.internalError, "\(method) runs as a job") }
        return try run(p, actor, self)
    }

    // MARK: The one way the record changes

    /// Journals the change (on disk before anything else), then applies it. If the disk
    /// refuses, nothing changes in memory either (-32006).
    func commit(_ change: RecordChange, by actor: Actor) throws(ResponseError) {
        let entry = JournalEntry(sequence: record.sequence + 1, at: Self.timestamp(), actor: actor, change: change)
        do { try store.append(entry) } catch { throw ResponseError(.storageFailure, "the change was not stored: \(error.description)") }
        record.apply(entry)
        if change.altersWeekDocuments { documentVersion += 1 }
        switch change {
        case .rotaStored(let w): views[w.weekStart] = nil
        case .rescheduled(_, _, let w) where !change.touchesDataset: views[w.weekStart] = nil
        case .published(let day): views[day] = nil
        case .attendanceRecorded(let a): views = views.filter { $0.key <= a.day }  // later weeks' documents changed
        default: views = [:]
        }
        if store.wantsCompaction {
            do { try store.compact(record) } catch {
                // The journal still holds every change; the next change tries again.
                FileHandle.standardError.write(Data("rota serve: warning: compaction failed (the journal is intact): \(error.description)\n".utf8))
            }
        }
    }

    static func timestamp() -> String { ISO8601DateFormatter().string(from: Date()) }

    // MARK: Weeks

    func weekRecord(_ week: CalendarDay) throws(ResponseError) -> WeekRecord {
        guard let r = record.weeks[week] else { throw ResponseError(.notFound, "no rota for week \(week); call rota.generate first") }
        return r
    }

    func document(for week: CalendarDay) -> Problem { record.document(week: week) }

    func view(_ week: CalendarDay) throws(ResponseError) -> WeekView {
        if let v = views[week] { return v }
        let v = WeekView(problem: document(for: week), rota: try weekRecord(week).rota)
        views[week] = v
        return v
    }

    // MARK: Lookups

    func personIndex(_ id: String, path: String) throws(ResponseError) -> Int {
        guard let i = record.index.people[id] else { throw ResponseError(.notFound, "no person \"\(id)\"", data: .obj([("path", .string(path))])) }
        return i
    }

    func counts() -> JSONValue {
        let d = dataset
        return .obj([("people", .int(d.people.count)), ("placements", .int(d.placements.count)),
                     ("sessions", .int(d.placements.reduce(0) { $0 + $1.sessions.count })),
                     ("programmes", .int(d.programmes.count)), ("groups", .int(d.programmes.reduce(0) { $0 + $1.groups.count })),
                     ("interpreters", .int(d.interpreters.count))])
    }
}

extension RecordChange {
    /// True for changes that alter the standing data (and so every week's document).
    var touchesDataset: Bool {
        switch self {
        case .datasetLoaded, .datasetUpserted, .datasetRemoved: return true
        case .rescheduled(_, let unavailable, _): return !unavailable.isEmpty
        case .attendanceRecorded, .rotaStored, .published: return false
        }
    }

    /// True for changes after which a week's document may read differently (attendance changes
    /// hours completed and the placement carried forward).
    var altersWeekDocuments: Bool {
        if case .attendanceRecorded = self { return true }
        return touchesDataset
    }
}
