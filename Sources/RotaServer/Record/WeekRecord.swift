import RotaEngine

/// One difference from a published rota: a reschedule, or a forced change of the dataset that
/// touched the week — who made it, when, and what it did to whom.
public struct RotaChange: Sendable, Equatable {
    public var at: String
    public var personId: String
    public var added: [String]
    public var removed: [String]
    public var note: String
    public var actor: Actor
    public init(at: String, personId: String, added: [String], removed: [String], note: String, actor: Actor) {
        self.at = at
        self.personId = personId
        self.added = added
        self.removed = removed
        self.note = note
        self.actor = actor
    }
}

/// Everything the daemon keeps about one week.
public struct WeekRecord: Sendable {
    public var weekStart: CalendarDay
    public var rota: Rota
    public var published: Bool
    /// Changes since publication, oldest first.
    public var changes: [RotaChange]
    public init(weekStart: CalendarDay, rota: Rota, published: Bool = false, changes: [RotaChange] = []) {
        self.weekStart = weekStart
        self.rota = rota
        self.published = published
        self.changes = changes
    }
}
