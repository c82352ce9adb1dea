/// The weekly target arithmetic of PROBLEM.md's `hoursShortfall`.
///
/// `R = max(0, ordered − completed)`, `W = max(1, ceil(days to deadline / 7))`,
/// `T = min(R, maxWeekly, max(minWeekly, R / W))`: spread what is left evenly over the weeks
/// remaining, never below the standard offer nor above the intensive maximum.
public struct WeeklyTarget: Sendable, Equatable {
    public let remainingHours: Double
    public let weeksLeft: Int
    public let minWeeklyHours: Double
    public let maxWeeklyHours: Double
    public let targetHours: Double

    public init(order: UnpaidWorkOrder, policy: Policy, weekStart: CalendarDay) {
        remainingHours = order.remainingHours
        let days = order.deadline.daysSinceEpoch - weekStart.daysSinceEpoch
        // ceil(days / 7) for any sign, in integers.
        let ceilWeeks = days >= 0 ? (days + 6) / 7 : -((-days) / 7)
        weeksLeft = max(1, ceilWeeks)
        minWeeklyHours = order.minWeeklyHours ?? policy.minWeeklyHours
        maxWeeklyHours = order.maxWeeklyHours ?? policy.maxWeeklyHours
        targetHours = min(remainingHours, maxWeeklyHours, max(minWeeklyHours, remainingHours / Double(weeksLeft)))
    }
}
