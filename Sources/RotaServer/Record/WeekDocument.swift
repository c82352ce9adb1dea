import RotaEngine

extension RegionRecord {
    /// The week's document (TIMETABLE.md): the dataset for the Monday `week`, with two fields
    /// taken from the record rather than the stored person —
    /// - `upw.hoursCompleted`: the stored value plus every hour attended before `week`;
    /// - `currentPlacementId`: the placement of the last attended placement session before
    ///   `week`; else of the person's last session in the latest stored rota of an earlier week;
    ///   else the stored value.
    public func document(week: CalendarDay) -> Problem {
        var problem = dataset.document(week: week)
        var placementOfSession: [String: String] = [:]
        for pl in dataset.placements { for id in pl.sessions.map(\.id) + pl.weeklySessions.map(\.id) { placementOfSession[id] = pl.id } }
        // The latest stored rota of an earlier week: each person's last session in it (its
        // sessions' times as they fell that week).
        var fromRota: [String: (placement: String, at: Interval)] = [:]
        if let earlier = weeks.keys.filter({ $0 < week }).max(), let rota = weeks[earlier]?.rota {
            var when: [String: Interval] = [:]
            for pl in dataset.document(week: earlier).placements { for s in pl.sessions { when[s.id] = s.interval } }
            for a in rota.assignments {
                guard let placement = placementOfSession[a.sessionId], let at = when[a.sessionId] else { continue }
                if let held = fromRota[a.personId], !Self.isLater(at, than: held.at) { continue }
                fromRota[a.personId] = (placement, at)
            }
        }
        for i in problem.people.indices {
            let id = problem.people[i].id
            let attended = attendance.records(of: id).filter { $0.day < week && $0.status == .attended }
            if problem.people[i].upw != nil {
                problem.people[i].upw!.hoursCompleted += attended.reduce(0) { $0 + $1.hours }
            }
            if let last = attended.last(where: { placementOfSession[$0.sessionId] != nil }) {
                problem.people[i].currentPlacementId = placementOfSession[last.sessionId]!
            } else if let held = fromRota[id] {
                problem.people[i].currentPlacementId = held.placement
            }
        }
        return problem
    }

    private static func isLater(_ a: Interval, than b: Interval) -> Bool {
        (a.day, a.start.minutes) > (b.day, b.start.minutes)
    }
}
