import Dispatch
import Foundation

/// The `unmet` list of a rota: every person short of their weekly target and every starter left
/// without a group, each with reasons counted from the actual constraints — for example
/// "of 212 placement sessions this week, 150 are beyond the person's travel limit" and
/// "of the 12 sessions otherwise open to them: 9 full, 3 lack a free Romanian interpreter".
public struct UnmetExplainer: Sendable {
    public let occupancy: Occupancy
    public var region: Region { occupancy.region }

    /// Placements near each home, and the in-week sessions of each placement.
    let grid: PlacementGrid

    public init(region: Region, rota: ResolvedRota) {
        self.init(occupancy: Occupancy(region: region, rota: rota))
    }

    public init(occupancy: Occupancy) {
        self.occupancy = occupancy
        grid = PlacementGrid(region: occupancy.region)
    }

    /// The order in which a session's static obstacles are counted (each session once, by the
    /// first that applies): where the work is and who it is for, then when it is.
    static let countOrder: [Barriers] = [.noUnpaidWork, .tooFar, .exclusionZone, .womenOnlySession, .mixedSession, .roshTooHigh,
                                         .childRisk, .vulnerableAdultRisk, .mappaNotApproved, .hoursLimit, .overlapsUnavailable,
                                         .outsideAvailability, .outsideChildcare, .clashesWithProgramme, .noInterpreter]

    static func first(_ b: Barriers) -> Barriers? { countOrder.first { b.contains($0) } }

    /// Every unmet need, in the order of `people`. Explanations are independent per person,
    /// so they are worked out on every core.
    public func unmet() -> [UnmetNeed] {
        let n = region.people.count
        let slices = max(1, min(64, n / 200))
        let results = SliceResults<[UnmetNeed]>(count: slices, empty: [])
        DispatchQueue.concurrentPerform(iterations: slices) { k in
            var out: [UnmetNeed] = []
            for p in (n * k / slices)..<(n * (k + 1) / slices) {
                if let need = unmet(person: p) { out.append(need) }
            }
            results.set(k, out)
        }
        return results.values.flatMap { $0 }
    }

    /// The unmet need of one person, or nil when they have what they need.
    public func unmet(person p: Int) -> UnmetNeed? {
        let person = region.people[p]
        var reasons: [String] = []
        var short = 0.0
        if person.upw != nil {
            short = occupancy.shortfallHours(p)
            if short > 1e-9 { reasons.append(contentsOf: placementReasons(p)) }
        }
        if let prog = person.programme, prog.status == .awaiting, occupancy.groupsOf[p].isEmpty {
            reasons.append(contentsOf: starterReasons(p, programmeId: prog.programmeId))
        }
        guard !reasons.isEmpty || short > 1e-9 else { return nil }
        return UnmetNeed(personId: person.id, shortfallHours: (short * 1e6).rounded() / 1e6, reasons: reasons)
    }

    /// Sentences about the placement sessions person `p` did not get.
    public func placementReasons(_ p: Int) -> [String] {
        let person = region.people[p]
        let total = region.placementSessionCount
        if total == 0 { return ["no placement sessions run this week"] }
        var staticCounts: [Barriers: Int] = [:]
        var dynamicCounts: [SessionObstacle: Int] = [:]
        var open = 0, notHeld = 0
        let held = occupancy.sessionsOf[p]
        // Most placements of a large region are too far, and distance is the first barrier
        // counted: those outside the grid cells around the home are settled without measuring.
        var near = [Bool](repeating: false, count: region.problem.placements.count)
        for pl in grid.placements(near: person.home, withinKm: region.maxTravelKm[p]) { near[pl] = true }
        for pl in near.indices {
            let sessions = grid.sessionsOf(placement: pl)
            guard !sessions.isEmpty else { continue }
            // Where and for whom: decided once per placement, which keeps large regions fast.
            let location = region.problem.placements[pl].location
            let placeLevel: Barriers = !near[pl] || region.isBeyondTravel(person: p, location) ? .tooFar
                : region.placementBarriers(of: person, placement: pl).union(region.placeBarriers(of: person, p, at: location))
            if let b = Self.first(placeLevel) {
                var heldHere = 0
                for s in held where region.sessions[s].placement == pl { heldHere += 1 }
                notHeld += sessions.count - heldHere
                staticCounts[b, default: 0] += sessions.count - heldHere
                continue
            }
            let mine = sessions.filter { !held.contains($0) }
            notHeld += mine.count
            for s in mine {
                let obs = occupancy.obstacles(person: p, session: s)
                var statics: Barriers = []
                for o in obs { if case .barrier(let b) = o { statics.formUnion(b) } }
                if let b = Self.first(statics) {
                    staticCounts[b, default: 0] += 1
                    continue
                }
                open += 1
                if let first = obs.first {
                    let key: SessionObstacle = { if case .nonAssociate = first { return .nonAssociate("") }; return first }()
                    dynamicCounts[key, default: 0] += 1
                }
            }
        }
        var reasons: [String] = []
        let reachable = notHeld - staticCounts.values.reduce(0, +)
        if !staticCounts.isEmpty {
            let parts = Barriers.all.compactMap { b -> String? in
                guard let n = staticCounts[b.0] else { return nil }
                return "\(b.2) (\(n))"
            }
            let other = occupancy.sessionsOf[p].isEmpty ? "" : " other"
            reasons.append("of \(notHeld)\(other) placement sessions this week, \(notHeld - reachable) are ruled out for them: " + parts.joined(separator: "; "))
        }
        if reachable == 0 {
            reasons.append(occupancy.sessionsOf[p].isEmpty
                ? "no session this week is open to \(person.id) under the hard rules"
                : "no further session this week is open to \(person.id) under the hard rules")
        } else {
            let order: [SessionObstacle] = [.full, .sameDay, .clashesWithOwnSession, .hours, .nonAssociate(""), .noInterpreterFree(language: person.language)]
            var parts: [String] = []
            for o in order {
                guard let n = dynamicCounts[o] else { continue }
                switch o {
                case .full: parts.append("\(n) full")
                case .sameDay: parts.append("\(n) on a day they already work")
                case .clashesWithOwnSession: parts.append("\(n) clash with their programme sessions")
                case .hours: parts.append("\(n) would break their weekly hours limit")
                case .nonAssociate: parts.append("\(n) attended by someone they must not meet")
                case .noInterpreterFree: parts.append("\(n) lack a free \(Language.name(person.language)) interpreter")
                default: break
                }
            }
            let free = open - dynamicCounts.values.reduce(0, +)
            if free > 0 { parts.append("\(free) still open, left for others whose need costs more") }
            reasons.append("of the \(reachable) sessions otherwise open to them: " + parts.joined(separator: ", "))
        }
        return reasons
    }

    /// Sentences about the groups a starter did not get: groups counted by their first obstacle.
    public func starterReasons(_ p: Int, programmeId: String) -> [String] {
        let groups = region.groups.indices.filter { region.problem.programmes[region.groups[$0].programme].id == programmeId }
        if groups.isEmpty { return ["no group of \(programmeId) runs"] }
        var counts: [String: Int] = [:]
        var order: [String] = []
        for g in groups {
            let first = occupancy.obstacles(person: p, group: g).first ?? "open, but a place there costs more than it saves"
            if counts[first] == nil { order.append(first) }
            counts[first, default: 0] += 1
        }
        return ["no place in any of the \(groups.count) \(programmeId) group\(groups.count == 1 ? "" : "s"): "
                + order.map { "\($0) (\(counts[$0]!) group\(counts[$0]! == 1 ? "" : "s"))" }.joined(separator: "; ")]
    }
}
