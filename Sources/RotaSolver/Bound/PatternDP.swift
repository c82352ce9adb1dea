/// A state of the week's dynamic programme: hours so far, their cost, and how it was reached
/// (the (day, length) group taken last, as an offset among the person's groups; -1 for none).
struct WeekState {
    var hours: Double
    var cost: Double
    var parent: Int32
    var group: Int32
}

/// The people's cheapest weeks at one step's prices (see `LowerBound.compute`).
struct Weeks {
    var value: Double
    /// Per session, the people whose week takes it; per group, the starters who take it.
    var usage: [Int32]
    var groupUse: [Int]
    /// Candidates needing an interpreter booking in those weeks.
    var booked: [Int]
    /// Per slice, the slots of the candidates tagged people chose in work parties whose
    /// isolation is priced, with their price keys (`IsolationPrices`).
    var alone: [[(slot: Int32, key: Int32)]]
}

/// Exact per-person pattern choice: at most one session a day, hours capped, prices included.
/// Dynamic programming over the days that have candidates; states are distinct hour totals.
/// Scratch storage is reused across people, so a step allocates nothing.
struct PatternDP {
    /// Per (day, length) group of the person solved, its cheapest item's cost and index (-1:
    /// every item blocked); `baseCost`/`baseItem` keep the unblocked ones for a starter's group
    /// choices.
    var minCost: [Double] = []
    var minItem: [Int32] = []
    var baseCost: [Double] = []
    var baseItem: [Int32] = []
    /// The week's states, layer by layer (one layer a day with candidates).
    var states: [WeekState] = []
    /// The sessions of the last week solved, and their items in the pattern index.
    var lastWeek: [Int32] = []
    var lastItems: [Int32] = []
    /// Items may cost less than nothing (isolation prices are on).
    var pricesCanBeNegative = false

    /// The cheapest week and its sessions (`lastWeek`), added to `usage`.
    mutating func solve(_ m: SolverModel, _ x: PatternIndex, worker w: Int, person p: Int, lambda: [Double], usage: inout [Int32]) -> Double {
        let value = solve(m, x, worker: w, person: p, lambda: lambda)
        for s in lastWeek { usage[Int(s)] += 1 }
        return value
    }

    /// The cheapest week; its sessions in `lastWeek`. `lambda` holds the prices by item key
    /// (`PatternIndex.itemPrices`).
    mutating func solve(_ m: SolverModel, _ x: PatternIndex, worker w: Int, person p: Int, lambda: [Double]) -> Double {
        let groups = Int(x.groupStart[w])..<Int(x.groupStart[w + 1])
        minCost.removeAll(keepingCapacity: true); minItem.removeAll(keepingCapacity: true)
        minCost.append(contentsOf: repeatElement(.infinity, count: groups.count))
        minItem.append(contentsOf: repeatElement(-1, count: groups.count))
        cheapest(x, groups: groups, onDays: 0x7f, lambda: lambda, skipping: nil)
        return week(m, x, groups: groups, person: p)
    }

    /// For each of the person's `groups` on `days` (a bit per day), its cheapest item at these
    /// prices (per price key), not a `blocked` session's, into `minCost` and `minItem` (+∞ and
    /// -1 when every one is blocked). The scan most of a bound step is spent in.
    private mutating func cheapest(_ x: PatternIndex, groups: Range<Int>, onDays days: Int, lambda: [Double],
                                   skipping blocked: [Bool]?) {
        // Raw buffers: through the arrays every read was checked.
        x.itemCost.withUnsafeBufferPointer { itemCost in
        x.itemKey.withUnsafeBufferPointer { itemKey in
        lambda.withUnsafeBufferPointer { lambda in
            /// Item `k`'s cost at these prices (+∞ when its session is blocked).
            @inline(__always) func price(_ k: Int) -> Double {
                if let blocked, blocked[Int(x.session(ofKey: x.key(ofItem: k)))] { return .infinity }
                return Double(itemCost[k]) + lambda[Int(itemKey[k])]
            }
            for g in groups where days & (1 << Int(x.groupDay[g])) != 0 {
                // Two running minima, of the even and the odd items: one chain of comparisons
                // waits on each before the next, and the scan was bound by that wait.
                var best0 = Double.infinity, best1 = Double.infinity, k0 = -1, k1 = -1
                var k = Int(x.itemStart[g])
                let end = Int(x.itemStart[g + 1])
                while k + 1 < end {
                    let c0 = price(k), c1 = price(k + 1)
                    if c0 < best0 { best0 = c0; k0 = k }
                    if c1 < best1 { best1 = c1; k1 = k + 1 }
                    k += 2
                }
                if k < end {
                    let c0 = price(k)
                    if c0 < best0 { best0 = c0; k0 = k }
                }
                // The first cheapest, as one running minimum would find it.
                if k1 >= 0 && (best1 < best0 || (best1 == best0 && k1 < k0)) { (best0, k0) = (best1, k1) }
                minCost[g - groups.lowerBound] = best0
                minItem[g - groups.lowerBound] = Int32(truncatingIfNeeded: k0)
            }
        }}}
    }

