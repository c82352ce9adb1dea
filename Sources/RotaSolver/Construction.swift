import RotaEngine

/// The first rota: people hardest to place go first, each taking the sessions that lower the
/// cost most until their weekly target is met or nothing feasible is left.
///
/// Hardest first means: fewest candidate sessions (interpreter needs, women-only, childcare,
/// high risk and weekday jobs all shrink that list), then the most hours to find this week.
enum Construction {
    static func build(_ state: inout SearchState) {
        let m = state.m
        // Starters: fewest candidate groups first.
        let starters = m.starters.map(Int.init).sorted { (m.groupCandidates[$0].count, $0) < (m.groupCandidates[$1].count, $1) }
        for p in starters where state.groupOf[p] < 0 { placeStarter(&state, p) }
        // Unpaid work.
        var order: [Int] = []
        for p in 0..<m.personCount where !m.candidates(of: p).isEmpty && m.target[p] > 0 { order.append(p) }
        order.sort { a, b in
            let ca = m.candidates(of: a).count, cb = m.candidates(of: b).count
            if ca != cb { return ca < cb }
            if m.target[a] != m.target[b] { return m.target[a] > m.target[b] }
            return a < b
        }
        for p in order { state.fill(p) }
    }

    static func placeStarter(_ state: inout SearchState, _ p: Int) {
        var best = -1, bestDelta = 0.0
        for k in state.m.groupCandidates[p].indices where state.canAllocate(p, group: Int(state.m.groupCandidates[p][k])) {
            let d = state.allocateDelta(p, groupChoice: k)
            if d < bestDelta { best = k; bestDelta = d }
        }
        if best >= 0 { state.allocate(p, groupChoice: best) }
    }
}
