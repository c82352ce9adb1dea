/// Each person's share of the interpreter booking a session would need for them: a booking for
/// (session, language) serves at most N people — the seats, or the candidates of that language —
/// so charging each person 40/N never charges a booking more than it costs. Kept per (session,
/// language), not per candidate: on the densest regions a share per candidate was a sizeable part
/// of the bound's memory.
struct BookingShares: Sendable {
    private let share: [Double]
    private let stride: Int
    private let m: SolverModel

    init(_ m: SolverModel) {
        self.m = m
        let stride = m.languageStride
        self.stride = stride
        var users = Array(repeating: 0, count: m.placementSessionCount * stride)
        for c in 0..<m.pairCount where m.candNeedsBooking[c] {
            users[Int(m.candSession[c]) * stride + Int(m.interpreterLanguage[Int(m.candPerson[c])])] += 1
        }
        share = users.indices.map { k in
            users[k] == 0 ? 0 : m.weights.interpreterBooking / Double(max(1, min(Int(m.sessionCapacity[k / stride]), users[k])))
        }
    }

    /// The share of candidate `c` (0 when it needs no booking).
    subscript(c: Int) -> Double {
        guard m.candNeedsBooking[c] else { return 0 }
        return share[Int(m.candSession[c]) * stride + Int(m.interpreterLanguage[Int(m.candPerson[c])])]
    }
}
