/// The hard rules of PROBLEM.md that depend on the rest of the rota — who else holds a seat,
/// what else the person does that week, which interpreters are booked — stated once, for the
/// question the search and the explanations both ask: may person `p` take one more placement
/// session `s`?
///
/// `Barriers` is the home of the rules that depend on the person and the session alone; this is
/// the home of the rest. The search (`SearchState`, on compact integer tables) and the
/// explanations (`Occupancy`, on the resolved rota) each answer the few facts a rule needs
/// (`RotaView`); which facts make each rule, their arithmetic and the order they are tried in
/// live here, so `canAdd` and `explain` cannot drift apart. The scorer, which counts breaches in
/// a whole rota rather than asking about one more seat, shares the arithmetic
/// (`seatsSuffice`, `WeeklyHours`) and `Occupancy`'s tables.
public enum RotaRule: Int, CaseIterable, Sendable, Comparable {
    /// Rule 1: a free seat.
    case capacity
    /// Rule 3: no other unpaid-work session that day.
    case oneSessionPerDay
    /// Rule 2: no overlap with one of the person's programme sessions.
    case programmeClash
    /// Rule 11: the weekly maximum, and no superfluous session.
    case hours
    /// Rule 7: nobody in the session the person must not meet.
    case nonAssociation
    /// Rule 5: an interpreter of their language booked there already, or one free to book.
    case interpreterFree

    /// The rule of PROBLEM.md this is a part of.
    public var hardRule: HardRule {
        switch self {
        case .capacity: return .capacity
        case .oneSessionPerDay: return .oneSessionPerDay
        case .programmeClash: return .availability
        case .hours: return .hours
        case .nonAssociation: return .nonAssociation
        case .interpreterFree: return .interpreter
        }
    }

    public static func < (a: RotaRule, b: RotaRule) -> Bool { a.rawValue < b.rawValue }

    /// Rule 1's arithmetic: `taken` seats fit within `limit`. The scorer asks it of a session as
    /// it stands, the search and the explanations of the session with one more.
    @inlinable public static func seatsSuffice(_ taken: Int, limit: Int) -> Bool { taken <= limit }
}

/// What a rota answers for `RotaRule`: the facts of one person's week and one session's seats.
/// Sessions are placement sessions (indices into `Region.sessions`); people index `Region.people`.
public protocol RotaView {
    /// People holding a seat in session `s`.
    func seatsTaken(_ s: Int) -> Int
    /// Seats this rota may fill in session `s` (the session's capacity, or a search thread's share).
    func seatLimit(_ s: Int) -> Int
    /// True when `p` holds a placement session on the day of session `s`.
    func worksOnDay(of s: Int, person p: Int) -> Bool
    /// True when one of `p`'s programme sessions overlaps session `s`.
    func programmeOverlaps(_ s: Int, person p: Int) -> Bool
    /// Hours of the placement sessions `p` holds.
    func hoursHeld(_ p: Int) -> Double
    /// Hours of the shortest placement session `p` holds (`.infinity` when none).
    func shortestHeld(_ p: Int) -> Double
    func sessionHours(_ s: Int) -> Double
    /// `p`'s weekly maximum and the hours left on their order (`Region`'s figures).
    func maximumHours(_ p: Int) -> Double
    func remainingHours(_ p: Int) -> Double
    /// Someone `p` must not meet who attends session `s`, or nil.
    func nonAssociateAttending(_ s: Int, of p: Int) -> Int?
    /// True when `p` needs no interpreter at `s`, one is booked there for their language, or one
    /// of that language is free to book for the whole session.
    func interpreterAssured(for p: Int, at s: Int) -> Bool
}

extension RotaView {
    /// True when placement session `s` has a seat for one more (rule 1).
    @inlinable public func hasFreeSeat(_ s: Int) -> Bool { RotaRule.seatsSuffice(seatsTaken(s) + 1, limit: seatLimit(s)) }

    /// True when `rule` lets `p` take one more placement session `s`.
    @inlinable public func admits(_ rule: RotaRule, person p: Int, session s: Int) -> Bool {
        switch rule {
        case .capacity:
            return hasFreeSeat(s)
        case .oneSessionPerDay:
            return !worksOnDay(of: s, person: p)
        case .programmeClash:
            return !programmeOverlaps(s, person: p)
        case .hours:
            let h = sessionHours(s)
            return WeeklyHours.allows(hoursHeld(p) + h, shortest: min(shortestHeld(p), h),
                                      maximum: maximumHours(p), remaining: remainingHours(p))
        case .nonAssociation:
            return nonAssociateAttending(s, of: p) == nil
        case .interpreterFree:
            return interpreterAssured(for: p, at: s)
        }
    }

    /// True when every rule lets `p` take one more placement session `s`, trying the cheap and
    /// commonly failing ones first.
    @inlinable public func admitsEveryRule(person p: Int, session s: Int) -> Bool {
        // Spelled out rather than a loop over `allCases`, so each `admits` folds to its own case
        // in the search's hot loop.
        admits(.capacity, person: p, session: s) && admits(.oneSessionPerDay, person: p, session: s)
            && admits(.programmeClash, person: p, session: s) && admits(.hours, person: p, session: s)
            && admits(.nonAssociation, person: p, session: s) && admits(.interpreterFree, person: p, session: s)
    }

    /// Every rule that keeps `p` from one more placement session `s`, in `RotaRule` order.
    public func blockingRules(person p: Int, session s: Int) -> [RotaRule] {
        RotaRule.allCases.filter { !admits($0, person: p, session: s) }
    }
}
