import Foundation
import RotaEngine
import RotaJSON
import RotaSheets
import RotaSolver

/// `rota report`: one self-contained HTML page for a manager (no external assets; the chart is
/// SVG written here) — totals, access by need as a table and a bar chart, the people left short
/// grouped by why, and the top capacity suggestions.
enum ManagerReport {
    static func html(problem: Problem, rota: Rota, suggestions: [CapacitySuggestions.Suggestion], forecast: JSONValue? = nil) -> String {
        let region = Region(problem)
        let occupancy = Occupancy(region: region, rota: ResolvedRota(rota, in: region))
        let report = Scorer.score(occupancy)
        let figures = WhatIfFigures(occupancy: occupancy)
        let access = figures.access
        let hoursPlaced = region.people.indices.reduce(0.0) { $0 + occupancy.hours($1) }
        let starters = access.starters["all"] ?? AccessFigures.Starters()
        let unmet = UnmetExplainer(occupancy: occupancy).unmet()
        var page = """
        <!DOCTYPE html>
        <html lang="en-GB"><head><meta charset="utf-8">
        <title>Rota report — week of \(esc(problem.weekStart.description))</title>
        <style>\(style)</style></head><body>
        <h1>Rota report — week of \(esc(problem.weekStart.description))</h1>
        <section><h2>Totals</h2><table class="totals">
        """
        let totals: [(String, String)] = [
            ("People", "\(region.people.count)"), ("Placement sessions this week", "\(region.placementSessionCount)"),
            ("Assignments", "\(rota.assignments.count)"), ("Hours placed", num(hoursPlaced)),
            ("Hours short of weekly targets", num(figures.shortfallHours)),
            ("Programme starters placed / waiting", "\(starters.placed) / \(starters.awaiting)"),
            ("Hard rules broken", "\(report.hard)"), ("Soft cost", num(report.soft)),
        ]
        for (k, v) in totals { page += "<tr><th>\(esc(k))</th><td>\(esc(v))</td></tr>" }
        page += "</table></section>\n<section><h2>Access by need</h2>"
        page += "<p>Over people with unpaid-work hours left: how many, the share given any hours this week, and the mean share of their weekly target met.</p>"
        page += "<table class=\"access\"><tr><th>Need</th><th>People</th><th>Given any hours</th><th>Target met</th></tr>"
        for need in AccessFigures.needs {
            let f = access.byNeed[need] ?? AccessFigures.Figure()
            page += "<tr><td>\(esc(label[need] ?? need))</td><td>\(f.people)</td><td>\(pct(f.withHours))</td><td>\(pct(f.targetMet))</td></tr>"
        }
        page += "</table>\n" + chart(access) + "</section>\n"
        page += "<section><h2>People left short, by why</h2>"
        // Hours short are about placement sessions: a starter's group reasons are not theirs.
        func placementReasons(_ u: UnmetNeed) -> [String] { u.reasons.filter { !$0.hasPrefix("no place in any") } }
        let groups = Dictionary(grouping: unmet.filter { $0.shortfallHours > 0 }, by: { why(placementReasons($0)) })
        if groups.isEmpty { page += "<p>Nobody is short of their weekly target.</p>" }
        for (reason, people) in groups.sorted(by: { ($0.value.count, $1.key) > ($1.value.count, $0.key) }) {
            let hours = people.reduce(0) { $0 + $1.shortfallHours }
            page += "<h3>\(esc(reason)) — \(people.count) \(people.count == 1 ? "person" : "people"), \(num(hours)) h</h3><ul>"
            for u in people.sorted(by: { ($0.shortfallHours, $1.personId) > ($1.shortfallHours, $0.personId) }).prefix(8) {
                page += "<li><b>\(esc(u.personId))</b> \(num(u.shortfallHours)) h short: \(esc(placementReasons(u).joined(separator: "; ")))</li>"
            }
            if people.count > 8 { page += "<li>… and \(people.count - 8) more</li>" }
            page += "</ul>"
        }
        page += "</section>\n<section><h2>What would bring them in</h2>"
        if suggestions.isEmpty { page += "<p>No suggestion: no single resource was found that keeps people short.</p>" }
        page += "<ol class=\"suggestions\">"
        for s in suggestions.prefix(5) { page += "<li>\(esc(s.summary))</li>" }
        page += "</ol></section>\n"
        if let forecast { page += forecastSection(forecast) }
        page += "<footer>ProbationRota \(esc(RotaService.version)) — every suggestion was re-solved; re-run one with <code>rota whatif</code>.</footer></body></html>\n"
        return page
    }

