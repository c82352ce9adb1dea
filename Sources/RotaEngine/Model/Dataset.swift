/// A region's standing data — people, placements, programmes, interpreters, policy — with no
/// week: the daemon keeps one for years, and each week's document (`Problem`) is made from it.
public struct Dataset: Sendable {
    public var policy: Policy
    public var people: [Person]
    public var placements: [Placement]
    public var programmes: [Programme]
    public var interpreters: [Interpreter]

    public init(policy: Policy = Policy(), people: [Person] = [], placements: [Placement] = [],
                programmes: [Programme] = [], interpreters: [Interpreter] = []) {
        self.policy = policy
        self.people = people
        self.placements = placements
        self.programmes = programmes
        self.interpreters = interpreters
    }

    /// The standing data of a problem document (its `weekStart` is dropped).
    public init(_ problem: Problem) {
        self.init(policy: problem.policy, people: problem.people, placements: problem.placements,
                  programmes: problem.programmes, interpreters: problem.interpreters)
    }

    /// The document of the week starting on the Monday `week`.
    public func document(week: CalendarDay) -> Problem {
        Problem(weekStart: week, policy: policy, people: people, placements: placements, programmes: programmes, interpreters: interpreters)
            .document(forWeek: week)
    }
}
