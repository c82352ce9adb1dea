import RotaEngine
import RotaJSON

extension RotaService {
    /// `explain`: one line a person reads first, then the counts behind it — the held sessions
    /// with what each costs and why, how many other sessions each rule rules out, the person's
    /// programme groups and the unmet reasons. Every other session, one by one, only with
    /// `detail: true` (a region has hundreds; the default answer stays a few kilobytes).
    func explain(week: CalendarDay, personId pid: String, detail: Bool) throws(ResponseError) -> JSONValue {
        let v = try view(week)
        let region = v.region
        guard let person = region.personIndex[pid] else { throw ResponseError(.notFound, "no person \"\(pid)\"", data: .obj([("path", "params.personId")])) }
        let occ = v.occupancy
        let who = region.people[person]
        let model = v.search.model
        var held: [JSONValue] = []
        var heldNames: [String] = []
        for s in occ.sessionsOf[person] {
            let ref = region.sessions[s]
            let pl = region.problem.placements[ref.placement]
            let km = who.home.distanceKm(to: ref.location)
            var why = "counts \(fmt(ref.hours)) h towards the weekly target of \(fmt(region.weeklyTarget[person])) h; \(fmt(km)) km from home"
            if let cur = who.currentPlacementId { why += cur == pl.id ? "; the placement they worked at last week" : "; a change from last week's placement" }
            if !who.interests.isEmpty { why += who.interests.contains(where: pl.skills.contains) ? "; teaches one of their interests" : "; teaches none of their interests" }
            let cost = model.candidateIndex(person, session: Int32(s)).map { model.candCost[$0] }
            held.append(.obj([("sessionId", .string(ref.id)), ("placementId", .string(pl.id)), ("placementName", .string(pl.name)),
                              ("day", .string(ref.interval.day.description)), ("start", .string(ref.interval.start.description)),
                              ("end", .string(ref.interval.end.description)), ("hours", .amount(ref.hours)),
                              ("cost", cost.map { .amount($0) } ?? .null), ("why", .string(why))]))
            heldNames.append("\(pl.name.isEmpty ? pl.id : pl.name), \(ref.interval.day.weekdayName)")
        }
        // Every other placement session: open, or ruled out by which rules.
        var open = 0
        var byRule: [HardRule: Int] = [:]
        var others: [JSONValue] = []
        for s in 0..<region.placementSessionCount where !occ.sessionsOf[person].contains(s) {
            let obstacles = occ.obstacles(person: person, session: s)
            if obstacles.isEmpty { open += 1 }
            for rule in Set(obstacles.map(\.rule)) { byRule[rule, default: 0] += 1 }
            if detail {
                let ref = region.sessions[s]
                others.append(.obj([
                    ("sessionId", .string(ref.id)), ("placementId", .string(region.problem.placements[ref.placement].id)),
                    ("placementName", .string(region.problem.placements[ref.placement].name)), ("day", .string(ref.interval.day.description)),
                    ("start", .string(ref.interval.start.description)), ("end", .string(ref.interval.end.description)),
                    ("open", .bool(obstacles.isEmpty)),
                    ("ruledOutBy", .array(obstacles.map { .obj([("rule", .int($0.rule.rawValue)), ("reason", .string(phrase($0)))]) })),
                ]))
            }
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
        let target = region.weeklyTarget[person]
        let short = occ.shortfallHours(person)
        let unmet = UnmetExplainer(occupancy: occ)
        var reasons: [String] = []
        if who.upw != nil && short > 1e-9 { reasons += unmet.placementReasons(person) }
        if let prog = who.programme, prog.status == .awaiting, occ.groupsOf[person].isEmpty { reasons += unmet.starterReasons(person, programmeId: prog.programmeId) }
        // The one line: the outcome, then the reason closest to the person's choices.
        var summary: String
        if who.upw == nil {
            summary = "no unpaid-work order"
        } else if target <= 1e-9 {
            summary = "no unpaid-work hours to do this week"
        } else if short > 1e-9 {
            summary = "short \(fmt(short)) h of \(fmt(target)) h: " + (reasons.last(where: { !$0.hasPrefix("no place in any") }) ?? "no session is open to them")
        } else {
            summary = "meets the weekly target of \(fmt(target)) h: " + heldNames.joined(separator: "; ")
        }
        if let prog = who.programme, prog.status == .awaiting {
            summary += occ.groupsOf[person].isEmpty ? "; not yet placed in a \(prog.programmeId) group" : "; placed in a \(prog.programmeId) group"
        }
        var out: [(String, JSONValue)] = [
            ("weekStart", .string(week.description)), ("personId", .string(pid)), ("name", who.name.map { .string($0) } ?? .null),
            ("summary", .string(summary)),
            ("targetHours", .amount(target)), ("assignedHours", .amount(assigned)), ("shortfallHours", .amount(short)),
            ("sessions", .array(held)),
            ("otherSessionsOpen", .int(open)),
            ("ruledOutByRule", .array(byRule.keys.sorted().map { .obj([("rule", .int($0.rawValue)), ("title", .string($0.title)), ("sessions", .int(byRule[$0]!))]) })),
            ("groups", .array(groups)), ("unmetReasons", .strings(reasons)),
        ]
        if detail { out.append(("otherSessions", .array(others))) }
        return .obj(out)
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
