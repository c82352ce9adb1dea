/// A proximal bundle method for maximising a concave function over prices y ≥ 0 (Lemaréchal,
/// 1978; Kiwiel, 1990; Frangioni, 2002): `LowerBound`'s seat, group and interpreter-time prices
/// when isolation is not priced.
///
/// Subgradient steps use one subgradient at a time and zigzag: on a large region they need
/// several times the steps a short solve affords to settle. A bundle keeps the last subgradients as
/// cuts, upper planes of the function, and each trial point maximises their minimum less a
/// proximity term around a stability centre, the best point so far: y = max(0, ŷ + t·Σα·g),
/// with α the weights of the cuts' dual problem, a small quadratic programme over the simplex.
/// A trial point that raises the function by enough of what the cuts promised ("serious")
/// becomes the centre; otherwise ("null") its cut sharpens the model there.
///
/// Cuts are sparse, and a price at zero whose subgradient is negative keeps its component out:
/// the price stays at zero, and the cut stays an upper plane on y ≥ 0, only a weaker one.
struct ProximalBundle {
    struct Cut {
        var index: [Int32]
        var value: [Double]
        /// The cut at the centre less the function there (≥ 0 for a concave function).
        var error: Double
    }

    /// Cuts kept; past this, the unused ones go, then all of them fold into their aggregate.
    static let maxCuts = 20
    /// A trial point is serious when it gains this share of the predicted gain.
    static let seriousShare = 0.1
    /// `t` grows by `grow` after a serious step that gained half the predicted gain, by `keep`
    /// after any other serious step, and shrinks by `shrink` after a null step (measured in
    /// docs/experiments): a `t` that shrinks fast stalls far below the optimum,
    /// since the dual's many kinks make most trial points null.
    static let grow = 3.0
    static let keep = 1.5
    static let shrink = 0.9

    private var centre: [Double]
    private(set) var centreValue: Double
    private(set) var t: Double
    /// `t` grows no further than this (10⁴ its start): a model that keeps predicting almost
    /// nothing, met each time, would otherwise grow it without end.
    private let largestT: Double
    private var cuts: [Cut] = []
    /// The cuts' subgradients' inner products.
    private var gram: [[Double]] = []
    private var alpha: [Double] = []
    /// The last trial point's move from the centre, and the gain the model predicted there.
    private var move: [Double]
    private var predicted = 0.0

    /// Starts at `centre`, where the function is `value` with subgradient `cut`; the first trial
    /// point is the subgradient step of length `t`.
    init(centre: [Double], value: Double, cut: (index: [Int32], value: [Double]), t: Double) {
        self.centre = centre
        centreValue = value
        self.t = t
        largestT = 1e4 * t
        move = Array(repeating: 0, count: centre.count)
        add(Cut(index: cut.index, value: cut.value, error: 0))
    }

    /// The next trial point: the centre moved towards the cuts' aggregate subgradient.
    mutating func trialPoint() -> [Double] {
        solveWeights()
        for i in move.indices { move[i] = 0 }
        for (k, cut) in cuts.enumerated() where alpha[k] > 0 {
            for (i, g) in zip(cut.index, cut.value) { move[Int(i)] += alpha[k] * g }
        }
        var point = centre
        for i in point.indices where move[i] != 0 {
            point[i] = max(0, centre[i] + t * move[i])
            move[i] = point[i] - centre[i]
        }
        predicted = cuts.map { $0.error + along($0) }.min() ?? 0
        return point
    }

    /// Records the function's `value` and subgradient `cut` at the last trial point, which
    /// becomes the centre when serious.
    mutating func record(value: Double, cut: (index: [Int32], value: [Double])) {
        var newCut = Cut(index: cut.index, value: cut.value, error: 0)
        let gain = value - centreValue
        if gain >= Self.seriousShare * max(predicted, 1e-9) {
            // Each cut's error is measured at the new centre: e' = e + g·d − gain.
            for k in cuts.indices { cuts[k].error = max(0, cuts[k].error + along(cuts[k]) - gain) }
            for i in centre.indices { centre[i] += move[i] }
            centreValue = value
            t = min(t * (gain >= 0.5 * predicted ? Self.grow : Self.keep), largestT)
        } else {
            // The new cut at the centre: L(y) − g·d, above L(ŷ) by gain − g·d.
            newCut.error = max(0, gain - along(newCut))
            t *= Self.shrink
        }
        prune()
        add(newCut)
    }

