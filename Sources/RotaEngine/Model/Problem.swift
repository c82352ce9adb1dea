/// The problem document of PROBLEM.md: one region's week.
public struct Problem: Sendable {
    public var weekStart: CalendarDay
    public var policy: Policy
    public var people: [Person]
    public var placements: [Placement]
    public var programmes: [Programme]
    public var interpreters: [Interpreter]

    public init(weekStart: CalendarDay, policy: Policy = Policy(), people: [Person] = [], placements: [Placement] = [],
                programmes: [Programme] = [], interpreters: [Interpreter] = []) {
        self.weekStart = weekStart
        self.policy = policy
        self.people = people
        self.placements = placements
        self.programmes = programmes
        self.interpreters = interpreters
    }

    /// True when `day` is inside `weekStart … weekStart + 6`.
    public func isInWeek(_ day: CalendarDay) -> Bool {
        day.daysSinceEpoch >= weekStart.daysSinceEpoch && day.daysSinceEpoch <= weekStart.daysSinceEpoch + 6
    }
}
