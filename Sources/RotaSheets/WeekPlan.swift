import RotaEngine

/// One week's rota as the people who carry it out read it: every session with its place, its
/// time and who attends, each attendee with the interpreter booked for them and whether they
/// need the crèche. What the CSV rota files, the calendars, the printable sheets and
/// `rota show` are all made from.
public struct WeekPlan: Sendable {
    /// Someone at a session.
    public struct Attendee: Sendable {
        public var person: Person
        /// True when the person needs an interpreter at this session (the staff do not speak
        /// their language).
        public var needsInterpreter: Bool
        /// Interpreters booked at the session in the person's language (when they need one).
        public var interpreters: [String]
        /// True when the person has dependants and the session is outside their childcare
        /// windows, so they rely on the crèche on site.
        public var needsCreche: Bool
    }

    /// Where a session runs.
    public enum Venue: Sendable {
        case placement(Placement)
        case group(Programme, ProgrammeGroup)

        public var id: String {
            switch self {
            case .placement(let p): return p.id
            case .group(_, let g): return g.id
            }
        }
        /// "Riverside Garden (Green Futures)" or "Thinking Skills Programme, group TSP-3".
        public var title: String {
            switch self {
            case .placement(let p): return p.name.isEmpty ? p.id : p.name
            case .group(let pr, let g): return "\(pr.name.isEmpty ? pr.id : pr.name), group \(g.id)"
            }
        }
        public var location: GeoPoint {
            switch self {
            case .placement(let p): return p.location
            case .group(_, let g): return g.location
            }
        }
    }

    /// One in-week session.
    public struct Sitting: Sendable {
        public var id: String
        public var interval: Interval
        /// Credited hours (0 for a programme session).
        public var hours: Double
        public var capacity: Int
        public var venue: Venue
        public var attendees: [Attendee]
    }

    public var weekStart: CalendarDay
    /// Every in-week session, by day, start and id.
    public var sittings: [Sitting]
    /// The people left short and the starters left without a group, with why.
    public var unmet: [UnmetNeed]
    public var people: [String: Person]

    /// The plan of `rota` in `problem` (the week's document). Entries naming unknown sessions
    /// or people are left out, as the scorer's rule 0 leaves them.
    public init(problem: Problem, rota: Rota) {
        let region = Region(problem)
        let occupancy = Occupancy(region: region, rota: ResolvedRota(rota, in: region))
        weekStart = problem.weekStart
        var people: [String: Person] = [:]
        for p in problem.people where people[p.id] == nil { people[p.id] = p }
        self.people = people
        var sittings: [Sitting] = []
        for (s, ref) in region.sessions.enumerated() {
            let venue: Venue
            if ref.placement >= 0 {
                venue = .placement(problem.placements[ref.placement])
            } else {
                let g = region.groups[ref.group]
                venue = .group(problem.programmes[g.programme], g.group)
            }
            let attendees = occupancy.attendees(ofSession: s).map { p -> Attendee in
                Attendee(person: region.people[p], needsInterpreter: region.needsBooking(person: p, session: s),
                         interpreters: occupancy.interpretersBooked(for: p, at: s).map { problem.interpreters[$0].id },
                         needsCreche: occupancy.reliesOnCreche(p, at: s))
            }.sorted { ($0.person.name ?? $0.person.id, $0.person.id) < ($1.person.name ?? $1.person.id, $1.person.id) }
            sittings.append(Sitting(id: ref.id, interval: ref.interval, hours: ref.hours,
                                    capacity: ref.group >= 0 ? region.groups[ref.group].group.capacity : ref.capacity,
                                    venue: venue, attendees: attendees))
        }
        sittings.sort { ($0.interval.day, $0.interval.start, $0.id) < ($1.interval.day, $1.interval.start, $1.id) }
        self.sittings = sittings
        unmet = UnmetExplainer(occupancy: occupancy).unmet()
    }

    /// The sessions a person attends, in time order.
    public func sittings(ofPerson id: String) -> [Sitting] {
        sittings.filter { $0.attendees.contains { $0.person.id == id } }
    }

    /// The sessions of a placement (or programme group), in time order.
    public func sittings(atVenue id: String) -> [Sitting] {
        sittings.filter { $0.venue.id == id }
    }

    /// A person's name as others read it: their name, else their id.
    public func displayName(_ id: String) -> String { people[id]?.name ?? id }
}
