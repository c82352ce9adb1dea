import RotaEngine

/// The comparison baseline: a greedy day-by-day fill like today's MoJ Community Payback
/// schedule builder — walk the week day by day, and on each day give each person, most urgent
/// deadline first, the first session that fits until their hours are covered. No optimisation
/// across people. Used only by `rota bench` to show what the search adds.
public enum GreedyDayFill {
    public static func solve(_ problem: Problem) -> Rota {
        let region = Region(problem)
        let model = SolverModel(region: region)
        var state = SearchState(model: model)
        for p in model.starters.map(Int.init) {
            for (k, g) in model.groupCandidates[p].enumerated() where state.canAllocate(p, group: Int(g)) {
                state.allocate(p, groupChoice: k)
                break
            }
        }
        let order = (0..<model.personCount).filter { model.hasOrder[$0] }.sorted {
            let a = problem.people[$0].upw!.deadline, b = problem.people[$1].upw!.deadline
            return a != b ? a < b : $0 < $1
        }
        for day in 0..<7 {
            for p in order where state.shortfallHours(p) > 1e-9 {
                for c in model.candidates(of: p) where Int(model.sessionDay[Int(model.candSession[c])]) == day {
                    if state.canAdd(p, candidate: c) {
                        state.add(p, candidate: c)
                        break
                    }
                }
            }
        }
        return state.rota()
    }
}
