import RotaJSON

/// Turns a problem document (PROBLEM.md) into model values, applying every default, and refuses
/// anything malformed with the JSON path of the field and the reason.
public enum ProblemDecoder {
    /// Decodes a whole problem document. `basePolicy` is what `config/policy.json` says (or
    /// PROBLEM.md's table); the document's own `policy` overrides it field by field.
    public static func decode(_ json: JSONValue, basePolicy: Policy = Policy(), limits: InputLimits = .standard,
                              requireWeekStart: Bool = true, basePath: String = "") throws(InputError) -> Problem {
        let r = try FieldReader(json, path: basePath, limits: limits)
        var weekStart = CalendarDay(daysSinceEpoch: 0)
        if requireWeekStart || r.has("weekStart") {
            weekStart = try r.day("weekStart")
            guard weekStart.isMonday else {
                throw InputError(path: r.childPath("weekStart"), reason: "\(weekStart) is a \(weekStart.weekdayName), not a Monday")
            }
        }
        let policy = try r.nested("policy").map { (p) throws(InputError) in try decodePolicy(p, base: basePolicy) } ?? basePolicy
        var problem = Problem(weekStart: weekStart, policy: policy)
        for item in try r.optionalArray("people", maxCount: limits.maxPeople) ?? [] {
            problem.people.append(try decodePerson(FieldReader(item.value, path: item.path, limits: limits)))
        }
        for item in try r.optionalArray("placements", maxCount: limits.maxPlacements) ?? [] {
            problem.placements.append(try decodePlacement(FieldReader(item.value, path: item.path, limits: limits)))
        }
        for item in try r.optionalArray("programmes", maxCount: limits.maxProgrammes) ?? [] {
            problem.programmes.append(try decodeProgramme(FieldReader(item.value, path: item.path, limits: limits)))
        }
        for item in try r.optionalArray("interpreters", maxCount: limits.maxInterpreters) ?? [] {
            problem.interpreters.append(try decodeInterpreter(FieldReader(item.value, path: item.path, limits: limits)))
        }
        try ReferenceCheck.check(problem) { r.childPath("\($0.rawValue)[\($1)]") }
        return problem
    }

    public static func decodePolicy(_ r: FieldReader, base: Policy) throws(InputError) -> Policy {
        var p = base
        let limits = r.limits
        if let v = try r.optionalNumber("maxTravelKm", min: 0, max: limits.maxTravelKm) { p.maxTravelKm = v }
        if let v = try r.optionalNumber("minWeeklyHours", min: 0, max: limits.maxWeeklyHours) { p.minWeeklyHours = v }
        if let v = try r.optionalNumber("maxWeeklyHours", min: 0, max: limits.maxWeeklyHours) { p.maxWeeklyHours = v }
        if let w = try r.nested("weights") {
            for cost in SoftCost.allCases {
                if let v = try w.optionalNumber(cost.rawValue, min: 0, max: limits.maxCostWeight) { p.weights[cost] = v }
            }
        }
        return p
    }

    public static func decodePerson(_ r: FieldReader) throws(InputError) -> Person {
        let sex = try r.enumeration("sex", "F, M", default: nil) { Sex(rawValue: $0) }
        var p = Person(id: try r.id("id"), sex: sex, home: try r.point("home"),
                       womenOnly: r.has("womenOnly") ? try r.bool("womenOnly", default: false) : nil)
        p.language = try r.optionalString("language") ?? "en"
        p.needsInterpreter = try r.bool("needsInterpreter", default: false)
        p.maxTravelKm = try r.optionalNumber("maxTravelKm", min: 0, max: r.limits.maxTravelKm)
        if let (dated, weekly) = try r.optionalTimetable("availability") {
            p.availability = dated
            p.weeklyAvailability = weekly
        }
        if let (dated, weekly) = try r.optionalTimetable("unavailable") {
            p.unavailable = dated
            p.weeklyUnavailable = weekly
        }
        if let c = try r.nested("childcare") {
            let (dated, weekly) = try c.optionalTimetable("windows") ?? ([], [])
            p.childcareWindows = dated
            p.weeklyChildcareWindows = weekly
        }
        if let risk = try r.nested("risk") {
            p.risk.rosh = try risk.enumeration("rosh", RoshLevel.jsonNames, default: .low) { RoshLevel(json: $0) }
            p.risk.mappaLevel = try risk.optionalInteger("mappaLevel", min: 0, max: 3) ?? 0
            p.risk.childRisk = try risk.bool("childRisk", default: false)
            p.risk.vulnerableAdultRisk = try risk.bool("vulnerableAdultRisk", default: false)
        }
        p.nonAssociation = try r.optionalStrings("nonAssociation") ?? []
        if let zones = try r.optionalArray("exclusionZones", maxCount: r.limits.maxListEntries) {
            for z in zones {
                let zr = try FieldReader(z.value, path: z.path, limits: r.limits)
                p.exclusionZones.append(ExclusionZone(centre: try zr.asPoint(), radiusKm: try zr.number("radiusKm", min: 0, max: r.limits.maxExclusionRadiusKm)))
            }
        }
        p.isolationTag = try r.optionalString("isolationTag")
        p.interests = try r.optionalStrings("interests") ?? []
        p.currentPlacementId = try r.optionalString("currentPlacementId")
        p.supervisionNotes = try r.bool("supervisionNotes", default: false)
        p.name = try r.optionalString("name")
        if let u = try r.nested("upw") {
            let maxH = r.limits.maxHours
            p.upw = UnpaidWorkOrder(
                hoursOrdered: try u.number("hoursOrdered", min: 0, max: maxH),
                hoursCompleted: try u.number("hoursCompleted", min: 0, max: maxH),
                deadline: try u.day("deadline"),
                minWeeklyHours: try u.optionalNumber("minWeeklyHours", min: 0, max: r.limits.maxWeeklyHours),
                maxWeeklyHours: try u.optionalNumber("maxWeeklyHours", min: 0, max: r.limits.maxWeeklyHours))
        }
        if let g = try r.nested("programme") {
            let status = try g.enumeration("status", "awaiting, enrolled", default: nil) { ProgrammeStatus(rawValue: $0) }
            let req = ProgrammeRequirement(programmeId: try g.id("programmeId"), status: status, groupId: try g.optionalString("groupId"))
            if status == .enrolled && req.groupId == nil {
                throw InputError(path: g.childPath("groupId"), reason: "required when status is enrolled")
            }
            p.programme = req
        }
        return p
    }

