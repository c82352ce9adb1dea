import Foundation
import RotaEngine

/// The temperature of the annealing search: geometric from `start` to `end` over the search's
/// budget — its time, or its moves when a move budget is set (so a one-thread run with a budget
/// is repeatable).
///
/// Temperatures are in units of the hours-shortfall weight (an hour short), so a policy that
/// scales its weights scales the schedule with them. Start 0.07 and end 0.003 of an hour were
/// chosen on generated regions of every size (docs/experiments): a move that worsens the rota by
/// a tenth of an hour is taken with probability e^(−1.4) at the start and practically never at
/// the end.
struct CoolingSchedule: Sendable {
    var start: Double
    var end: Double

    /// The default start and end, in hours short.
    static let startHours = 0.07
    static let endHours = 0.003

    init(weights: CostWeights, startHours: Double = Self.startHours, endHours: Double = Self.endHours) {
        let hour = weights.hoursShortfall > 0 ? weights.hoursShortfall : 100
        start = startHours * hour
        end = endHours * hour
    }

    /// The temperature after `fraction` (0…1) of the budget.
    func temperature(at fraction: Double) -> Double {
        start * pow(end / start, min(1, max(0, fraction)))
    }

}
