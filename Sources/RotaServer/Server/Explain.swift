import RotaEngine
import RotaJSON

extension RotaService {
    /// `explain`: why the person has the sessions they have, and for every other placement
    /// session and programme group the rules that rule it out.
    func explain(week: CalendarDay, personId pid: String) throws(ResponseError) -> JSONValue {
        let v = try view(week)
        let region = v.region
        guard let person = region.personIndex[pid] else { throw ResponseError(.notFound, "no person \"\(pid)\"", data: .obj([("path", "params.personId")])) }
        let occ = v.occupancy
        let who = region.people[person]
        var held: [JSONValue] = []
        for s in occ.sessionsOf[person] {
            let ref = region.sessions[s]
            let pl = region.problem.placements[ref.placement]
            let km = who.home.distanceKm(to: ref.location)
            var why = "counts \(fmt(ref.hours)) h towards the weekly target of \(fmt(region.weeklyTarget[person])) h; \(fmt(km)) km from home"
            if let cur = who.currentPlacementId { why += cur == pl.id ? "; the placement they worked at last week" : "; a change from last week's placement" }
            if !who.interests.isEmpty { why += who.interests.contains(where: pl.skills.contains) ? "; teaches one of their interests" : "; teaches none of their interests" }
            held.append(.obj([("sessionId", .string(ref.id)), ("placementId", .string(pl.id)), ("day", .string(ref.interval.day.description)),
                              ("start", .string(ref.interval.start.description)), ("end", .string(ref.interval.end.description)),
                              ("hours", .amount(ref.hours)), ("why", .string(why))]))
        }
        var others: [JSONValue] = []
        for s in 0..<region.placementSessionCount where !occ.sessionsOf[person].contains(s) {
            let obstacles = occ.obstacles(person: person, session: s)
            others.append(.obj([
                ("sessionId", .string(region.sessions[s].id)), ("placementId", .string(region.problem.placements[region.sessions[s].placement].id)),
                ("open", .bool(obstacles.isEmpty)),
                ("ruledOutBy", .array(obstacles.map { .obj([("rule", .int($0.rule.rawValue)), ("reason", .string(phrase($0)))]) })),
            ]))
        }
        var groups: [JSONValue] = []
        if let prog = who.programme {
            for (g, ref) in region.groups.enumerated() where region.problem.programmes[ref.programme].id == prog.programmeId {
                let member = occ.groupsOf[person].contains(g)
                groups.append(.obj([("groupId", .string(ref.group.id)), ("member", .bool(member)),
                                    ("ruledOutBy", .strings(member ? [] : occ.obstacles(person: person, group: g)))]))
            }
        }
        let assigned = occ.hours(person)
        let unmet = UnmetExplainer(occupancy: occ)
        var reasons: [String] = []
        if who.upw != nil && region.weeklyTarget[person] - assigned > 1e-9 { reasons += unmet.placementReasons(person) }
        if let prog = who.programme, prog.status == .awaiting, occ.groupsOf[person].isEmpty { reasons += unmet.starterReasons(person, programmeId: prog.programmeId) }
        return .obj([
            ("weekStart", .string(week.description)), ("personId", .string(pid)),
            ("targetHours", .amount(region.weeklyTarget[person])), ("assignedHours", .amount(assigned)),
            ("shortfallHours", .amount(max(0, region.weeklyTarget[person] - assigned))),
            ("sessions", .array(held)), ("otherSessions", .array(others)), ("groups", .array(groups)),
            ("unmetReasons", .strings(reasons)),
        ])
    }

    func phrase(_ o: SessionObstacle) -> String {
        switch o {
        case .barrier(let b): return b.phrases.first ?? "ruled out"
        case .full: return "full"
        case .sameDay: return "they already work that day"
        case .clashesWithOwnSession: return "clashes with their programme sessions"
        case .hours: return "would break their weekly hours limit"
        case .nonAssociate(let id): return "\(id), whom they must not meet, attends"
        case .noInterpreterFree(let l): return "no \(Language.name(l)) interpreter is free then"
        }
    }

    func fmt(_ d: Double) -> String { JSONWriter.formatNumber((d * 10).rounded() / 10) }
}
