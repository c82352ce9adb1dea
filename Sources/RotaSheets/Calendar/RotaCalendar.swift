import RotaEngine

/// A week of a rota as an RFC 5545 calendar: one event per session, in Europe/London local
/// time. For a person, their placement and programme sessions with where they are; for a
/// placement, each session with its attendees — names, interpreter booked, crèche — and
/// nothing of anyone's risk, since the file goes to the provider.
public enum RotaCalendar {
    /// Whose calendar.
    public enum Subject: Sendable {
        case person(String)
        case placement(String)
    }

    public enum Failure: Error, Equatable {
        case unknownPerson(String)
        case unknownPlacement(String)
    }

    /// The calendar file. `stamp` is the `DTSTAMP` (UTC, `20261203T193000Z`): when the file was
    /// made, supplied by the caller so that the engine reads no clock.
    public static func render(_ plan: WeekPlan, problem: Problem, for subject: Subject, stamp: String) throws(Failure) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ProbationRota//rota//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        let sittings: [WeekPlan.Sitting]
        let scope: String
        switch subject {
        case .person(let id):
            guard let person = plan.people[id] else { throw .unknownPerson(id) }
            sittings = plan.sittings(ofPerson: id)
            scope = "person-" + id
            lines.append("X-WR-CALNAME:" + ICalendarText.escape("Week of \(WeekText.longDate(plan.weekStart)): \(person.name ?? person.id)"))
        case .placement(let id):
            guard let placement = problem.placements.first(where: { $0.id == id }) else { throw .unknownPlacement(id) }
            sittings = plan.sittings(atVenue: id).filter { if case .placement = $0.venue { return true }; return false }
            scope = "placement-" + id
            lines.append("X-WR-CALNAME:" + ICalendarText.escape("Week of \(WeekText.longDate(plan.weekStart)): \(placement.name.isEmpty ? placement.id : placement.name)"))
        }
        lines.append("X-WR-TIMEZONE:Europe/London")
        lines += ICalendarText.londonTimeZone
        for s in sittings { lines += event(s, subject: subject, scope: scope, stamp: stamp) }
        lines.append("END:VCALENDAR")
        return lines.map(ICalendarText.fold).joined()
    }

    static func event(_ s: WeekPlan.Sitting, subject: Subject, scope: String, stamp: String) -> [String] {
        let (summary, description): (String, String)
        switch subject {
        case .person(let id):
            let me = s.attendees.first { $0.person.id == id }
            var notes: [String] = []
            switch s.venue {
            case .placement(let p):
                summary = "Community Payback: \(s.venue.title)"
                notes.append("Unpaid work at \(s.venue.title)\(p.provider.isEmpty ? "" : ", run by \(p.provider)"): \(WeekText.number(s.hours)) hours credited.")
            case .group(let pr, let g):
                summary = "\(pr.name.isEmpty ? pr.id : pr.name) (group \(g.id))"
                notes.append("Accredited programme session.")
            }
            if let me, me.needsInterpreter {
                notes.append(me.interpreters.isEmpty ? "An interpreter (\(me.person.language)) is still to be booked." : "An interpreter (\(me.person.language)) is booked.")
            }
            if let me, me.needsCreche { notes.append("A crèche place is on site.") }
            notes.append("Session \(s.id).")
            description = notes.joined(separator: "\n")
        case .placement:
            summary = "\(s.venue.title): \(s.attendees.count) of \(s.capacity) attending"
            var notes = ["Session \(s.id), \(WeekText.number(s.hours)) hours credited.", "Attending:"]
            for a in s.attendees {
                var line = "- " + (a.person.name.map { "\($0) (\(a.person.id))" } ?? a.person.id)
                if a.needsInterpreter {
                    line += a.interpreters.isEmpty ? "; interpreter (\(a.person.language)) not booked" : "; interpreter (\(a.person.language)) \(a.interpreters.joined(separator: " "))"
                }
                if a.needsCreche { line += "; crèche" }
                notes.append(line)
            }
            if s.attendees.isEmpty { notes.append("nobody") }
            description = notes.joined(separator: "\n")
        }
        let loc = s.venue.location
        return [
            "BEGIN:VEVENT",
            "UID:" + ICalendarText.escape("\(s.id)-\(compact(s.interval.day))-\(scope)@probation-rota"),
            "DTSTAMP:" + stamp,
            "DTSTART;TZID=Europe/London:" + localTime(s.interval.day, s.interval.start),
            "DTEND;TZID=Europe/London:" + localTime(s.interval.day, s.interval.end),
            "SUMMARY:" + ICalendarText.escape(summary),
            "LOCATION:" + ICalendarText.escape("\(s.venue.title) (\(coordinate(loc.lat)), \(coordinate(loc.lon)))"),
            "GEO:\(coordinate(loc.lat));\(coordinate(loc.lon))",
            "DESCRIPTION:" + ICalendarText.escape(description),
            "END:VEVENT",
        ]
    }

    /// `20261130`.
    static func compact(_ d: CalendarDay) -> String {
        let c = d.components
        return String(c.year) + (c.month < 10 ? "0" : "") + String(c.month) + (c.day < 10 ? "0" : "") + String(c.day)
    }

    /// `20261130T093000`; `24:00` is the next day's midnight.
    static func localTime(_ day: CalendarDay, _ t: TimeOfDay) -> String {
        let (d, minutes) = t.minutes >= 1440 ? (day.adding(days: 1), 0) : (day, t.minutes)
        let h = minutes / 60, m = minutes % 60
        return compact(d) + "T" + (h < 10 ? "0" : "") + String(h) + (m < 10 ? "0" : "") + String(m) + "00"
    }

    static func coordinate(_ v: Double) -> String {
        let scaled = (v * 100_000).rounded() / 100_000
        return "\(scaled)"
    }
}
