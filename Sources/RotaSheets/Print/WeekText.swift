import RotaEngine
import RotaJSON

/// `rota show`: the week as a scheduler reads it in a terminal — per day, per placement, who
/// goes where — then the people left short and why.
public enum WeekText {
    public static func render(_ plan: WeekPlan) -> String {
        var out: [String] = []
        let placed = Set(plan.sittings.filter { if case .placement = $0.venue { return true }; return false }.flatMap { $0.attendees.map(\.person.id) })
        out.append("Week of \(plan.weekStart.weekdayName) \(longDate(plan.weekStart)): \(placed.count) people in unpaid work, "
                   + "\(plan.unmet.count) left short or without a programme place")
        var day: CalendarDay?
        var venue = ""
        for s in plan.sittings {
            if s.interval.day != day {
                day = s.interval.day
                venue = ""
                out.append("")
                out.append("\(s.interval.day.weekdayName) \(longDate(s.interval.day))")
            }
            if s.venue.title != venue {
                venue = s.venue.title
                out.append("  \(venue) [\(s.venue.id)]")
            }
            let hours = s.hours > 0 ? ", \(number(s.hours)) h" : ""
            out.append("    \(s.interval.start)–\(s.interval.end)  \(s.id)  \(s.attendees.count) of \(s.capacity)\(hours)")
            if s.attendees.isEmpty { out.append("      (nobody)") }
            for a in s.attendees { out.append("      " + line(a)) }
        }
        out.append("")
        if plan.unmet.isEmpty {
            out.append("Nobody is left short.")
        } else {
            out.append("Left short (\(plan.unmet.count))")
            for u in plan.unmet {
                let short = u.shortfallHours > 0 ? "\(number(u.shortfallHours)) h short" : "no programme place"
                out.append("  \(plan.displayName(u.personId))\(plan.people[u.personId]?.name == nil ? "" : " (\(u.personId))"): \(short)")
                for r in u.reasons { out.append("    - \(r)") }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// "Anna Nowak (P0012) · interpreter pl: I3 · crèche".
    static func line(_ a: WeekPlan.Attendee) -> String {
        var parts = [a.person.name.map { "\($0) (\(a.person.id))" } ?? a.person.id]
        if a.needsInterpreter {
            parts.append(a.interpreters.isEmpty ? "needs interpreter (\(a.person.language)), none booked" : "interpreter \(a.person.language): \(a.interpreters.joined(separator: ", "))")
        }
        if a.needsCreche { parts.append("crèche") }
        return parts.joined(separator: " · ")
    }

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// "30 November 2026".
    public static func longDate(_ d: CalendarDay) -> String {
        let c = d.components
        return "\(c.day) \(months[c.month - 1]) \(c.year)"
    }

    static func number(_ d: Double) -> String { JSONWriter.formatNumber((d * 100).rounded() / 100) }
}
