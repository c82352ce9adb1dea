import RotaEngine

/// What a change of the standing data would do to published weeks: a published rota is a
/// promise to people, supervisors and interpreters, so a change that breaks one is refused
/// unless the scheduler forces it, and then every entry it touches is written into the week's
/// `changes`.
struct PublishedWeekGuard {
    struct Entry {
        var personId: String
        var sessionId: String
        var why: String
        /// The entry cannot stand (its person, session, group or interpreter is gone).
        var removed: Bool
        /// Set for an interpreter booking (then `personId` is empty).
        var interpreterId: String? = nil
    }

    struct Impact {
        var week: CalendarDay
        var entries: [Entry]
        var people: [String] { Array(Set(entries.map(\.personId).filter { !$0.isEmpty })).sorted() }
    }

    /// The published weeks `after` would break, and how.
    static func impact(of after: Dataset, before: Dataset, weeks: [CalendarDay: WeekRecord]) -> [Impact] {
        let published = weeks.values.filter(\.published).sorted { $0.weekStart < $1.weekStart }
        guard !published.isEmpty else { return [] }
        /// The week's placement sessions (weekly ones as they fall that week).
        func sessions(_ d: Dataset, _ week: CalendarDay) -> [String: PlacementSession] {
            var m: [String: PlacementSession] = [:]
            for pl in d.document(week: week).placements { for s in pl.sessions { m[s.id] = s } }
            return m
        }
        let people = Set(after.people.map(\.id))
        let groups = Set(after.programmes.flatMap { $0.groups.map(\.id) })
        let interpreters = Set(after.interpreters.map(\.id))
        var out: [Impact] = []
        for w in published {
            let old = sessions(before, w.weekStart), new = sessions(after, w.weekStart)
            var entries: [Entry] = []
            var headcount: [String: Int] = [:]
            for a in w.rota.assignments { headcount[a.sessionId, default: 0] += 1 }
            for a in w.rota.assignments {
                if !people.contains(a.personId) {
                    entries.append(Entry(personId: a.personId, sessionId: a.sessionId, why: "\(a.personId) was removed from the dataset", removed: true))
                } else if let was = old[a.sessionId] {
                    guard let now = new[a.sessionId] else {
                        entries.append(Entry(personId: a.personId, sessionId: a.sessionId, why: "session \(a.sessionId) was removed", removed: true))
                        continue
                    }
                    if now.interval != was.interval {
                        entries.append(Entry(personId: a.personId, sessionId: a.sessionId, why: "session \(a.sessionId) moved from \(was.interval) to \(now.interval)", removed: false))
                    } else if now.capacity < (headcount[a.sessionId] ?? 0) {
                        entries.append(Entry(personId: a.personId, sessionId: a.sessionId,
                                             why: "session \(a.sessionId)'s capacity was cut to \(now.capacity), below the \(headcount[a.sessionId] ?? 0) placed", removed: false))
                    }
                }
            }
            for g in w.rota.programmeAllocations where !groups.contains(g.groupId) || !people.contains(g.personId) {
                entries.append(Entry(personId: g.personId, sessionId: g.groupId, why: "group \(g.groupId) or its member was removed", removed: true))
            }
            for b in w.rota.interpreterBookings where !interpreters.contains(b.interpreterId) {
                entries.append(Entry(personId: "", sessionId: b.sessionId, why: "interpreter \(b.interpreterId), booked for \(b.sessionId), was removed",
                                     removed: true, interpreterId: b.interpreterId))
            }
            if !entries.isEmpty { out.append(Impact(week: w.weekStart, entries: entries)) }
        }
        return out
    }

    /// The weeks as a forced change leaves them: entries that cannot stand are taken out, and
    /// every touched entry is recorded as a change by `actor`.
    static func forced(_ impacts: [Impact], weeks: [CalendarDay: WeekRecord], actor: Actor, at: String) -> [WeekRecord] {
        impacts.compactMap { impact in
            guard var w = weeks[impact.week] else { return nil }
            let gone = impact.entries.filter(\.removed)
            let goneAssignments = Set(gone.map { "\($0.personId)|\($0.sessionId)" })
            w.rota.assignments.removeAll { goneAssignments.contains("\($0.personId)|\($0.sessionId)") }
            w.rota.programmeAllocations.removeAll { goneAssignments.contains("\($0.personId)|\($0.groupId)") }
            w.rota.interpreterBookings.removeAll { b in gone.contains { $0.interpreterId == b.interpreterId && $0.sessionId == b.sessionId } }
            for e in impact.entries {
                w.changes.append(RotaChange(at: at, personId: e.personId, added: [], removed: e.removed ? [e.sessionId] : [],
                                            note: "forced dataset change: \(e.why)", actor: actor))
            }
            return w
        }
    }
}