    public static func decodePlacement(_ r: FieldReader) throws(InputError) -> Placement {
        let kind = try r.enumeration("kind", "group, individual", default: nil) { PlacementKind(rawValue: $0) }
        var pl = Placement(id: try r.id("id"), name: try r.optionalString("name") ?? "", provider: try r.optionalString("provider") ?? "",
                           kind: kind, location: try r.point("location"))
        pl.womenOnly = try r.bool("womenOnly", default: false)
        pl.maxRosh = try r.enumeration("maxRosh", RoshLevel.jsonNames, default: .medium) { RoshLevel(json: $0) }
        pl.childrenPresent = try r.bool("childrenPresent", default: false)
        pl.vulnerableAdultsPresent = try r.bool("vulnerableAdultsPresent", default: false)
        pl.mappaApproved = try r.bool("mappaApproved", default: false)
        pl.childcareOnSite = try r.bool("childcareOnSite", default: false)
        pl.staffLanguages = try r.optionalStrings("staffLanguages") ?? ["en"]
        pl.skills = try r.optionalStrings("skills") ?? []
        for item in try r.optionalArray("sessions", maxCount: r.limits.maxSessionsPerPlacement) ?? [] {
            let s = try FieldReader(item.value, path: item.path, limits: r.limits)
            if s.has("weekday") { pl.weeklySessions.append(try decodeWeeklyPlacementSession(s)) } else { pl.sessions.append(try decodePlacementSession(s)) }
        }
        return pl
    }

    public static func decodeWeeklyPlacementSession(_ s: FieldReader) throws(InputError) -> WeeklyPlacementSession {
        let id = try s.id("id"), recurrence = try s.asRecurrence(), (start, end) = try s.startAndEnd()
        return WeeklyPlacementSession(id: id, recurrence: recurrence, start: start, end: end,
                                      hours: try s.number("hours", min: 0, max: s.limits.maxHours),
                                      capacity: try s.integer("capacity", min: 0, max: s.limits.maxCapacity))
    }

    public static func decodePlacementSession(_ s: FieldReader) throws(InputError) -> PlacementSession {
        PlacementSession(id: try s.id("id"), interval: try s.asInterval(),
                         hours: try s.number("hours", min: 0, max: s.limits.maxHours),
                         capacity: try s.integer("capacity", min: 0, max: s.limits.maxCapacity))
    }

    public static func decodeProgramme(_ r: FieldReader) throws(InputError) -> Programme {
        var pr = Programme(id: try r.id("id"), name: try r.optionalString("name") ?? "")
        pr.maxRosh = try r.enumeration("maxRosh", RoshLevel.jsonNames, default: .veryHigh) { RoshLevel(json: $0) }
        for item in try r.optionalArray("groups", maxCount: r.limits.maxGroupsPerProgramme) ?? [] {
            let g = try FieldReader(item.value, path: item.path, limits: r.limits)
            var group = ProgrammeGroup(id: try g.id("id"), location: try g.point("location"),
                                       capacity: try g.integer("capacity", min: 0, max: r.limits.maxCapacity))
            group.womenOnly = try g.bool("womenOnly", default: false)
            group.acceptingNew = try g.bool("acceptingNew", default: true)
            group.interpreterSupported = try g.bool("interpreterSupported", default: false)
            group.staffLanguages = try g.optionalStrings("staffLanguages") ?? ["en"]
            for sItem in try g.optionalArray("sessions", maxCount: r.limits.maxSessionsPerPlacement) ?? [] {
                let s = try FieldReader(sItem.value, path: sItem.path, limits: r.limits)
                if s.has("weekday") {
                    let id = try s.id("id"), recurrence = try s.asRecurrence(), (start, end) = try s.startAndEnd()
                    group.weeklySessions.append(WeeklyGroupSession(id: id, recurrence: recurrence, start: start, end: end))
                } else {
                    group.sessions.append(GroupSession(id: try s.id("id"), interval: try s.asInterval()))
                }
            }
            pr.groups.append(group)
        }
        return pr
    }

    public static func decodeInterpreter(_ r: FieldReader) throws(InputError) -> Interpreter {
        let (dated, weekly) = try r.optionalTimetable("availability") ?? ([], [])
        var it = Interpreter(id: try r.id("id"), languages: try r.optionalStrings("languages") ?? [], availability: dated)
        it.weeklyAvailability = weekly
        return it
    }
}