    /// The orders at risk by need, from a forecast's JSON (`rota forecast --out`).
    static func forecastSection(_ f: JSONValue) -> String {
        let weeks = Int(f["weeks"]?.doubleValue ?? 0)
        let from = f["fromWeek"]?.stringValue ?? ""
        var s = "<section><h2>Orders at risk of missing their deadline</h2>"
        s += "<p>Forecast of \(weeks) weeks from \(esc(from)).</p>"
        s += "<table class=\"access\"><tr><th>Need</th><th>Orders</th><th>At risk</th></tr>"
        for need in ["all", "interpreter", "womenOnly", "childcare"] {
            let g: JSONValue = f["summary"]?["byNeed"]?[need] ?? .null
            let orders = Int(g["orders"]?.doubleValue ?? 0), atRisk = Int(g["atRisk"]?.doubleValue ?? 0)
            s += "<tr><td>\(esc(label[need] ?? need))</td><td>\(orders)</td><td>\(atRisk)</td></tr>"
        }
        s += "</table><ul>"
        var risky: [(person: String, deadline: String, when: String)] = []
        for o in f["orders"]?.arrayValue ?? [] where o["atRisk"] == .bool(true) {
            let projected: String? = o["projectedCompletion"]?.stringValue
            let when = projected.map { "projected \($0)" } ?? "no finish in sight"
            risky.append((o["personId"]?.stringValue ?? "", o["deadline"]?.stringValue ?? "", when))
        }
        risky.sort { ($0.deadline, $0.person) < ($1.deadline, $1.person) }
        for r in risky.prefix(10) { s += "<li><b>\(esc(r.person))</b> \(esc(r.when)), deadline \(esc(r.deadline))</li>" }
        if risky.count > 10 { s += "<li>… and \(risky.count - 10) more</li>" }
        return s + "</ul></section>\n"
    }

    static let label = ["all": "Everyone", "interpreter": "Need an interpreter", "womenOnly": "Women-only setting",
                        "childcare": "Parents (school hours)", "roshHigh": "RoSH high or very high"]

    /// Horizontal bars of the share of the weekly target met, per need.
    static func chart(_ access: AccessFigures) -> String {
        let rowHeight = 34, left = 190, width = 420
        var svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(left + width + 70)\" height=\"\(rowHeight * AccessFigures.needs.count + 30)\" role=\"img\" aria-label=\"Share of the weekly target met, by need\">"
        for (k, need) in AccessFigures.needs.enumerated() {
            let f = access.byNeed[need] ?? AccessFigures.Figure()
            let y = k * rowHeight + 6
            let w = Int((f.targetMet * Double(width)).rounded())
            svg += "<text x=\"\(left - 10)\" y=\"\(y + 19)\" text-anchor=\"end\">\(esc(label[need] ?? need))</text>"
            svg += "<rect x=\"\(left)\" y=\"\(y)\" width=\"\(width)\" height=\"26\" fill=\"#e8e8e8\"/>"
            svg += "<rect x=\"\(left)\" y=\"\(y)\" width=\"\(w)\" height=\"26\" fill=\"\(need == "all" ? "#1d5a8a" : "#d9822b")\"/>"
            svg += "<text x=\"\(left + width + 8)\" y=\"\(y + 19)\">\(f.people == 0 ? "—" : pct(f.targetMet))</text>"
        }
        let axis = AccessFigures.needs.count * rowHeight + 22
        svg += "<text x=\"\(left)\" y=\"\(axis)\" class=\"axis\">0 %</text><text x=\"\(left + width)\" y=\"\(axis)\" text-anchor=\"end\" class=\"axis\">weekly target met: 100 %</text></svg>"
        return svg
    }

    /// The kind of reason a person is short, from the explainer's last (closest) reason.
    static func why(_ reasons: [String]) -> String {
        let text = reasons.joined(separator: " ")
        if text.contains("no placement sessions run") { return "No sessions this week" }
        if text.contains("interpreter") && (text.contains("lack a free") || text.contains("no interpreter")) { return "No interpreter free" }
        if text.contains("mixed session") { return "No women-only session they can reach" }
        if text.contains("childcare") { return "Sessions outside their school hours" }
        if text.contains("full") { return "Sessions within reach are full" }
        if text.contains("no session this week is open") || text.contains("no further session") { return "No session open to them under the rules" }
        return "Other reasons"
    }

    static func esc(_ s: String) -> String { HTMLText.escape(s) }
    static func num(_ d: Double) -> String { String(format: "%.1f", d) }
    static func pct(_ d: Double) -> String { String(format: "%.0f %%", d * 100) }

    static let style = """
    body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2em;color:#1b1b1b;max-width:60em}
    h1{font-size:1.6em;border-bottom:3px solid #1d5a8a;padding-bottom:.2em}
    h2{font-size:1.2em;margin-top:1.6em;color:#1d5a8a}
    h3{font-size:1em;margin:.9em 0 .3em}
    table{border-collapse:collapse;margin:.5em 0}
    th,td{border:1px solid #bbb;padding:.3em .7em;text-align:left}
    table.access td:not(:first-child){text-align:right}
    .chart text{font-size:13px;font-family:"DejaVu Sans",Arial,sans-serif}
    .chart .axis{fill:#555;font-size:11px}
    li{margin:.2em 0}
    footer{margin-top:2em;font-size:.8em;color:#555}
    @media print{body{margin:1cm;max-width:none}section{break-inside:avoid}h2{break-after:avoid}}
    """
}
