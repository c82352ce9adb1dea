import RotaJSON

/// Reads the members of one JSON object, naming the full path in every refusal.
///
/// PROBLEM.md: unknown fields are ignored, `null` is the same as absent, and a missing required
/// field or a wrong type is an error that names the field's path.
public struct FieldReader {
    public let object: JSONObject
    public let path: String
    public let limits: InputLimits

    public init(_ value: JSONValue, path: String, limits: InputLimits = .standard) throws(InputError) {
        guard case .object(let o) = value else {
            throw InputError(path: path, reason: "expected an object, got \(value.typeName)")
        }
        self.object = o
        self.path = path
        self.limits = limits
    }

    public func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The member, with `null` read as absent.
    public func value(_ key: String) -> JSONValue? {
        guard let v = object[key], !v.isNull else { return nil }
        return v
    }

    public func has(_ key: String) -> Bool { value(key) != nil }

    public func missing(_ key: String) -> InputError {
        InputError(path: childPath(key), reason: "required field is missing")
    }

    public func wrongType(_ key: String, _ expected: String, _ got: JSONValue) -> InputError {
        InputError(path: childPath(key), reason: "expected \(expected), got \(got.typeName)")
    }

    public func string(_ key: String) throws(InputError) -> String {
        guard let v = try optionalString(key) else { throw missing(key) }
        return v
    }

    public func optionalString(_ key: String) throws(InputError) -> String? {
        guard let v = value(key) else { return nil }
        guard case .string(let s) = v else { throw wrongType(key, "a string", v) }
        if s.utf8.count > limits.maxStringBytes {
            throw InputError(path: childPath(key), reason: "string of \(s.utf8.count) bytes exceeds the limit of \(limits.maxStringBytes)")
        }
        return s
    }

    /// A non-empty identifier.
    public func id(_ key: String) throws(InputError) -> String {
        let s = try string(key)
        if s.isEmpty { throw InputError(path: childPath(key), reason: "must not be empty") }
        return s
    }

    public func bool(_ key: String, default d: Bool) throws(InputError) -> Bool {
        guard let v = value(key) else { return d }
        guard case .bool(let b) = v else { throw wrongType(key, "true or false", v) }
        return b
    }

    public func optionalNumber(_ key: String, min lo: Double? = nil, max hi: Double? = nil) throws(InputError) -> Double? {
        guard let v = value(key) else { return nil }
        guard case .number(let d) = v else { throw wrongType(key, "a number", v) }
        guard d.isFinite else { throw InputError(path: childPath(key), reason: "must be a finite number") }
        if let lo, d < lo {
            throw InputError(path: childPath(key), reason: lo == 0 ? "must not be negative, got \(JSONWriter.formatNumber(d))" : "must be at least \(JSONWriter.formatNumber(lo)), got \(JSONWriter.formatNumber(d))")
        }
        if let hi, d > hi {
            throw InputError(path: childPath(key), reason: "must be at most \(JSONWriter.formatNumber(hi)), got \(JSONWriter.formatNumber(d))")
        }
        return d
    }

    public func number(_ key: String, min lo: Double? = nil, max hi: Double? = nil) throws(InputError) -> Double {
        guard let d = try optionalNumber(key, min: lo, max: hi) else { throw missing(key) }
        return d
    }

    public func optionalInteger(_ key: String, min lo: Int, max hi: Int) throws(InputError) -> Int? {
        guard let d = try optionalNumber(key, min: Double(lo), max: Double(hi)) else { return nil }
        guard d == d.rounded() else { throw InputError(path: childPath(key), reason: "must be a whole number, got \(JSONWriter.formatNumber(d))") }
        return Int(d)
    }

    public func integer(_ key: String, min lo: Int, max hi: Int) throws(InputError) -> Int {
        guard let v = try optionalInteger(key, min: lo, max: hi) else { throw missing(key) }
        return v
    }

    /// An array member with the path of each element (`people[3]`).
    public func optionalArray(_ key: String, maxCount: Int) throws(InputError) -> [(value: JSONValue, path: String)]? {
        guard let v = value(key) else { return nil }
        guard case .array(let a) = v else { throw wrongType(key, "an array", v) }
        if a.count > maxCount {
            throw InputError(path: childPath(key), reason: "has \(a.count) entries, more than the limit of \(maxCount)")
        }
        let base = childPath(key)
        return a.enumerated().map { (value: $0.element, path: "\(base)[\($0.offset)]") }
    }

    public func array(_ key: String, maxCount: Int) throws(InputError) -> [(value: JSONValue, path: String)] {
        guard let a = try optionalArray(key, maxCount: maxCount) else { throw missing(key) }
        return a
    }

