import RotaEngine

/// Records to add or replace (by id), and perhaps a new policy: `dataset.upsert`.
public struct DatasetUpsert: Sendable {
    public var people: [Person] = []
    public var placements: [Placement] = []
    public var programmes: [Programme] = []
    public var interpreters: [Interpreter] = []
    public var policy: Policy?
    public init() {}
}

/// Ids to remove, per kind: `dataset.remove`.
public struct DatasetRemoval: Sendable {
    public var people: [String] = []
    public var placements: [String] = []
    public var programmes: [String] = []
    public var interpreters: [String] = []
    public init() {}
}

/// One change to the region's record. Each is checked before it is made, appended to the
/// journal as one record (so a change of several parts is all or nothing), and then applied
/// by `RegionRecord.apply` — the same function at start-up, when the journal is replayed.
public enum RecordChange: Sendable {
    /// `weeks`: published weeks as a forced change left them (with their `changes` entries).
    case datasetLoaded(Dataset, weeks: [WeekRecord])
    case datasetUpserted(DatasetUpsert, weeks: [WeekRecord])
    case datasetRemoved(DatasetRemoval, weeks: [WeekRecord])
    case attendanceRecorded(AttendanceRecord)
    /// A generated rota, stored unpublished.
    case rotaStored(WeekRecord)
    case published(CalendarDay)
    /// A reschedule applied: the person's new unavailability and the week's new rota together.
    case rescheduled(personId: String, unavailable: [Interval], week: WeekRecord)
}

/// One journal record: a change, who made it and when, and its place in the sequence.
public struct JournalEntry: Sendable {
    public var sequence: UInt64
    public var at: String
    public var actor: Actor
    public var change: RecordChange
}

/// The region's record: its standing data, every stored week, and the attendance log.
public struct RegionRecord: Sendable {
    /// Changed only through `apply`, which keeps `index` with it.
    public private(set) var dataset = Dataset()
    public var weeks: [CalendarDay: WeekRecord] = [:]
    public var attendance = AttendanceLog()
    /// The sequence number of the last change applied.
    public var sequence: UInt64 = 0
    /// Where each id sits in the dataset's lists, kept with every change so that a change of
    /// one record costs one lookup, not a scan of a 20,000-person region.
    public private(set) var index = DatasetIndex()

    public init() {}

    /// A record read back whole (a snapshot, a migrated folder).
    public init(dataset: Dataset, weeks: [CalendarDay: WeekRecord] = [:], attendance: AttendanceLog = AttendanceLog(), sequence: UInt64 = 0) {
        self.dataset = dataset
        self.weeks = weeks
        self.attendance = attendance
        self.sequence = sequence
        index = DatasetIndex(dataset)
    }

    /// Applies a journalled change and takes its sequence number.
    public mutating func apply(_ entry: JournalEntry) {
        apply(entry.change)
        sequence = entry.sequence
    }

    /// Applies a change already checked (and on disk). Never fails: everything that could make
    /// a change wrong was refused before it was journalled.
    public mutating func apply(_ change: RecordChange) {
        switch change {
        case .datasetLoaded(let d, let edited):
            dataset = d
            index = DatasetIndex(dataset)
            for w in edited { weeks[w.weekStart] = w }
        case .datasetUpserted(let u, let edited):
            Self.merge(&dataset.people, u.people, positions: &index.people)
            Self.merge(&dataset.placements, u.placements, positions: &index.placements)
            Self.merge(&dataset.programmes, u.programmes, positions: &index.programmes)
            Self.merge(&dataset.interpreters, u.interpreters, positions: &index.interpreters)
            if let p = u.policy { dataset.policy = p }
            // Sessions and groups belong to the records just replaced: their owners are re-read.
            if !u.placements.isEmpty || !u.programmes.isEmpty { index.reindexAllButPeople(dataset) }
            for w in edited { weeks[w.weekStart] = w }
        case .datasetRemoved(let r, let edited):
            dataset.apply(r)
            index = DatasetIndex(dataset)
            for w in edited { weeks[w.weekStart] = w }
        case .attendanceRecorded(let a):
            attendance.record(a)
        case .rotaStored(let w):
            weeks[w.weekStart] = w
        case .published(let day):
            weeks[day]?.published = true
        case .rescheduled(let personId, let unavailable, let week):
            if let i = index.people[personId] {
                for u in unavailable where !dataset.people[i].unavailable.contains(u) { dataset.people[i].unavailable.append(u) }
            }
            weeks[week.weekStart] = week
        }
    }
}

