/// Why one person cannot (or can) take one more placement session, given the rest of the rota.
///
/// The static part comes from `Barriers` (the scorer's own per-session rules); the rest is what
/// other people's places cause: a full session, a day already worked, a clash with the person's
/// programme sessions, the weekly hours, a non-associate in the session, no interpreter free.
public enum SessionObstacle: Hashable, Sendable, Comparable {
    case barrier(Barriers)
    case full
    case sameDay
    case clashesWithOwnSession
    case hours
    case nonAssociate(String)
    case noInterpreterFree(language: String)

    public var rule: HardRule {
        switch self {
        case .barrier(let b): return Barriers.all.first { b.contains($0.0) }?.1 ?? .availability
        case .full: return .capacity
        case .sameDay: return .oneSessionPerDay
        case .clashesWithOwnSession: return .availability
        case .hours: return .hours
        case .nonAssociate: return .nonAssociation
        case .noInterpreterFree: return .interpreter
        }
    }

    public static func < (a: SessionObstacle, b: SessionObstacle) -> Bool { a.sortKey < b.sortKey }
    var sortKey: Int {
        switch self {
        case .barrier(let b): return Int(b.rawValue.trailingZeroBitCount)
        case .full: return 100
        case .sameDay: return 101
        case .clashesWithOwnSession: return 102
        case .hours: return 103
        case .nonAssociate: return 104
        case .noInterpreterFree: return 105
        }
    }
}

extension Occupancy {
    /// Every obstacle between person `p` and one more placement session `s` (empty: it is open to them).
    public func obstacles(person p: Int, session s: Int) -> [SessionObstacle] {
        let ref = region.sessions[s]
        precondition(ref.placement >= 0)
        // The person is copied once and lent to every static rule: explaining a large region's
        // short people asks this for every session within their reach.
        let person = region.people[p]
        var out: [SessionObstacle] = []
        var b = region.timeBarriers(of: person, session: s)
            .union(region.placeBarriers(of: person, p, at: ref.location))
            .union(region.placementBarriers(of: person, placement: ref.placement))
        if person.upw == nil { b.insert(.noUnpaidWork) } else if WeeklyHours.exceedsMaximum(ref.hours, maximum: region.maxWeeklyHours[p]) || region.remainingHours[p] <= WeeklyHours.tolerance {
            b.insert(.hoursLimit)
        }
        if region.needsBooking(of: person, session: s) && !region.problem.interpreters.indices.contains(where: {
            region.interpreterCanServe($0, session: s, language: person.language)
        }) {
            b.insert(.noInterpreter)
        }
        for single in Barriers.all where b.contains(single.0) { out.append(.barrier(single.0)) }
        if sessionsOf[p].contains(s) { return out }
        for rule in blockingRules(person: p, session: s) {
            switch rule {
            case .capacity: out.append(.full)
            case .oneSessionPerDay: out.append(.sameDay)
            case .programmeClash: out.append(.clashesWithOwnSession)
            // A session longer than the week allows is a barrier already, said once.
            case .hours: if person.upw != nil && !b.contains(.hoursLimit) { out.append(.hours) }
            case .nonAssociation:
                for q in region.nonAssociates[p] where attendees[s].contains(q) { out.append(.nonAssociate(region.people[q].id)) }
            // No interpreter of the language at all is a barrier already.
            case .interpreterFree: if !b.contains(.noInterpreter) { out.append(.noInterpreterFree(language: person.language)) }
            }
        }
        return out
    }

    /// Obstacles between person `p` and joining group `g`.
    public func obstacles(person p: Int, group g: Int) -> [String] {
        let ref = region.groups[g]
        let person = region.people[p]
        var out: [String] = []
        if let prog = person.programme, region.problem.programmes[ref.programme].id != prog.programmeId {
            out.append("a group of another programme")
        }
        if !ref.group.acceptingNew { out.append("not accepting new members") }
        if !RotaRule.seatsSuffice(membersOf[g].count + 1, limit: ref.group.capacity) && !membersOf[g].contains(p) { out.append("full (\(ref.group.capacity) members)") }
        let barriers = region.groupBarriers(person: p, group: g)
        out.append(contentsOf: barriers.subtracting(.interpreterUnsupported).phrases)
        if barriers.contains(.interpreterUnsupported) {
            out.append("does not support interpreters (needs \(Language.name(person.language)))")
        }
        var timePlace: Barriers = []
        for s in ref.sessions { timePlace.formUnion(region.timeAndPlaceBarriers(person: p, session: s)) }
        out.append(contentsOf: timePlace.phrases.map { "one of its sessions: \($0)" })
        for q in region.nonAssociates[p] where membersOf[g].contains(q) { out.append("\(region.people[q].id), whom they must not meet, is a member") }
        return out
    }
}

/// Language names for messages a scheduler reads.
public enum Language {
    static let names = ["en": "English", "pl": "Polish", "ro": "Romanian", "ar": "Arabic", "pa": "Punjabi", "lt": "Lithuanian",
                        "ur": "Urdu", "bn": "Bengali", "so": "Somali", "ku": "Kurdish", "pt": "Portuguese", "cy": "Welsh",
                        "tr": "Turkish", "fa": "Farsi", "ti": "Tigrinya", "sq": "Albanian", "bg": "Bulgarian", "ru": "Russian"]
    public static func name(_ code: String) -> String { names[code] ?? code }
}
