/// Weekly entries (TIMETABLE.md): a placement that runs every Saturday, a person who works
/// Monday to Friday, a school-hours window that repeats. A document keeps them as written; the
/// week's document (`Problem.document(forWeek:)`) replaces each by its occurrence in that week,
/// so the scorer and the solver only ever see dated entries.
public struct Recurrence: Hashable, Sendable {
    /// 0 = Monday … 6 = Sunday.
    public var weekday: Int
    public var from: CalendarDay?
    public var until: CalendarDay?
    public var except: [CalendarDay] = []

    public init(weekday: Int, from: CalendarDay? = nil, until: CalendarDay? = nil, except: [CalendarDay] = []) {
        self.weekday = weekday
        self.from = from
        self.until = until
        self.except = except
    }

    /// Its day in the week starting on the Monday `week`, if it occurs then.
    public func occurrence(inWeekOf week: CalendarDay) -> CalendarDay? {
        let day = week.adding(days: weekday)
        if let from, day < from { return nil }
        if let until, day > until { return nil }
        return except.contains(day) ? nil : day
    }

    public static let weekdayNames = CalendarDay.weekdayNames
}

/// `{ "weekday", "start", "end", "from"?, "until"? }` where an interval may stand.
public struct WeeklyInterval: Hashable, Sendable {
    public var recurrence: Recurrence
    public var start: TimeOfDay
    public var end: TimeOfDay
    public init(recurrence: Recurrence, start: TimeOfDay, end: TimeOfDay) {
        self.recurrence = recurrence
        self.start = start
        self.end = end
    }
    public func occurrence(inWeekOf week: CalendarDay) -> Interval? {
        recurrence.occurrence(inWeekOf: week).map { Interval(day: $0, start: start, end: end) }
    }
}

/// A placement session that runs every week on one weekday; its occurrence keeps the series id.
public struct WeeklyPlacementSession: Hashable, Sendable {
    public var id: String
    public var recurrence: Recurrence
    public var start: TimeOfDay
    public var end: TimeOfDay
    public var hours: Double
    public var capacity: Int
    public init(id: String, recurrence: Recurrence, start: TimeOfDay, end: TimeOfDay, hours: Double, capacity: Int) {
        (self.id, self.recurrence, self.start, self.end, self.hours, self.capacity) = (id, recurrence, start, end, hours, capacity)
    }
    public func occurrence(inWeekOf week: CalendarDay) -> PlacementSession? {
        recurrence.occurrence(inWeekOf: week).map { PlacementSession(id: id, interval: Interval(day: $0, start: start, end: end), hours: hours, capacity: capacity) }
    }
}

/// A programme group session that runs every week on one weekday.
public struct WeeklyGroupSession: Hashable, Sendable {
    public var id: String
    public var recurrence: Recurrence
    public var start: TimeOfDay
    public var end: TimeOfDay
    public init(id: String, recurrence: Recurrence, start: TimeOfDay, end: TimeOfDay) {
        (self.id, self.recurrence, self.start, self.end) = (id, recurrence, start, end)
    }
    public func occurrence(inWeekOf week: CalendarDay) -> GroupSession? {
        recurrence.occurrence(inWeekOf: week).map { GroupSession(id: id, interval: Interval(day: $0, start: start, end: end)) }
    }
}

extension Problem {
    /// True when any entry of the document is weekly.
    public var hasWeeklyEntries: Bool {
        people.contains { !$0.weeklyAvailability.isEmpty || !$0.weeklyUnavailable.isEmpty || !$0.weeklyChildcareWindows.isEmpty }
            || interpreters.contains { !$0.weeklyAvailability.isEmpty }
            || placements.contains { !$0.weeklySessions.isEmpty }
            || programmes.contains { $0.groups.contains { !$0.weeklySessions.isEmpty } }
    }

    /// The week's document (TIMETABLE.md): `weekStart = week`, every weekly entry replaced by its
    /// occurrence in that week (if any) as a dated entry. Nothing else changes.
    public func document(forWeek week: CalendarDay) -> Problem {
        var p = self
        p.weekStart = week
        guard hasWeeklyEntries else { return p }
        func occurrences(_ list: [WeeklyInterval]) -> [Interval] { list.compactMap { $0.occurrence(inWeekOf: week) } }
        for i in p.people.indices {
            if !p.people[i].weeklyAvailability.isEmpty {
                p.people[i].availability = (p.people[i].availability ?? []) + occurrences(p.people[i].weeklyAvailability)
            }
            p.people[i].unavailable += occurrences(p.people[i].weeklyUnavailable)
            if !p.people[i].weeklyChildcareWindows.isEmpty {
                p.people[i].childcareWindows = (p.people[i].childcareWindows ?? []) + occurrences(p.people[i].weeklyChildcareWindows)
            }
            p.people[i].weeklyAvailability = []
            p.people[i].weeklyUnavailable = []
            p.people[i].weeklyChildcareWindows = []
        }
        for i in p.interpreters.indices {
            p.interpreters[i].availability += occurrences(p.interpreters[i].weeklyAvailability)
            p.interpreters[i].weeklyAvailability = []
        }
        for i in p.placements.indices {
            p.placements[i].sessions += p.placements[i].weeklySessions.compactMap { $0.occurrence(inWeekOf: week) }
            p.placements[i].weeklySessions = []
        }
        for i in p.programmes.indices {
            for j in p.programmes[i].groups.indices {
                p.programmes[i].groups[j].sessions += p.programmes[i].groups[j].weeklySessions.compactMap { $0.occurrence(inWeekOf: week) }
                p.programmes[i].groups[j].weeklySessions = []
            }
        }
        return p
    }
}
