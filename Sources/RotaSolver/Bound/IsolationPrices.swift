/// Lagrangian prices on isolation, for `LowerBound`.
///
/// Isolation is not a function of seat counts alone: a work party of four adults and one older
/// person costs 60, of three and two nothing, and any price on counts is met by mixing the two. So
/// the bound prices each person's side of it. For a tagged person p in a work-party session s
/// (capacity c ≥ 3), with n the session's people of p's tag and N all its people:
///
///     iso(s, tag) ≥ x(p, s) − (n − x(p, s)) − (c − N) / (c − 2)
///
/// holds for every rota (alone with their tag in three or more people: 1 − something below 1;
/// with a companion, or in a session of two: at most 0). A price β(p, s) ≥ 0 on it, with the
/// prices of one (session, tag) summing to at most the isolation weight, charges p 2β − B(tag)
/// for attending, where B sums the prices of that tag there, and everyone attending B(all)/(c − 2);
/// the bound gives back β·c/(c − 2). A lone older person in a full work party then pays β,
/// and another older person is paid to join them: the bound learns what pairing costs.
///
/// Only people whose week takes s get a price that grows, so the prices are kept for the few
/// (person, session) pairs that have been alone with their tag, in the pattern indices' slots.
struct IsolationPrices {
    let stride: Int
    /// Sessions whose isolation is priced: work parties of three seats or more.
    let priced: [Bool]
    let capacity: [Double]
    let weight: Double
    /// Per (session, tag) key, Σβ; per session, Σβ over its tags.
    private var tagSum: [Double]
    private var sessionSum: [Double]
    /// The priced pairs: their slice's pattern index and slot there, their key and price.
    private var pairSlice: [Int] = []
    private var pairSlot: [Int] = []
    private var pairKey: [Int] = []
    private var beta: [Double] = []
    private var pairOf: [Int: Int] = [:]
    /// This step: per pair, chosen or not; per key, the people of that tag in the session;
    /// per session, all of its people (from the seat usage).
    private var chosenStep: [Bool] = []
    private var tagCount: [Int32]
    private var gradient: [Double] = []

    /// The prices' steps are this fraction of the seat prices' (Polyak) step: full steps kept the
    /// bound lower (measured in docs/experiments).
    static let stepScale = 0.3

    init(_ m: SolverModel) {
        stride = m.tagCount + 1
        priced = (0..<m.sessionCount).map { Self.isPriced(m, session: $0) }
        capacity = m.sessionCapacity.map(Double.init)
        weight = m.weights.isolation
        tagSum = Array(repeating: 0, count: m.sessionCount * stride)
        sessionSum = Array(repeating: 0, count: m.sessionCount)
        tagCount = Array(repeating: 0, count: m.sessionCount * stride)
    }

    /// Isolation is priced in work parties of three seats or more.
    static func isPriced(_ m: SolverModel, session s: Int) -> Bool {
        s < m.placementSessionCount && m.sessionIsWorkParty[s] && m.sessionCapacity[s] >= 3
    }

    /// Seat prices λ per session expanded to prices per (session, tag) key, with each key's
    /// isolation part: −B(tag) + B(all)/(c − 2).
    func keyPrices(_ lambda: [Double]) -> [Double] {
        var out = Array(repeating: 0.0, count: lambda.count * stride)
        for s in lambda.indices {
            let extra = priced[s] && sessionSum[s] > 0 ? sessionSum[s] / (capacity[s] - 2) : 0
            for t in 0..<stride { out[s * stride + t] = lambda[s] + extra - tagSum[s * stride + t] }
        }
        return out
    }

    /// Records this step's weeks — per slice, the (slot, key) pairs people chose in priced
    /// sessions, with a tag of their own — and returns the isolation side of the bound:
    /// −Σβ·c/(c − 2).
    mutating func settle(chosen: [[(slot: Int32, key: Int32)]], usage: [Int32]) -> Double {
        for k in tagCount.indices { tagCount[k] = 0 }
        for part in chosen { for pick in part { tagCount[Int(pick.key)] += 1 } }
        for j in chosenStep.indices { chosenStep[j] = false }
        var fresh: [(slice: Int, slot: Int, key: Int)] = []
        for (slice, part) in chosen.enumerated() {
            for pick in part {
                if let j = pairOf[slice << 32 | Int(pick.slot)] { chosenStep[j] = true; continue }
                // A new pair earns a price only once alone with their tag.
                if tagCount[Int(pick.key)] == 1 { fresh.append((slice, Int(pick.slot), Int(pick.key))) }
            }
        }
        for f in fresh {
            pairOf[f.slice << 32 | f.slot] = beta.count
            pairSlice.append(f.slice); pairSlot.append(f.slot); pairKey.append(f.key)
            beta.append(0)
            chosenStep.append(true)
        }
        gradient.removeAll(keepingCapacity: true)
        for j in beta.indices {
            let key = pairKey[j], s = key / stride
            let escape = (capacity[s] - Double(usage[s])) / (capacity[s] - 2)
            let x = chosenStep[j] ? 1.0 : 0.0
            gradient.append(x - (Double(tagCount[key]) - x) - escape)
        }
        var value = 0.0
        for s in sessionSum.indices where sessionSum[s] > 0 { value -= sessionSum[s] * capacity[s] / (capacity[s] - 2) }
        return value
    }

    /// Σ g² over the prices that can move (for the Polyak step).
    func squaredNorm() -> Double {
        var norm = 0.0
        for j in beta.indices where gradient[j] > 0 || beta[j] > 0 { norm += gradient[j] * gradient[j] }
        return norm
    }

    /// One subgradient step of length `step`; each (session, tag)'s prices are scaled back to the
    /// isolation weight when they pass it. Slots' costs change by 2Δβ.
    mutating func step(_ step: Double, indices: inout [PatternIndex]) {
        var next = beta
        for j in beta.indices { next[j] = max(0, beta[j] + step * gradient[j]) }
        var sums: [Int: Double] = [:]
        for j in beta.indices where next[j] > 0 { sums[pairKey[j], default: 0] += next[j] }
        for j in beta.indices where next[j] > 0 {
            let sum = sums[pairKey[j]]!
            if sum > weight { next[j] *= weight / sum }
        }
        for j in beta.indices where next[j] != beta[j] {
            let change = next[j] - beta[j]
            indices[pairSlice[j]].shift(slot: pairSlot[j], by: 2 * change)
            tagSum[pairKey[j]] += change
            sessionSum[pairKey[j] / stride] += change
            beta[j] = next[j]
        }
    }
}
