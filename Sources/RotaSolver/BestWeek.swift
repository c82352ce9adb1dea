import RotaEngine
/// Scratch storage for `SearchState.bestWeek(for:using:)`, kept by a search so a move allocates
/// nothing.
struct WeekPlanner {
    /// Per day, the cheapest open candidate of each session length.
    var slotHours: [[Double]] = Array(repeating: [], count: 7)
    var slotCost: [[Double]] = Array(repeating: [], count: 7)
    var slotCandidate: [[Int32]] = Array(repeating: [], count: 7)
    /// The week's states, layer by layer (one layer a day with a slot).
    var states: [PlannedWeek] = []
    /// The candidates of the week chosen last.
    var chosen: [Int] = []
}

/// A state of `bestWeek`'s dynamic programme: hours so far, the shortest session among them (the
/// superfluous-session rule needs it), their cost, and how the state was reached.
struct PlannedWeek {
    var hours: Double
    var shortest: Double
    var cost: Double
    var parent: Int32
    var candidate: Int32
}

extension SearchState {
    /// The week of placement sessions that costs `p` least with everyone else's sessions as they
    /// are, into `planner.chosen`; `p` must hold none. Returns what adding them all changes.
    ///
    /// With the rest of the rota fixed, a person's sessions interact only through their hours
    /// total (shortfall, the weekly maximum, the superfluous-session rule): a session's booking and
    /// isolation changes are its own, and one session a day makes the days independent otherwise.
    /// So a dynamic programme over the days, on (hours, shortest session) states, is exact.
    /// Single-session moves reach such a week only through worse rotas (two half days traded for
    /// one full day elsewhere), which a cool search does not accept.
    /// - Complexity: O(sessions / 64 + open candidates of p + days × states × lengths).
    func bestWeek(for p: Int, using planner: inout WeekPlanner) -> Double {
        precondition(heldCount[p] == 0, "bestWeek plans a person holding no session")
        for d in 0..<7 {
            planner.slotHours[d].removeAll(keepingCapacity: true)
            planner.slotCost[d].removeAll(keepingCapacity: true)
            planner.slotCandidate[d].removeAll(keepingCapacity: true)
        }
        let n = m.candidates(of: p).count
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, n)) { buffer in
            for c32 in buffer[0..<openCandidates(p, into: buffer)] {
                let c = Int(c32)
                let s = Int(m.candSession[c])
                let h = m.sessionHours[s]
                guard !WeeklyHours.exceedsMaximum(h, maximum: m.maxHours[p]) else { continue }
                let cost = joiningCost(p, candidate: c)
                let d = Int(m.sessionDay[s])
                let k = planner.slotHours[d].firstIndex { abs($0 - h) < 1e-9 }
                if let k, planner.slotCost[d][k] <= cost { continue }
                // The rules that depend on the rest of the rota last: they are the costly ones.
                guard canAdd(p, candidate: c) else { continue }
                if let k {
                    planner.slotCost[d][k] = cost
                    planner.slotCandidate[d][k] = c32
                } else {
                    planner.slotHours[d].append(h)
                    planner.slotCost[d].append(cost)
                    planner.slotCandidate[d].append(c32)
                }
            }
        }
        planner.states.removeAll(keepingCapacity: true)
        planner.states.append(PlannedWeek(hours: 0, shortest: .infinity, cost: 0, parent: -1, candidate: -1))
        var from = 0, to = 1
        for d in 0..<7 where !planner.slotHours[d].isEmpty {
            let base = planner.states.count
            for i in from..<to {
                let state = planner.states[i]
                Self.put(PlannedWeek(hours: state.hours, shortest: state.shortest, cost: state.cost, parent: Int32(i), candidate: -1), into: &planner.states, from: base)
                for k in planner.slotHours[d].indices {
                    let h = planner.slotHours[d][k]
                    guard !WeeklyHours.exceedsMaximum(state.hours + h, maximum: m.maxHours[p]) else { continue }
                    Self.put(PlannedWeek(hours: state.hours + h, shortest: min(state.shortest, h), cost: state.cost + planner.slotCost[d][k],
                                         parent: Int32(i), candidate: planner.slotCandidate[d][k]), into: &planner.states, from: base)
                }
            }
            (from, to) = (base, planner.states.count)
        }
        let none = shortfall(p, 0)
        var bestI = -1, bestV = 0.0
        for i in from..<to {
            let state = planner.states[i]
            // No superfluous session: without the shortest, the week must fall short of what remains.
            if state.hours > 0 && WeeklyHours.hasSuperfluousSession(state.hours, shortest: state.shortest, remaining: m.remaining[p]) { continue }
            let v = state.cost + shortfall(p, state.hours) - none
            if bestI < 0 || v < bestV - 1e-9 { (bestI, bestV) = (i, v) }
        }
        planner.chosen.removeAll(keepingCapacity: true)
        var i = bestI
        while i >= 0 {
            if planner.states[i].candidate >= 0 { planner.chosen.append(Int(planner.states[i].candidate)) }
            i = Int(planner.states[i].parent)
        }
        return bestV
    }

    /// Adds `state` to the layer of `states` starting at `base`, or keeps the cheaper of it and the
    /// state there with the same hours and shortest session.
    private static func put(_ state: PlannedWeek, into states: inout [PlannedWeek], from base: Int) {
        for j in base..<states.count where abs(states[j].hours - state.hours) < 1e-9 && states[j].shortest == state.shortest {
            if state.cost < states[j].cost { states[j] = state }
            return
        }
        states.append(state)
    }
}
