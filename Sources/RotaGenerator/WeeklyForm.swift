import RotaEngine

extension RegionGenerator {
    /// The region in weekly form (TIMETABLE.md), as a real one is kept: every placement and group
    /// session runs on its weekday every week, commitments, availability, childcare windows and
    /// interpreters' hours recur, about one commitment in twenty stays a one-off dated
    /// appointment, and one in ten sessions is cancelled on a day of the third week (an `except`,
    /// a bank holiday). Its first week's document is the dated region itself.
    public static func weeklyForm(_ problem: Problem, seed: UInt64) -> Problem {
        var rng = SplitMix64(seed: seed &+ 0xDA7E)
        var p = problem
        let week = problem.weekStart
        func weekday(_ d: CalendarDay) -> Int? {
            let offset = d.daysSinceEpoch - week.daysSinceEpoch
            return (0..<7).contains(offset) ? offset : nil
        }
        /// The entries of the first week as weekly ones; others (and the one-offs) stay dated.
        func split(_ list: [Interval], keepOneOffs: Bool) -> ([Interval], [WeeklyInterval]) {
            var dated: [Interval] = [], weekly: [WeeklyInterval] = []
            for i in list {
                if let w = weekday(i.day), !(keepOneOffs && rng.chance(0.05)) {
                    weekly.append(WeeklyInterval(recurrence: Recurrence(weekday: w), start: i.start, end: i.end))
                } else {
                    dated.append(i)
                }
            }
            return (dated, weekly)
        }
        for i in p.people.indices {
            if let a = p.people[i].availability { (p.people[i].availability, p.people[i].weeklyAvailability) = split(a, keepOneOffs: false) }
            (p.people[i].unavailable, p.people[i].weeklyUnavailable) = split(p.people[i].unavailable, keepOneOffs: true)
            if let c = p.people[i].childcareWindows { (p.people[i].childcareWindows, p.people[i].weeklyChildcareWindows) = split(c, keepOneOffs: false) }
        }
        for i in p.interpreters.indices {
            (p.interpreters[i].availability, p.interpreters[i].weeklyAvailability) = split(p.interpreters[i].availability, keepOneOffs: false)
        }
        for i in p.placements.indices {
            var dated: [PlacementSession] = []
            for s in p.placements[i].sessions {
                guard let w = weekday(s.interval.day) else { dated.append(s); continue }
                var r = Recurrence(weekday: w)
                if rng.chance(0.1) { r.except = [s.interval.day.adding(days: 14)] }
                p.placements[i].weeklySessions.append(WeeklyPlacementSession(id: s.id, recurrence: r, start: s.interval.start, end: s.interval.end,
                                                                             hours: s.hours, capacity: s.capacity))
            }
            p.placements[i].sessions = dated
        }
        for i in p.programmes.indices {
            for j in p.programmes[i].groups.indices {
                var dated: [GroupSession] = []
                for s in p.programmes[i].groups[j].sessions {
                    guard let w = weekday(s.interval.day) else { dated.append(s); continue }
                    p.programmes[i].groups[j].weeklySessions.append(WeeklyGroupSession(id: s.id, recurrence: Recurrence(weekday: w), start: s.interval.start, end: s.interval.end))
                }
                p.programmes[i].groups[j].sessions = dated
            }
        }
        return p
    }
}
