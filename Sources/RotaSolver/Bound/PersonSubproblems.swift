import Dispatch
import RotaEngine

/// The bound's person subproblem for everyone at once (`LowerBound`): at given prices, each
/// person's cheapest week — and for a starter with unpaid work their group with it — summed over
/// the people, with the seats, group places and bookings those weeks take. Solved in slices of
/// people on every core, each slice with its own `PatternIndex`.
struct PersonSubproblems {
    let m: SolverModel
    /// People with an order and at least one candidate, in slice order.
    let people: [Int]
    let slices: Int
    let groupCount: Int
    /// Starters with unpaid work choose a group and a week together: per group they could
    /// join, the candidate sessions its sessions clash with (empty for everyone else).
    let clashes: [[[Int32]]]
    let jointStarter: [Bool]
    /// Per starter, per group they could join, its travel and booking share.
    let groupCost: [[Double]]

    init(model m: SolverModel, people: [Int], slices: Int) {
        self.m = m
        self.people = people
        self.slices = slices
        groupCount = m.groupCapacity.count
        var clashes: [[[Int32]]] = Array(repeating: [], count: m.personCount)
        for p in m.starters.map(Int.init) where m.hasOrder[p] && !m.candidates(of: p).isEmpty {
            clashes[p] = LowerBound.groupClashes(m, person: p)
        }
        self.clashes = clashes
        jointStarter = clashes.map { !$0.isEmpty }
        groupCost = LowerBound.starterGroupCosts(m)
    }

    /// The slice `k`'s people, as `PatternIndex` numbers its workers.
    func people(ofSlice k: Int) -> ArraySlice<Int> {
        people[(people.count * k / slices)..<(people.count * (k + 1) / slices)]
    }

    /// Σ over people of their cheapest week at `seatPrices` (keyed by tag when `isolation`
    /// prices are kept) and, for starters with unpaid work, `groupPrices`; the seats and group
    /// places they take, the candidates needing a booking in those weeks (when `bookings`), and
    /// the tagged people's items in work parties whose isolation is priced.
    func solve(seatPrices: [Double], groupPrices: [Double], indices: [PatternIndex], isolation: IsolationPrices?,
               pricingIsolation: Bool, bookings pricingBookings: Bool) -> Weeks {
        let prices = isolation?.keyPrices(seatPrices) ?? seatPrices
        let pricedIsolation = pricingIsolation ? isolation?.priced : nil
        let parts = SliceResults<Weeks>(count: slices, empty: Weeks(value: 0, usage: [], groupUse: [], booked: [], alone: []))
        DispatchQueue.concurrentPerform(iterations: slices) { k in
            var dp = PatternDP()
            dp.pricesCanBeNegative = pricedIsolation != nil
            var part = Weeks(value: 0, usage: Array(repeating: Int32(0), count: m.sessionCount),
                             groupUse: Array(repeating: 0, count: groupCount), booked: [], alone: [[]])
            var blocked = Array(repeating: false, count: m.sessionCount)
            // This slice's index, once: passed per person it was retained and released per call.
            let index = indices[k]
            let itemPrices = index.itemPrices(prices)
            let mine = people(ofSlice: k)
            for (w, p) in mine.enumerated() {
                let value: Double
                if jointStarter[p] {
                    let choice = dp.solveStarter(m, index, worker: w, person: p, lambda: itemPrices, groupCost: groupCost[p],
                                                 groupPrices: groupPrices, clashes: clashes[p], blocked: &blocked)
                    value = choice.value
                    if choice.group >= 0 { part.groupUse[choice.group] += 1 }
                } else {
                    value = dp.solve(m, index, worker: w, person: p, lambda: itemPrices)
                }
                part.value += value
                for s in dp.lastWeek { part.usage[Int(s)] += 1 }
                if let pricedIsolation, m.tag[p] >= 0 {
                    // Every item of a tagged person in a priced session has a slot.
                    for item in dp.lastItems {
                        let key = index.key(ofItem: Int(item))
                        guard pricedIsolation[Int(index.session(ofKey: key))] else { continue }
                        let slot = index.slot(ofItem: Int(item))
                        assert(slot >= 0, "an isolation-priced item without a slot")
                        part.alone[0].append((slot, key))
                    }
                }
                guard pricingBookings && m.interpreterLanguage[p] >= 0 else { continue }
                for s in dp.lastWeek {
                    if let c = m.candidateIndex(p, session: s), m.candNeedsBooking[c] { part.booked.append(c) }
                }
            }
            parts.set(k, part)
        }
        var total = parts.take(0, leaving: Weeks(value: 0, usage: [], groupUse: [], booked: [], alone: []))
        for k in 1..<slices {
            let part = parts.take(k, leaving: Weeks(value: 0, usage: [], groupUse: [], booked: [], alone: []))
            total.value += part.value
            for i in part.usage.indices { total.usage[i] += part.usage[i] }
            for g in part.groupUse.indices { total.groupUse[g] += part.groupUse[g] }
            total.booked += part.booked
            total.alone += part.alone
        }
        return total
    }

    /// Starters without unpaid work (the others chose their group with their week): each takes
    /// the group whose cost plus price is least, or stays unplaced. Their cost; `groupUse`
    /// counts the places taken.
    func chooseGroups(groupPrices mu: [Double], groupUse: inout [Int]) -> Double {
        var total = 0.0
        for p32 in m.starters {
            let p = Int(p32)
            guard !jointStarter[p] else { continue }
            var bestG = -1, bestV = m.weights.starterUnplaced
            for (k, g) in m.groupCandidates[p].enumerated() where groupCost[p][k] + mu[Int(g)] < bestV {
                bestV = groupCost[p][k] + mu[Int(g)]
                bestG = Int(g)
            }
            total += bestV
            if bestG >= 0 { groupUse[bestG] += 1 }
        }
        return total
    }
}