    /// A starter with unpaid work: unplaced with the cheapest week, or the group (-1: none) whose
    /// cost (`groupCost`, in `groupCandidates` order), price and cheapest week without the
    /// sessions it `clashes` with cost least; that week in `lastWeek`. A clashing group's week is
    /// solved again only when it could win (it costs no less than the week with every session),
    /// and only its clashing days are scanned again. `blocked` is scratch, all false, one per
    /// session.
    mutating func solveStarter(_ m: SolverModel, _ x: PatternIndex, worker w: Int, person p: Int, lambda: [Double], groupCost: [Double],
                               groupPrices: [Double], clashes: [[Int32]], blocked: inout [Bool]) -> (value: Double, group: Int) {
        let free = solve(m, x, worker: w, person: p, lambda: lambda)
        var chosenWeek = lastWeek, chosenItems = lastItems
        var value = free + m.weights.starterUnplaced, group = -1
        let groups = Int(x.groupStart[w])..<Int(x.groupStart[w + 1])
        var saved = false
        // Groups that clash with nothing first: their week is the free one, and the best of them
        // leaves fewer clashing groups worth solving.
        for pass in 0..<2 {
            let clashing = pass == 1
            for (j, g) in m.groupCandidates[p].enumerated() where clashes[j].isEmpty != clashing {
                let price = groupCost[j] + groupPrices[Int(g)]
                guard price + free < value else { continue }
                if !clashing { (value, group) = (price + free, Int(g)); continue }
                // The unblocked minima, kept the first time a clashing group is solved (when a
                // clash-free group or staying unplaced wins outright, never). Copied element by
                // element: no array is shared, so no write below allocates.
                if saved {
                    for i in minCost.indices { minCost[i] = baseCost[i]; minItem[i] = baseItem[i] }
                } else {
                    baseCost.removeAll(keepingCapacity: true); baseCost.append(contentsOf: minCost)
                    baseItem.removeAll(keepingCapacity: true); baseItem.append(contentsOf: minItem)
                    saved = true
                }
                var days = 0
                for s in clashes[j] { blocked[Int(s)] = true; days |= 1 << Int(m.sessionDay[Int(s)]) }
                cheapest(x, groups: groups, onDays: days, lambda: lambda, skipping: blocked)
                for s in clashes[j] { blocked[Int(s)] = false }
                let v = price + week(m, x, groups: groups, person: p)
                if v < value { (value, group) = (v, Int(g)); chosenWeek = lastWeek; chosenItems = lastItems }
            }
        }
        lastWeek = chosenWeek
        lastItems = chosenItems
        return (value, group)
    }

    /// The cheapest week from each group's cheapest item (`minCost`, `minItem`): one session a
    /// day at most, hours capped; its sessions in `lastWeek`, their items in `lastItems`.
    private mutating func week(_ m: SolverModel, _ x: PatternIndex, groups: Range<Int>, person p: Int) -> Double {
        states.removeAll(keepingCapacity: true)
        states.append(WeekState(hours: 0, cost: 0, parent: -1, group: -1))
        var from = 0, to = 1
        let maxH = m.maxHours[p] + 1e-9
        let target = max(0, m.target[p])
        // Isolation prices can make a session pay to attend (a companion wanted). Then a week at
        // its target may still grow; its hours stay counted at the target, which relaxes the
        // weekly maximum past it (still a bound). Without them a cost is never below zero but by
        // rounding (booking prices are updated by differences), which must not relax the week.
        let growsPastTarget = pricesCanBeNegative && minCost.contains { $0 < 0 }
        var g = groups.lowerBound
        while g < groups.upperBound {
            // This day's groups: g..<dayEnd.
            let day = x.groupDay[g]
            var dayEnd = g + 1
            while dayEnd < groups.upperBound && x.groupDay[dayEnd] == day { dayEnd += 1 }
            let base = states.count
            for i in from..<to {
                let state = states[i]
                put(WeekState(hours: state.hours, cost: state.cost, parent: Int32(i), group: -1), base)
                // A state at the target is final: more sessions cost more and save no shortfall
                // (with no negative cost), so all of them share one state and none grows.
                guard state.hours < target || growsPastTarget else { continue }
                for k in g..<dayEnd {
                    guard minItem[k - groups.lowerBound] >= 0, state.hours + x.groupHours[k] <= maxH else { continue }
                    put(WeekState(hours: min(target, state.hours + x.groupHours[k]), cost: state.cost + minCost[k - groups.lowerBound],
                                  parent: Int32(i), group: Int32(k - groups.lowerBound)), base)
                }
            }
            (from, to) = (base, states.count)
            g = dayEnd
        }
        var bestI = from, bestV = Double.infinity
        for i in from..<to {
            let v = states[i].cost + max(0, m.target[p] - states[i].hours) * m.weights.hoursShortfall
            if v < bestV { bestV = v; bestI = i }
        }
        var i = bestI
        lastWeek.removeAll(keepingCapacity: true)
        lastItems.removeAll(keepingCapacity: true)
        while i >= 0 {
            let k = Int(states[i].group)
            if k >= 0 {
                lastWeek.append(x.session(ofKey: x.key(ofItem: Int(minItem[k]))))
                lastItems.append(minItem[k])
            }
            i = Int(states[i].parent)
        }
        return bestV
    }

    /// Adds `state` to the layer starting at `base`, or keeps the cheaper of it and the state
    /// there with the same hours.
    private mutating func put(_ state: WeekState, _ base: Int) {
        for j in base..<states.count where abs(states[j].hours - state.hours) < 1e-9 {
            if state.cost < states[j].cost { states[j] = state }
            return
        }
        states.append(state)
    }
}
