import Dispatch
import RotaEngine

/// A valid lower bound on the soft cost of any hard-feasible rota, by Lagrangian relaxation of
/// seat capacity (Fisher, 1981).
///
/// With a price λ_s ≥ 0 on every seat, the problem splits into one small problem per person:
/// choose at most one candidate session per day, at most `maxWeeklyHours` in total, minimising
/// shortfall + travel + continuity + interest mismatch + the prices of the seats taken; then
/// `L(λ) = Σ_person min(…) − Σ_s λ_s · capacity_s` is below the optimum for every λ. Each person's
/// problem is solved exactly by dynamic programming over the seven days on the distinct session
/// lengths. Subgradient steps (Held–Wolfe–Crowder, Polyak step towards the construction's cost)
/// raise the bound for the time allowed. Interpreter bookings and isolation are relaxed to their
/// unavoidable part (bookings for enrolled members' fixed sessions) and 0.
enum LowerBound {
    /// - Parameters:
    ///   - upperBound: the cost of the best rota known (the Polyak step aims at it).
    ///   - threads: the people are split into slices solved on this many cores.
    /// - Complexity: O(candidate pairs) per subgradient step.
    static func compute(model m: SolverModel, seconds: Double, upperBound: Double, threads: Int = 2) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        let deadline = start + UInt64(max(0, seconds) * 1e9)
        var constant = m.fixedCost
        let initial = SearchState(model: m)
        constant += Double(initial.bookingCount) * m.weights.interpreterBooking
        for p in m.starters.map(Int.init) {
            constant += min(m.weights.starterUnplaced, m.groupCandidateCost[p].min() ?? m.weights.starterUnplaced)
        }
        // People with an order but no candidate session carry their whole target as shortfall.
        var workers: [Int] = []
        for p in 0..<m.personCount where m.hasOrder[p] {
            if m.candidates(of: p).isEmpty { constant += max(0, m.target[p]) * m.weights.hoursShortfall } else { workers.append(p) }
        }
        let slices = max(1, min(threads, workers.count / 64))
        let people = workers
        var lambda = Array(repeating: 0.0, count: m.sessionCount)
        var best = -Double.infinity
        var theta = 2.0
        var sinceImprove = 0
        var iteration = 0
        while true {
            let parts = SliceResults<(Double, [Int32])>(count: slices, empty: (0, []))
            let prices = lambda
            DispatchQueue.concurrentPerform(iterations: slices) { k in
                var dp = PatternDP()
                var usage = Array(repeating: Int32(0), count: m.sessionCount)
                var value = 0.0
                for w in (people.count * k / slices)..<(people.count * (k + 1) / slices) {
                    value += dp.solve(m, person: people[w], lambda: prices, usage: &usage)
                }
                parts.set(k, (value, usage))
            }
            var usage = Array(repeating: Int32(0), count: m.sessionCount)
            var value = constant
            for (v, u) in parts.values {
                value += v
                for i in u.indices { usage[i] += u[i] }
            }
            for s in 0..<m.placementSessionCount { value -= lambda[s] * Double(m.sessionCapacity[s]) }
            if value > best + 1e-6 { best = value; sinceImprove = 0 } else { sinceImprove += 1 }
            if sinceImprove >= 5 { theta /= 2; sinceImprove = 0 }
            iteration += 1
            if DispatchTime.now().uptimeNanoseconds >= deadline || theta < 1e-4 || iteration >= 2000 { break }
            var norm = 0.0
            for s in 0..<m.placementSessionCount {
                let g = Double(usage[s] - m.sessionCapacity[s])
                if g > 0 || lambda[s] > 0 { norm += g * g }
            }
            if norm == 0 { break }  // the relaxed choice fits every seat: it is optimal for the relaxation
            let step = theta * max(1, upperBound - value) / norm
            for s in 0..<m.placementSessionCount {
                lambda[s] = max(0, lambda[s] + step * Double(usage[s] - m.sessionCapacity[s]))
            }
        }
        return best
    }
}

/// Exact per-person pattern choice: at most one session a day, hours capped, prices included.
struct PatternDP {
    // Per day: distinct hours values with the cheapest (cost + price) session of that length.
    var optHours: [[Double]] = Array(repeating: [], count: 7)
    var optCost: [[Double]] = Array(repeating: [], count: 7)
    var optSession: [[Int32]] = Array(repeating: [], count: 7)
    // DP layers: states (hours, cost, parent state, session taken or -1).
    var layerHours: [[Double]] = Array(repeating: [], count: 8)
    var layerCost: [[Double]] = Array(repeating: [], count: 8)
    var layerParent: [[Int32]] = Array(repeating: [], count: 8)
    var layerSession: [[Int32]] = Array(repeating: [], count: 8)

    mutating func solve(_ m: SolverModel, person p: Int, lambda: [Double], usage: inout [Int32]) -> Double {
        for d in 0..<7 { optHours[d].removeAll(keepingCapacity: true); optCost[d].removeAll(keepingCapacity: true); optSession[d].removeAll(keepingCapacity: true) }
        for c in m.candidates(of: p) {
            let s = Int(m.candSession[c])
            let d = Int(m.sessionDay[s])
            let h = m.sessionHours[s]
            let cost = m.candCost[c] + lambda[s]
            if let i = optHours[d].firstIndex(of: h) {
                if cost < optCost[d][i] { optCost[d][i] = cost; optSession[d][i] = Int32(s) }
            } else {
                optHours[d].append(h); optCost[d].append(cost); optSession[d].append(Int32(s))
            }
        }
        let maxH = m.maxHours[p] + 1e-9
        layerHours[0] = [0]; layerCost[0] = [0]; layerParent[0] = [-1]; layerSession[0] = [-1]
        for d in 0..<7 {
            var hs: [Double] = [], cs: [Double] = [], ps: [Int32] = [], ss: [Int32] = []
            func put(_ h: Double, _ c: Double, _ parent: Int, _ s: Int32) {
                if let i = hs.firstIndex(where: { abs($0 - h) < 1e-9 }) {
                    if c < cs[i] { cs[i] = c; ps[i] = Int32(parent); ss[i] = s }
                } else {
                    hs.append(h); cs.append(c); ps.append(Int32(parent)); ss.append(s)
                }
            }
            for i in layerHours[d].indices {
                put(layerHours[d][i], layerCost[d][i], i, -1)
                for k in optHours[d].indices where layerHours[d][i] + optHours[d][k] <= maxH {
                    put(layerHours[d][i] + optHours[d][k], layerCost[d][i] + optCost[d][k], i, optSession[d][k])
                }
            }
            layerHours[d + 1] = hs; layerCost[d + 1] = cs; layerParent[d + 1] = ps; layerSession[d + 1] = ss
        }
        var bestI = 0, bestV = Double.infinity
        for i in layerHours[7].indices {
            let v = layerCost[7][i] + max(0, m.target[p] - layerHours[7][i]) * m.weights.hoursShortfall
            if v < bestV { bestV = v; bestI = i }
        }
        var i = bestI
        var d = 7
        while d > 0 {
            let s = layerSession[d][i]
            if s >= 0 { usage[Int(s)] += 1 }
            i = Int(layerParent[d][i])
            d -= 1
        }
        return bestV
    }
}
