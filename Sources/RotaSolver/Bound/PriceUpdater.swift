/// How the bound's prices move from one step to the next (`LowerBound`): Polyak subgradient
/// steps towards the best rota's cost, θ halved after `patience` steps without a better bound;
/// or, where isolation is not priced, a proximal bundle (`ProximalBundle`) for the seat, group
/// and interpreter-time prices, the booking prices keeping steps of their own.
struct PriceUpdater {
    let m: SolverModel
    /// Group places left after enrolled members, which the group prices μ price.
    let groupSeats: [Int]
    /// The cost of the best rota known: the Polyak step aims at it.
    let upperBound: Double
    /// Seat prices per session (group sessions stay 0), and group prices.
    var lambda: [Double]
    var mu: [Double]
    var theta = 2.0
    var patience = 5
    private var sinceImprove = 0
    /// The best bound so far.
    private(set) var best = -Double.infinity
    private(set) var bundle: ProximalBundle? = nil

    init(model m: SolverModel, groupSeats: [Int], upperBound: Double) {
        self.m = m
        self.groupSeats = groupSeats
        self.upperBound = upperBound
        lambda = Array(repeating: 0, count: m.sessionCount)
        mu = Array(repeating: 0, count: groupSeats.count)
    }

    /// Notes a step's bound; θ halves after `patience` steps without a better one.
    mutating func record(_ value: Double) {
        if value > best + 1e-6 { best = value; sinceImprove = 0 } else { sinceImprove += 1 }
        if sinceImprove >= patience { theta /= 2; sinceImprove = 0 }
    }

    /// True when the steps have nothing left to gain (θ vanished and no bundle is in charge).
    var converged: Bool { theta < 1e-4 && bundle == nil }

    /// The squared norm of the step's subgradient, over every price that may move (0: the
    /// relaxed choice fits every seat and is optimal for the relaxation).
    func squaredNorm(usage: [Int32], groupUse: [Int], bookingPrices: BookingPrices?, isolation: IsolationPrices?) -> Double {
        var norm = 0.0
        for s in 0..<m.placementSessionCount {
            let g = Double(usage[s] - m.sessionCapacity[s])
            if g > 0 || lambda[s] > 0 { norm += g * g }
        }
        for g in groupSeats.indices {
            let d = Double(groupUse[g] - groupSeats[g])
            if d > 0 || mu[g] > 0 { norm += d * d }
        }
        norm += bookingPrices?.squaredNorm() ?? 0
        norm += isolation?.squaredNorm() ?? 0
        return norm
    }

    /// A Polyak step on every price, projected onto prices ≥ 0.
    mutating func subgradientStep(value: Double, norm: Double, usage: [Int32], groupUse: [Int], bookingPrices: inout BookingPrices?,
                                  isolation: inout IsolationPrices?, pricingIsolation: Bool, indices: inout [PatternIndex]) {
        let step = theta * max(1, upperBound - value) / norm
        for s in 0..<m.placementSessionCount {
            lambda[s] = max(0, lambda[s] + step * Double(usage[s] - m.sessionCapacity[s]))
        }
        for g in groupSeats.indices { mu[g] = max(0, mu[g] + step * Double(groupUse[g] - groupSeats[g])) }
        bookingPrices?.step(step, indices: &indices)
        if pricingIsolation { isolation!.step(step * IsolationPrices.stepScale, indices: &indices) }
    }

    /// The bundle's next trial point for the seat, group and interpreter-time prices; the
    /// booking prices take a subgradient step of `LowerBound.bundleBookingStep` of its `t`.
    mutating func bundleStep(value: Double, norm: Double, usage: [Int32], groupUse: [Int], bookingPrices: inout BookingPrices?,
                             indices: inout [PatternIndex]) {
        let placements = m.placementSessionCount
        let cut = bundleSubgradient(usage: usage, groupUse: groupUse, bookingPrices: bookingPrices)
        if bundle == nil {
            let slots = bookingPrices?.nu ?? []
            bundle = ProximalBundle(centre: Array(lambda[0..<placements]) + mu + slots, value: value, cut: cut,
                                    t: theta * max(1, upperBound - value) / norm)
        } else {
            bundle!.record(value: value, cut: cut)
        }
        bookingPrices?.step(LowerBound.bundleBookingStep * bundle!.t, indices: &indices, slots: false)
        let point = bundle!.trialPoint()
        for s in 0..<placements { lambda[s] = point[s] }
        for g in groupSeats.indices { mu[g] = point[placements + g] }
        bookingPrices?.setSlotPrices(point[(placements + groupSeats.count)...])
    }

    /// This step's subgradient of the prices the bundle sets (seats, groups, interpreter time,
    /// in that order), sparse.
    private func bundleSubgradient(usage: [Int32], groupUse: [Int], bookingPrices: BookingPrices?) -> (index: [Int32], value: [Double]) {
        let placements = m.placementSessionCount
        var index: [Int32] = [], value: [Double] = []
        for s in 0..<placements {
            let g = Double(usage[s] - m.sessionCapacity[s])
            if g != 0 && (g > 0 || lambda[s] > 0) { index.append(Int32(s)); value.append(g) }
        }
        for g in groupSeats.indices {
            let d = Double(groupUse[g] - groupSeats[g])
            if d != 0 && (d > 0 || mu[g] > 0) { index.append(Int32(placements + g)); value.append(d) }
        }
        bookingPrices?.slotSubgradient(offset: placements + groupSeats.count, index: &index, value: &value)
        return (index, value)
    }
}
