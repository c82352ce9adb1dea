import RotaEngine

extension Solver {
    /// A rota made for other data, fitted to `problem`: every entry that can stand is kept (in
    /// the rota's order), interpreters are booked where needed, and the rest is dropped; then
    /// the exact score and the unmet reasons. What `rota repair` prints, and what a generate
    /// stores when the data changed while it solved.
    public static func refit(_ rota: Rota, to problem: Problem) -> (rota: Rota, dropped: Int) {
        let region = Region(problem)
        let (state, skipped) = SearchState.loading(model: SolverModel(region: region), rota: ResolvedRota(rota, in: region))
        var fitted = state.rota()
        let occupancy = Occupancy(region: region, rota: ResolvedRota(fitted, in: region))
        fitted.score = Scorer.score(occupancy).reportedScore
        fitted.unmet = UnmetExplainer(occupancy: occupancy).unmet()
        fitted.access = AccessFigures(occupancy: occupancy)
        return (fitted, skipped.count)
    }
}