extension RegionRecord {
    /// Records with an id already held replace it in place; others are added at the end. The
    /// positions are the index's, kept as the list changes.
    private static func merge<T: Identified>(_ list: inout [T], _ new: [T], positions: inout [String: Int]) {
        for record in new {
            if let i = positions[record.id] { list[i] = record } else {
                positions[record.id] = list.count
                list.append(record)
            }
        }
    }
}

/// A record of the dataset, known by its id.
protocol Identified { var id: String { get } }
extension Person: Identified {}
extension Placement: Identified {}
extension Programme: Identified {}
extension Interpreter: Identified {}

extension Dataset {
    /// Removes the records; a person who has left probation leaves no dangling non-association.
    public mutating func apply(_ r: DatasetRemoval) {
        func drop<T>(_ list: inout [T], _ ids: [String], id: (T) -> String) {
            guard !ids.isEmpty else { return }
            let set = Set(ids)
            list.removeAll { set.contains(id($0)) }
        }
        drop(&people, r.people, id: \.id)
        drop(&placements, r.placements, id: \.id)
        drop(&programmes, r.programmes, id: \.id)
        drop(&interpreters, r.interpreters, id: \.id)
        if !r.people.isEmpty {
            let gone = Set(r.people)
            for i in people.indices where people[i].nonAssociation.contains(where: gone.contains) {
                people[i].nonAssociation.removeAll { gone.contains($0) }
            }
        }
    }
}

/// Id → position in the dataset's lists, and each session id's owner.
public struct DatasetIndex: Sendable {
    public var people: [String: Int] = [:]
    public var placements: [String: Int] = [:]
    public var programmes: [String: Int] = [:]
    public var interpreters: [String: Int] = [:]
    /// Every session id (placement and group sessions) → the placement or group id it belongs to.
    public var sessionOwner: [String: String] = [:]
    /// Placement sessions only → (placement index, session index).
    public var placementSessions: [String: (placement: Int, session: Int)] = [:]
    /// Weekly placement sessions → (placement index, index in `weeklySessions`).
    public var weeklyPlacementSessions: [String: (placement: Int, session: Int)] = [:]
    /// Every programme group id → its programme's id.
    public var groupOwner: [String: String] = [:]

    public init() {}

    public init(_ d: Dataset) {
        people.reserveCapacity(d.people.count)
        for (i, p) in d.people.enumerated() { people[p.id] = i }
        reindexAllButPeople(d)
    }

    public mutating func reindexAllButPeople(_ d: Dataset) {
        placements = [:]
        programmes = [:]
        interpreters = [:]
        sessionOwner = [:]
        placementSessions = [:]
        weeklyPlacementSessions = [:]
        groupOwner = [:]
        for (i, pl) in d.placements.enumerated() {
            placements[pl.id] = i
            for (j, s) in pl.sessions.enumerated() {
                sessionOwner[s.id] = pl.id
                placementSessions[s.id] = (i, j)
            }
            for (j, s) in pl.weeklySessions.enumerated() {
                sessionOwner[s.id] = pl.id
                weeklyPlacementSessions[s.id] = (i, j)
            }
        }
        for (i, pr) in d.programmes.enumerated() {
            programmes[pr.id] = i
            for g in pr.groups {
                groupOwner[g.id] = pr.id
                for id in g.sessions.map(\.id) + g.weeklySessions.map(\.id) { sessionOwner[id] = g.id }
            }
        }
        for (i, it) in d.interpreters.enumerated() { interpreters[it.id] = i }
    }
}
