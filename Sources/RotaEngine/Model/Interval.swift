/// A time of day in minutes after midnight, `0...1440` (`"24:00"` is a valid end of day).
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var minutes: Int
    public init(minutes: Int) { self.minutes = minutes }

    /// Parses strict `HH:MM`; refuses `25:00`, `12:60` and anything past `24:00`.
    public init?(hhmm text: String) {
        let u = Array(text.utf8)
        guard u.count == 5, u[2] == UInt8(ascii: ":") else { return nil }
        for i in [0, 1, 3, 4] where !(u[i] >= 0x30 && u[i] <= 0x39) { return nil }
        let h = Int(u[0] - 0x30) * 10 + Int(u[1] - 0x30)
        let m = Int(u[3] - 0x30) * 10 + Int(u[4] - 0x30)
        guard m < 60, h < 24 || (h == 24 && m == 0) else { return nil }
        minutes = h * 60 + m
    }

    public var description: String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }
}

/// A half-open interval `[start, end)` on one day.
public struct Interval: Hashable, Sendable, CustomStringConvertible {
    public var day: CalendarDay
    public var start: TimeOfDay
    public var end: TimeOfDay

    public init(day: CalendarDay, start: TimeOfDay, end: TimeOfDay) {
        self.day = day
        self.start = start
        self.end = end
    }

    /// PROBLEM.md: same day and `a.start < b.end && b.start < a.end`.
    @inlinable public func overlaps(_ o: Interval) -> Bool {
        day == o.day && start.minutes < o.end.minutes && o.start.minutes < end.minutes
    }

    /// True when `o` lies wholly inside this single interval (intervals are never merged).
    @inlinable public func contains(_ o: Interval) -> Bool {
        day == o.day && start.minutes <= o.start.minutes && o.end.minutes <= end.minutes
    }

    public var description: String { "\(day.weekdayName) \(day) \(start)–\(end)" }
}

extension Array where Element == Interval {
    /// True when one single interval of the list contains `o`.
    @inlinable public func anyContains(_ o: Interval) -> Bool {
        for i in self where i.contains(o) { return true }
        return false
    }

    @inlinable public func anyOverlaps(_ o: Interval) -> Bool {
        for i in self where i.overlaps(o) { return true }
        return false
    }
}