    public func optionalStrings(_ key: String, maxCount: Int? = nil) throws(InputError) -> [String]? {
        guard let items = try optionalArray(key, maxCount: maxCount ?? limits.maxListEntries) else { return nil }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .string(let s) = item.value else {
                throw InputError(path: item.path, reason: "expected a string, got \(item.value.typeName)")
            }
            out.append(s)
        }
        return out
    }

    public func nested(_ key: String) throws(InputError) -> FieldReader? {
        guard let v = value(key) else { return nil }
        return try FieldReader(v, path: childPath(key), limits: limits)
    }

    public func day(_ key: String) throws(InputError) -> CalendarDay {
        let s = try string(key)
        guard let d = CalendarDay(iso: s) else {
            throw InputError(path: childPath(key), reason: "expected a date YYYY-MM-DD, got \"\(s)\"")
        }
        return d
    }

    public func time(_ key: String) throws(InputError) -> TimeOfDay {
        let s = try string(key)
        guard let t = TimeOfDay(hhmm: s) else {
            throw InputError(path: childPath(key), reason: "expected a time HH:MM between 00:00 and 24:00, got \"\(s)\"")
        }
        return t
    }

    public func enumeration<T>(_ key: String, _ names: String, default d: T?, _ make: (String) -> T?) throws(InputError) -> T {
        guard let s = try optionalString(key) else {
            if let d { return d }
            throw missing(key)
        }
        guard let v = make(s) else {
            throw InputError(path: childPath(key), reason: "expected one of \(names), got \"\(s)\"")
        }
        return v
    }

    public func point(_ key: String) throws(InputError) -> GeoPoint {
        guard let r = try nested(key) else { throw missing(key) }
        return try r.asPoint()
    }

    /// This object read as `{ "lat", "lon" }`.
    public func asPoint() throws(InputError) -> GeoPoint {
        GeoPoint(lat: try number("lat", min: -90, max: 90), lon: try number("lon", min: -180, max: 180))
    }

    /// This object read as an interval `{ day, start, end }` with `end` after `start`.
    public func asInterval() throws(InputError) -> Interval {
        let d = try day("day")
        let (start, end) = try startAndEnd()
        return Interval(day: d, start: start, end: end)
    }

    public func optionalIntervals(_ key: String) throws(InputError) -> [Interval]? {
        guard let (dated, weekly) = try optionalTimetable(key) else { return nil }
        if !weekly.isEmpty { throw InputError(path: childPath(key), reason: "weekly entries are not allowed here; give dated intervals") }
        return dated
    }

    /// A list where dated intervals and weekly intervals (TIMETABLE.md) may be mixed.
    public func optionalTimetable(_ key: String) throws(InputError) -> (dated: [Interval], weekly: [WeeklyInterval])? {
        guard let items = try optionalArray(key, maxCount: limits.maxIntervalsPerList) else { return nil }
        var dated: [Interval] = [], weekly: [WeeklyInterval] = []
        for item in items {
            let r = try FieldReader(item.value, path: item.path, limits: limits)
            if r.has("weekday") {
                let (start, end) = try r.startAndEnd()
                weekly.append(WeeklyInterval(recurrence: try r.asRecurrence(), start: start, end: end))
            } else {
                dated.append(try r.asInterval())
            }
        }
        return (dated, weekly)
    }

    /// This object's `start` and `end`, with `end` after `start`.
    public func startAndEnd() throws(InputError) -> (TimeOfDay, TimeOfDay) {
        let start = try time("start"), end = try time("end")
        if end.minutes <= start.minutes { throw InputError(path: childPath("end"), reason: "end \(end) is not after start \(start)") }
        return (start, end)
    }

    /// This object's `weekday`, `from`, `until` and `except` (TIMETABLE.md).
    public func asRecurrence() throws(InputError) -> Recurrence {
        let name = try string("weekday")
        guard let weekday = Recurrence.weekdayNames.firstIndex(of: name) else {
            throw InputError(path: childPath("weekday"), reason: "expected Monday…Sunday, got \"\(name)\"")
        }
        var r = Recurrence(weekday: weekday, from: has("from") ? try day("from") : nil, until: has("until") ? try day("until") : nil)
        if let from = r.from, let until = r.until, until < from {
            throw InputError(path: childPath("until"), reason: "\(until) is before from \(from)")
        }
        for item in try optionalArray("except", maxCount: limits.maxListEntries) ?? [] {
            guard case .string(let s) = item.value, let d = CalendarDay(iso: s) else {
                throw InputError(path: item.path, reason: "expected a date YYYY-MM-DD, got \(JSONWriter.string(item.value))")
            }
            r.except.append(d)
        }
        return r
    }
}
