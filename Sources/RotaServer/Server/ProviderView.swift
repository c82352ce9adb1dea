import RotaEngine
import RotaJSON

/// What a placement provider is shown — and nothing more: an identifier, the session, the
/// interpreter language booked, whether on-site childcare is needed, and the scheduler's plain
/// "supervision notes" flag. Never RoSH, MAPPA, offence-related flags, non-associations,
/// exclusion zones or home locations (PROTOCOL.md, Roles).
enum ProviderView {
    /// Rules whose breach at a session would tell a provider something it must not know about
    /// an attendee: a risk level, a non-association, a victim's exclusion zone, where they live.
    /// A provider is told only that the session needs the scheduler's attention.
    static let confidentialRules: Set<HardRule> = [.risk, .nonAssociation, .exclusionZone, .travel]
    static let attentionTitle = "needs the scheduler's attention"

    /// `allocation.check`: each in-week session of the placement with its attendees.
    /// `full` (schedulers, officers) adds the complete violations; providers get rule and session only.
    static func allocation(placementId: String, view: WeekView, full: Bool) -> JSONValue {
        let region = view.region
        let occ = view.occupancy
        let pl = region.problem.placements.first { $0.id == placementId }!
        var sessions: [JSONValue] = []
        var touching = Set<Int>()
        for s in 0..<region.placementSessionCount where region.problem.placements[region.sessions[s].placement].id == placementId {
            let ref = region.sessions[s]
            let attendees: [JSONValue] = occ.attendees[s].map { p in attendee(p, session: s, region: region, occ: occ) }
            sessions.append(.obj([
                ("sessionId", .string(ref.id)), ("day", .string(ref.interval.day.description)),
                ("start", .string(ref.interval.start.description)), ("end", .string(ref.interval.end.description)),
                ("hours", .number(ref.hours)), ("capacity", .int(ref.capacity)), ("headcount", .int(occ.attendees[s].count)),
                ("attendees", .array(attendees)),
                ("interpreterBookings", .array(occ.bookingsAt[s].map { b in
                    .obj([("interpreterId", .string(region.problem.interpreters[b.interpreter].id)), ("language", .string(b.language))])
                })),
            ]))
            for i in view.violationsBySession[ref.id] ?? [] { touching.insert(i) }
        }
        var violations: [JSONValue] = []
        var needsAttention = Set<String>()
        for i in touching.sorted() {
            let v = view.report.violations[i]
            let mine = v.sessions.filter { id in pl.sessions.contains { $0.id == id } }
            if full {
                violations.append(.obj([("rule", .int(v.rule.rawValue)), ("message", .string(v.message)), ("people", .strings(v.people)), ("sessions", .strings(v.sessions))]))
            } else if confidentialRules.contains(v.rule) {
                needsAttention.formUnion(mine)
            } else {
                violations.append(.obj([("rule", .int(v.rule.rawValue)), ("title", .string(v.rule.title)), ("sessions", .strings(mine))]))
            }
        }
        // One entry per session, however many confidential breaches it has and of which rules,
        // so that neither the rule nor the count tells the provider anything about a person.
        for sessionId in needsAttention.sorted() {
            violations.append(.obj([("rule", .null), ("title", .string(attentionTitle)), ("sessions", .strings([sessionId]))]))
        }
        return .obj([("weekStart", .string(region.problem.weekStart.description)), ("placementId", .string(pl.id)),
                     ("name", .string(pl.name)), ("provider", .string(pl.provider)),
                     ("sessions", .array(sessions)), ("violations", .array(violations))])
    }

    static func attendee(_ p: Int, session s: Int, region: Region, occ: Occupancy) -> JSONValue {
        let person = region.people[p]
        let needs = region.needsBooking(person: p, session: s)
        let booked = !occ.interpretersBooked(for: p, at: s).isEmpty
        let childcare = occ.reliesOnCreche(p, at: s)
        return .obj([("personId", .string(person.id)), ("name", person.name.map { .string($0) } ?? .null),
                     ("interpreter", needs ? .string(person.language) : .null),
                     ("interpreterBooked", .bool(booked)),
                     ("childcareOnSite", .bool(childcare)),
                     ("supervisionNotes", .bool(person.supervisionNotes))])
    }

    /// `rota.get` for a provider: their placements' assignments (with the attendee's name, for
    /// signing in) and bookings only, and the published week's changes that touch them — who
    /// joined or left which of their sessions and when, never why.
    static func rota(_ record: WeekRecord, _ view: WeekView, provider: String) throws(ResponseError) -> JSONValue {
        let region = view.region
        var mine = Set<String>()
        for pl in region.problem.placements where pl.provider == provider { for s in pl.sessions { mine.insert(s.id) } }
        let r = record.rota
        func name(_ id: String) -> JSONValue { region.personIndex[id].flatMap { region.people[$0].name }.map { .string($0) } ?? .null }
        let changes: [JSONValue] = record.changes.compactMap { c in
            let added = c.added.filter(mine.contains), removed = c.removed.filter(mine.contains)
            guard !added.isEmpty || !removed.isEmpty else { return nil }
            return .obj([("at", .string(c.at)), ("personId", .string(c.personId)), ("name", name(c.personId)),
                         ("added", .strings(added)), ("removed", .strings(removed))])
        }
        return .obj([
            ("weekStart", .string(r.weekStart)), ("published", .bool(record.published)),
            ("assignments", .array(r.assignments.filter { mine.contains($0.sessionId) }.map {
                .obj([("personId", .string($0.personId)), ("name", name($0.personId)), ("sessionId", .string($0.sessionId))])
            })),
            ("interpreterBookings", .array(r.interpreterBookings.filter { mine.contains($0.sessionId) }.map {
                .obj([("interpreterId", .string($0.interpreterId)), ("sessionId", .string($0.sessionId)), ("language", .string($0.language))])
            })),
            ("changes", .array(changes)),
        ])
    }
}
