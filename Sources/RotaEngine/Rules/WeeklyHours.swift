/// Rule 11 of PROBLEM.md (hours) as arithmetic on one person's week, in one place for the
/// scorer, the explanations, the search, its exact week planner and the bound: the weekly
/// maximum, and "no superfluous session" — without its shortest session the week must still
/// fall short of the hours the person has left, or that session was not needed. Hours are sums
/// of quarter hours in doubles, so every comparison allows `tolerance`.
public enum WeeklyHours {
    public static let tolerance = 1e-9

    /// True when `total` hours pass the weekly `maximum`.
    @inlinable public static func exceedsMaximum(_ total: Double, maximum: Double) -> Bool {
        total > maximum + tolerance
    }

    /// True when a week of `total` hours whose shortest session lasts `shortest` would reach
    /// the `remaining` hours without that session.
    @inlinable public static func hasSuperfluousSession(_ total: Double, shortest: Double, remaining: Double) -> Bool {
        total - shortest >= remaining - tolerance
    }

    /// True when a week of `total` hours with its shortest session `shortest` keeps the rule.
    @inlinable public static func allows(_ total: Double, shortest: Double, maximum: Double, remaining: Double) -> Bool {
        !exceedsMaximum(total, maximum: maximum) && !hasSuperfluousSession(total, shortest: shortest, remaining: remaining)
    }
}
