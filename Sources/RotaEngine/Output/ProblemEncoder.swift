import RotaJSON

/// Writes model values back as PROBLEM.md JSON, with every default applied (what `dataset.get`
/// returns and what `rota generate` writes).
public enum ProblemEncoder {
    public static func encode(_ p: Problem) -> JSONValue {
        .obj([
            ("weekStart", .string(p.weekStart.description)),
            ("policy", policy(p.policy)),
            ("people", .array(p.people.map(person))),
            ("placements", .array(p.placements.map(placement))),
            ("programmes", .array(p.programmes.map(programme))),
            ("interpreters", .array(p.interpreters.map(interpreter))),
        ])
    }

    public static func policy(_ p: Policy) -> JSONValue {
        .obj([
            ("maxTravelKm", .number(p.maxTravelKm)),
            ("minWeeklyHours", .number(p.minWeeklyHours)),
            ("maxWeeklyHours", .number(p.maxWeeklyHours)),
            ("weights", .obj(SoftCost.allCases.map { ($0.rawValue, .number(p.weights[$0])) })),
        ])
    }

    public static func point(_ g: GeoPoint) -> JSONValue { .obj([("lat", .number(g.lat)), ("lon", .number(g.lon))]) }

    public static func interval(_ i: Interval) -> JSONValue {
        .obj([("day", .string(i.day.description)), ("start", .string(i.start.description)), ("end", .string(i.end.description))])
    }

    public static func intervals(_ l: [Interval]) -> JSONValue { .array(l.map(interval)) }

    /// A weekly entry's recurrence fields, after its own.
    static func recurrence(_ r: Recurrence) -> [(String, JSONValue)] {
        var m: [(String, JSONValue)] = []
        if let f = r.from { m.append(("from", .string(f.description))) }
        if let u = r.until { m.append(("until", .string(u.description))) }
        if !r.except.isEmpty { m.append(("except", .strings(r.except.map(\.description)))) }
        return m
    }

    public static func weekly(_ w: WeeklyInterval) -> JSONValue {
        .obj([("weekday", .string(Recurrence.weekdayNames[w.recurrence.weekday])), ("start", .string(w.start.description)),
              ("end", .string(w.end.description))] + recurrence(w.recurrence))
    }

    /// Dated and weekly entries of one list, as a document mixes them.
    public static func timetable(_ dated: [Interval], _ weekly: [WeeklyInterval]) -> JSONValue {
        .array(dated.map(interval) + weekly.map(self.weekly))
    }

    public static func person(_ p: Person) -> JSONValue {
        var m: [(String, JSONValue)] = [
            ("id", .string(p.id)), ("sex", .string(p.sex.rawValue)), ("womenOnly", .bool(p.womenOnly)),
            ("language", .string(p.language)), ("needsInterpreter", .bool(p.needsInterpreter)), ("home", point(p.home)),
        ]
        if let n = p.name { m.insert(("name", .string(n)), at: 1) }
        if let v = p.maxTravelKm { m.append(("maxTravelKm", .number(v))) }
        // Weekly entries alone still make a list: "available only then", not "any time".
        if p.availability != nil || !p.weeklyAvailability.isEmpty { m.append(("availability", timetable(p.availability ?? [], p.weeklyAvailability))) }
        m.append(("unavailable", timetable(p.unavailable, p.weeklyUnavailable)))
        if p.childcareWindows != nil || !p.weeklyChildcareWindows.isEmpty {
            m.append(("childcare", .obj([("windows", timetable(p.childcareWindows ?? [], p.weeklyChildcareWindows))])))
        }
        m.append(("risk", .obj([
            ("rosh", .string(p.risk.rosh.json)), ("mappaLevel", .int(p.risk.mappaLevel)),
            ("childRisk", .bool(p.risk.childRisk)), ("vulnerableAdultRisk", .bool(p.risk.vulnerableAdultRisk)),
        ])))
        m.append(("nonAssociation", .strings(p.nonAssociation)))
        m.append(("exclusionZones", .array(p.exclusionZones.map {
            .obj([("lat", .number($0.centre.lat)), ("lon", .number($0.centre.lon)), ("radiusKm", .number($0.radiusKm))])
        })))
        if let t = p.isolationTag { m.append(("isolationTag", .string(t))) }
        m.append(("interests", .strings(p.interests)))
        if let c = p.currentPlacementId { m.append(("currentPlacementId", .string(c))) }
        if p.supervisionNotes { m.append(("supervisionNotes", .bool(true))) }
        if let u = p.upw {
            var um: [(String, JSONValue)] = [
                ("hoursOrdered", .number(u.hoursOrdered)), ("hoursCompleted", .number(u.hoursCompleted)),
                ("deadline", .string(u.deadline.description)),
            ]
            if let v = u.minWeeklyHours { um.append(("minWeeklyHours", .number(v))) }
            if let v = u.maxWeeklyHours { um.append(("maxWeeklyHours", .number(v))) }
            m.append(("upw", .obj(um)))
        }
        if let g = p.programme {
            var gm: [(String, JSONValue)] = [("programmeId", .string(g.programmeId)), ("status", .string(g.status.rawValue))]
            if let id = g.groupId { gm.append(("groupId", .string(id))) }
            m.append(("programme", .obj(gm)))
        }
        return .obj(m)
    }

