import RotaEngine

/// Everything derived from one week's rota and the current dataset, built once and reused by
/// every query until either changes — what makes `allocation.check` cheap.
final class WeekView: @unchecked Sendable {
    let region: Region
    let resolved: ResolvedRota
    let occupancy: Occupancy
    let report: ScoreReport
    /// Violation indices by the session or group id they name.
    let violationsBySession: [String: [Int]]
    /// The solver's model and the stored rota's search state, built on the first reschedule.
    private(set) lazy var search = WeekSearch(region: region, rota: resolved)

    init(problem: Problem, rota: Rota) {
        region = Region(problem)
        resolved = ResolvedRota(rota, in: region)
        occupancy = Occupancy(region: region, rota: resolved)
        report = Scorer.score(occupancy)
        var by: [String: [Int]] = [:]
        for (i, v) in report.violations.enumerated() {
            for s in Set(v.sessions) { by[s, default: []].append(i) }
        }
        violationsBySession = by
    }
}