    /// g·d for the last trial point's move d.
    private func along(_ cut: Cut) -> Double {
        var s = 0.0
        for (i, g) in zip(cut.index, cut.value) { s += g * move[Int(i)] }
        return s
    }

    /// Makes room for one more cut: unused ones go, oldest first (newest first measured the
    /// same); when every cut is in use, all fold into their aggregate (weights α), which keeps the
    /// model's hold on the centre.
    private mutating func prune() {
        var k = 0
        while k < cuts.count && cuts.count >= Self.maxCuts {
            if alpha[k] <= 1e-12 { remove(k) } else { k += 1 }
        }
        guard cuts.count >= Self.maxCuts else { return }
        var sum: [Int32: Double] = [:]
        var error = 0.0
        for (k, cut) in cuts.enumerated() where alpha[k] > 0 {
            error += alpha[k] * cut.error
            for (i, g) in zip(cut.index, cut.value) { sum[i, default: 0] += alpha[k] * g }
        }
        let index = sum.keys.sorted()
        cuts.removeAll()
        gram.removeAll()
        alpha.removeAll()
        add(Cut(index: index, value: index.map { sum[$0]! }, error: error))
        alpha[0] = 1
    }

    private mutating func add(_ cut: Cut) {
        var row: [Double] = []
        for k in cuts.indices {
            let d = Self.dot(cuts[k], cut)
            row.append(d)
            gram[k].append(d)
        }
        row.append(Self.dot(cut, cut))
        gram.append(row)
        cuts.append(cut)
        alpha.append(0)
    }

    private mutating func remove(_ k: Int) {
        cuts.remove(at: k)
        gram.remove(at: k)
        for r in gram.indices { gram[r].remove(at: k) }
        alpha.remove(at: k)
    }

    /// Inner product of two cuts, both sorted by index.
    static func dot(_ a: Cut, _ b: Cut) -> Double {
        var i = 0, j = 0, s = 0.0
        while i < a.index.count && j < b.index.count {
            if a.index[i] == b.index[j] {
                s += a.value[i] * b.value[j]
                i += 1
                j += 1
            } else if a.index[i] < b.index[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return s
    }

    /// The cut weights: min over the simplex of Σα·e + (t/2)·αᵀGα, by projected gradient steps
    /// from the last weights (a few hundred at most on twenty cuts: microseconds beside a step).
    private mutating func solveWeights() {
        let n = cuts.count
        if alpha.reduce(0, +) <= 0 { for k in 0..<n { alpha[k] = 1 / Double(n) } }
        // 1/L, with L bounded by the largest absolute row sum of t·G.
        let rowSum = gram.map { $0.reduce(0) { $0 + abs($1) } }.max() ?? 0
        let stepLength = 1 / (t * max(rowSum, 1e-12))
        var next = alpha
        for _ in 0..<200 {
            for i in 0..<n {
                var g = cuts[i].error
                for j in 0..<n where alpha[j] != 0 { g += t * gram[i][j] * alpha[j] }
                next[i] = alpha[i] - stepLength * g
            }
            Self.projectOntoSimplex(&next)
            var moved = 0.0
            for k in 0..<n { moved = max(moved, abs(next[k] - alpha[k])) }
            alpha = next
            if moved < 1e-9 { break }
        }
    }

    /// Euclidean projection onto {α ≥ 0, Σα = 1} (Held, Wolfe & Crowder, 1974; Duchi et al., 2008).
    static func projectOntoSimplex(_ v: inout [Double]) {
        let sorted = v.sorted(by: >)
        var sum = 0.0, shift = 0.0
        for (k, x) in sorted.enumerated() {
            sum += x
            let candidate = (sum - 1) / Double(k + 1)
            if x > candidate { shift = candidate }
        }
        for k in v.indices { v[k] = max(0, v[k] - shift) }
    }
}
