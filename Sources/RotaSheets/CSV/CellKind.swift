import Foundation
import RotaEngine
import RotaJSON

/// How one column's cells read and write: the spreadsheet's text on one side, the document's
/// JSON value on the other. Reading is lenient where spreadsheets are (UK dates, `9:30`,
/// `TRUE`); writing is always the one canonical form, so that an export reads back exactly.
enum CellKind: Sendable {
    /// Free text; a leading `'` protects text a spreadsheet would take for a formula.
    case text
    /// A code the document spells in lower case with underscores (`very_high`, `group`).
    case code
    /// A code the document spells in upper case (`F`, `M`).
    case upperCode
    case number
    case integer
    case yesNo
    case date
    case time
    /// `Monday` … `Sunday`; `sat` and `SATURDAY` read as `Saturday`.
    case weekday
    /// Several dates in one cell, separated by semicolons.
    case dates
    /// Several short codes (languages) in one cell, separated by semicolons; `none` for an
    /// empty list (an empty cell means the default).
    case codes

    /// The cell for a JSON value (absent or null: an empty cell).
    func write(_ value: JSONValue?) -> String {
        guard let value, !value.isNull else { return "" }
        switch (self, value) {
        case (.yesNo, .bool(let b)): return b ? "yes" : "no"
        case (.number, .number(let d)), (.integer, .number(let d)): return JSONWriter.formatNumber(d)
        case (.text, .string(let s)): return Self.protect(s)
        case (.codes, .array(let a)) where a.isEmpty: return "none"
        case (.dates, .array(let a)), (.codes, .array(let a)): return a.compactMap(\.stringValue).joined(separator: "; ")
        case (_, .string(let s)): return s
        default: return JSONWriter.string(value)
        }
    }

    /// The JSON value of a non-empty cell, or why the cell cannot be one.
    func read(_ cell: String) -> Result<JSONValue, CellError> {
        let t = cell.trimmingCharacters(in: .whitespacesAndNewlines)
        switch self {
        case .text:
            return .success(.string(t.hasPrefix("'") ? String(t.dropFirst()) : t))
        case .code:
            return .success(.string(t.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")))
        case .upperCode:
            return .success(.string(t.uppercased()))
        case .number:
            guard let d = Self.number(t) else { return .failure(CellError("expected a number, got \"\(t)\"")) }
            return .success(.number(d))
        case .integer:
            guard let d = Self.number(t), d == d.rounded() else { return .failure(CellError("expected a whole number, got \"\(t)\"")) }
            return .success(.number(d))
        case .yesNo:
            switch t.lowercased() {
            case "yes", "y", "true", "1": return .success(.bool(true))
            case "no", "n", "false", "0": return .success(.bool(false))
            default: return .failure(CellError("expected yes or no, got \"\(t)\""))
            }
        case .date:
            guard let d = Self.day(t) else { return .failure(CellError("expected a date such as 31/12/2026 or 2026-12-31, got \"\(t)\"")) }
            return .success(.string(d.description))
        case .time:
            guard let time = Self.time(t) else { return .failure(CellError("expected a time such as 9:30 or 17:00, got \"\(t)\"")) }
            return .success(.string(time.description))
        case .weekday:
            let lower = t.lowercased()
            let match = CalendarDay.weekdayNames.first { $0.lowercased() == lower || (lower.count >= 3 && $0.lowercased().hasPrefix(lower)) }
            return .success(.string(match ?? t))
        case .dates:
            var out: [JSONValue] = []
            for part in Self.split(t) {
                guard let d = Self.day(part) else { return .failure(CellError("expected dates separated by semicolons, got \"\(part)\"")) }
                out.append(.string(d.description))
            }
            return .success(.array(out))
        case .codes:
            return .success(.strings(t.lowercased() == "none" ? [] : Self.split(t)))
        }
    }

    /// Text that starts like a formula (`=`, `+`, `-`, `@`) or with the protecting `'` itself is
    /// written with a leading `'`, which spreadsheets show as text and `read` removes.
    static func protect(_ s: String) -> String {
        guard let f = s.first, "=+-@'".contains(f) else { return s }
        return "'" + s
    }

    static func split(_ s: String) -> [String] {
        s.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A decimal number. A comma is a thousands separator where it stands before groups of three
    /// digits (`1,250.5`), else — one comma, no point, as a European-locale spreadsheet saves
    /// it — the decimal comma (`51,5`).
    static func number(_ s: String) -> Double? {
        var plain = s
        if s.contains(",") {
            let groups = s.split(separator: ".", maxSplits: 1)[0].split(separator: ",", omittingEmptySubsequences: false)
            let thousands = groups.count > 1 && (1...4).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 && $0.allSatisfy(\.isNumber) }
            if thousands {
                plain = s.replacingOccurrences(of: ",", with: "")
            } else if groups.count == 2 && !s.contains(".") {
                plain = s.replacingOccurrences(of: ",", with: ".")
            } else {
                return nil
            }
        }
        guard let d = Double(plain), d.isFinite else { return nil }
        return d
    }

    /// ISO `2026-12-31`, or the UK's day-first `31/12/2026` (also `1/2/2026` and `31-12-2026`).
    static func day(_ s: String) -> CalendarDay? {
        if let d = CalendarDay(iso: s) { return d }
        let parts = s.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
        guard parts.count == 3, parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= CalendarDay.daysIn(month: m, year: y) else { return nil }
        let pad = { (v: Int) in v < 10 ? "0\(v)" : "\(v)" }
        return CalendarDay(iso: "\(y)-\(pad(m))-\(pad(d))")
    }

    /// `09:30`, `9:30`, or `09:30:00` as spreadsheets save a time cell.
    static func time(_ s: String) -> TimeOfDay? {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || (parts.count == 3 && parts[2] == "00"), (1...2).contains(parts[0].count), parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        return TimeOfDay(hhmm: (h < 10 ? "0" : "") + "\(h):" + parts[1])
    }
}

/// Why one cell cannot be read.
struct CellError: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