    public static func placement(_ p: Placement) -> JSONValue {
        .obj([
            ("id", .string(p.id)), ("name", .string(p.name)), ("provider", .string(p.provider)), ("kind", .string(p.kind.rawValue)),
            ("location", point(p.location)), ("womenOnly", .bool(p.womenOnly)), ("maxRosh", .string(p.maxRosh.json)),
            ("childrenPresent", .bool(p.childrenPresent)), ("vulnerableAdultsPresent", .bool(p.vulnerableAdultsPresent)),
            ("mappaApproved", .bool(p.mappaApproved)), ("childcareOnSite", .bool(p.childcareOnSite)),
            ("staffLanguages", .strings(p.staffLanguages)), ("skills", .strings(p.skills)),
            ("sessions", .array(p.sessions.map(session) + p.weeklySessions.map(weeklySession))),
        ])
    }

    public static func session(_ s: PlacementSession) -> JSONValue {
        .obj([("id", .string(s.id)), ("day", .string(s.interval.day.description)), ("start", .string(s.interval.start.description)),
              ("end", .string(s.interval.end.description)), ("hours", .number(s.hours)), ("capacity", .int(s.capacity))])
    }

    public static func weeklySession(_ s: WeeklyPlacementSession) -> JSONValue {
        .obj([("id", .string(s.id)), ("weekday", .string(Recurrence.weekdayNames[s.recurrence.weekday])), ("start", .string(s.start.description)),
              ("end", .string(s.end.description)), ("hours", .number(s.hours)), ("capacity", .int(s.capacity))] + recurrence(s.recurrence))
    }

    public static func group(_ g: ProgrammeGroup) -> JSONValue {
        .obj([
            ("id", .string(g.id)), ("location", point(g.location)), ("womenOnly", .bool(g.womenOnly)), ("capacity", .int(g.capacity)),
            ("acceptingNew", .bool(g.acceptingNew)), ("interpreterSupported", .bool(g.interpreterSupported)),
            ("staffLanguages", .strings(g.staffLanguages)),
            ("sessions", .array(g.sessions.map { s in
                .obj([("id", .string(s.id)), ("day", .string(s.interval.day.description)), ("start", .string(s.interval.start.description)),
                      ("end", .string(s.interval.end.description))])
            } + g.weeklySessions.map { s in
                .obj([("id", .string(s.id)), ("weekday", .string(Recurrence.weekdayNames[s.recurrence.weekday])), ("start", .string(s.start.description)),
                      ("end", .string(s.end.description))] + recurrence(s.recurrence))
            })),
        ])
    }

    public static func programme(_ p: Programme) -> JSONValue {
        .obj([("id", .string(p.id)), ("name", .string(p.name)), ("maxRosh", .string(p.maxRosh.json)), ("groups", .array(p.groups.map(group)))])
    }

    public static func interpreter(_ i: Interpreter) -> JSONValue {
        .obj([("id", .string(i.id)), ("languages", .strings(i.languages)), ("availability", timetable(i.availability, i.weeklyAvailability))])
    }
}
