import RotaEngine

/// `rota sheets`: one self-contained HTML page to print — a page per placement for its
/// supervisor (each session's time and capacity, and per attendee their name, interpreter,
/// crèche, and blank columns to sign in and write the hours worked), then a one-page week card
/// per person. No risk data appears: the pages go to providers and to the people themselves.
public enum PrintableSheets {
    public static func html(_ plan: WeekPlan, problem: Problem) -> String {
        let week = WeekText.longDate(plan.weekStart)
        var page = """
        <!DOCTYPE html>
        <html lang="en-GB"><head><meta charset="utf-8">
        <title>Sign-in sheets and week cards — week of \(esc(week))</title>
        <style>\(style)</style></head><body>

        """
        for placement in problem.placements {
            let sittings = plan.sittings(atVenue: placement.id).filter { if case .placement = $0.venue { return true }; return false }
            guard !sittings.isEmpty else { continue }
            page += "<section class=\"page placement\"><header><h1>\(esc(placement.name.isEmpty ? placement.id : placement.name))</h1>"
            page += "<p class=\"meta\">\(esc(placement.provider)) · placement \(esc(placement.id)) · week of \(esc(week))"
            if placement.childcareOnSite { page += " · crèche on site" }
            page += "</p></header>"
            for s in sittings {
                page += "<h2>\(esc(s.interval.day.weekdayName)) \(esc(WeekText.longDate(s.interval.day))), \(s.interval.start)–\(s.interval.end)"
                page += " <span class=\"small\">session \(esc(s.id)) · \(s.attendees.count) of \(s.capacity) places · \(esc(WeekText.number(s.hours))) h credited</span></h2>"
                page += "<table class=\"signin\"><thead><tr><th class=\"name\">Name</th><th>Interpreter</th><th>Crèche</th>"
                page += "<th class=\"write\">Signed in (time)</th><th class=\"write\">Hours worked</th><th class=\"write\">Supervisor's initials</th></tr></thead><tbody>"
                for a in s.attendees {
                    page += "<tr><td class=\"name\">\(esc(a.person.name ?? a.person.id))\(a.person.name == nil ? "" : "<span class=\"id\">\(esc(a.person.id))</span>")</td>"
                    page += "<td>\(esc(interpreter(a)))</td><td>\(a.needsCreche ? "needed" : "")</td><td></td><td></td><td></td></tr>"
                }
                // Blank rows for a late change, so the sheet still has a line to write on.
                for _ in 0..<max(1, min(3, s.capacity - s.attendees.count)) {
                    page += "<tr class=\"blank\"><td class=\"name\"></td><td></td><td></td><td></td><td></td><td></td></tr>"
                }
                page += "</tbody></table>"
            }
            page += "</section>\n"
        }
        for person in problem.people {
            let sittings = plan.sittings(ofPerson: person.id)
            let short = plan.unmet.first { $0.personId == person.id }
            guard !sittings.isEmpty || short != nil else { continue }
            page += "<section class=\"page card\"><header><h1>\(esc(person.name ?? person.id))</h1>"
            page += "<p class=\"meta\">\(person.name == nil ? "" : esc(person.id) + " · ")your week from \(esc(week))</p></header>"
            if sittings.isEmpty {
                page += "<p>No session is planned for you this week. Your probation officer will be in touch.</p>"
            } else {
                page += "<table class=\"card\"><thead><tr><th>Day</th><th>Time</th><th>Where</th><th>Hours</th><th>Notes</th></tr></thead><tbody>"
                var hours = 0.0
                for s in sittings {
                    hours += s.hours
                    let me = s.attendees.first { $0.person.id == person.id }
                    var notes: [String] = []
                    if let me, me.needsInterpreter { notes.append(me.interpreters.isEmpty ? "interpreter to be booked" : "interpreter booked") }
                    if me?.needsCreche == true { notes.append("crèche on site") }
                    page += "<tr><td>\(esc(s.interval.day.weekdayName)) \(esc(WeekText.longDate(s.interval.day)))</td>"
                    page += "<td>\(s.interval.start)–\(s.interval.end)</td><td>\(esc(s.venue.title))</td>"
                    page += "<td>\(s.hours > 0 ? esc(WeekText.number(s.hours)) : "")</td><td>\(esc(notes.joined(separator: "; ")))</td></tr>"
                }
                page += "</tbody></table>"
                if hours > 0 { page += "<p class=\"total\">Unpaid work this week: <b>\(esc(WeekText.number(hours))) hours</b>.</p>" }
            }
            page += "<p class=\"small\">Bring this card. If you cannot attend, tell your probation officer before the session.</p></section>\n"
        }
        page += "</body></html>\n"
        return page
    }

    static func interpreter(_ a: WeekPlan.Attendee) -> String {
        guard a.needsInterpreter else { return "" }
        return a.interpreters.isEmpty ? "\(a.person.language): not booked" : "\(a.person.language): \(a.interpreters.joined(separator: ", "))"
    }

    static func esc(_ s: String) -> String { HTMLText.escape(s) }

    static let style = """
    body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; color: #111; margin: 0; }
    .page { padding: 12mm; page-break-after: always; break-after: page; }
    h1 { font-size: 18pt; margin: 0 0 2mm; }
    h2 { font-size: 12pt; margin: 6mm 0 2mm; }
    .meta { color: #444; margin: 0 0 4mm; }
    .small { font-size: 9pt; font-weight: normal; color: #444; }
    .id { display: block; font-size: 8pt; color: #666; }
    table { border-collapse: collapse; width: 100%; }
    th, td { border: 1px solid #555; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
    th { background: #e8e8e8; font-size: 9pt; }
    td.name { width: 30%; }
    th.write { width: 14%; }
    tr.blank td { height: 8mm; }
    table.signin tr { break-inside: avoid; }
    .total { margin-top: 4mm; }
    @page { size: A4; margin: 0; }
    @media print { th { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
    @media screen { .page { border-bottom: 2px dashed #999; } }
    """
}
