import RotaEngine

/// One attendance at a session: what a supervisor or officer records after the day.
public struct AttendanceRecord: Sendable, Equatable {
    public enum Status: String, Sendable { case attended, absent }
    public var personId: String
    public var sessionId: String
    public var day: CalendarDay
    /// Hours worked; only an `attended` record credits them to the order.
    public var hours: Double
    public var status: Status
    public var recordedBy: Actor
    public var at: String

    public init(personId: String, sessionId: String, day: CalendarDay, hours: Double, status: Status, recordedBy: Actor, at: String) {
        self.personId = personId
        self.sessionId = sessionId
        self.day = day
        self.hours = hours
        self.status = status
        self.recordedBy = recordedBy
        self.at = at
    }

    /// The hours this record credits to the order.
    public var credited: Double { status == .attended ? hours : 0 }
}

/// Attendance as a log, per person. A (person, session, day) is recorded at most once: a
/// second record of it replaces the first, so a client that retries never credits twice.
public struct AttendanceLog: Sendable {
    private(set) var byPerson: [String: [AttendanceRecord]] = [:]

    public init() {}

    public mutating func record(_ r: AttendanceRecord) {
        // In place, kept in (day, session) order: replaying 100,000 records must not copy or
        // re-sort a person's history each time.
        byPerson[r.personId, default: []].insertOrReplace(r)
    }

    public func records(of personId: String) -> [AttendanceRecord] { byPerson[personId] ?? [] }

    /// Hours credited to the person on days before `day` (every day when nil).
    public func credited(to personId: String, before day: CalendarDay? = nil) -> Double {
        records(of: personId).reduce(0) { sum, r in
            if let day, r.day >= day { return sum }
            return sum + r.credited
        }
    }

    /// Every record, in person order, for the snapshot.
    public var all: [AttendanceRecord] { byPerson.keys.sorted().flatMap { byPerson[$0]! } }
}

extension Array where Element == AttendanceRecord {
    fileprivate mutating func insertOrReplace(_ r: AttendanceRecord) {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if (self[mid].day, self[mid].sessionId) < (r.day, r.sessionId) { lo = mid + 1 } else { hi = mid }
        }
        if lo < count && self[lo].day == r.day && self[lo].sessionId == r.sessionId { self[lo] = r } else { insert(r, at: lo) }
    }
}
