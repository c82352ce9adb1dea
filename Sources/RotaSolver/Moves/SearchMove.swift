/// The moves of the local search (`AnnealingSearch`), and how often each is drawn. Each is a few
/// `SearchState` mutations recorded in the journal, kept or rolled back by the acceptance rule;
/// docs/SOLVER.md says what each does and why it is in the mix.
enum SearchMove: Int, CaseIterable, Sendable {
    /// A short person takes a candidate session (near ones first).
    case add
    /// A person gives up a session.
    case drop
    /// A person swaps one session for another candidate.
    case change
    /// A short person takes a seat in a full session; its occupant moves on or goes without.
    case eject
    /// From a free seat backwards: someone moves into it, and a short person takes their seat.
    case pull
    /// Two people exchange one session each.
    case swap
    /// Allocate, move or withdraw a programme starter.
    case starter
    /// Free the seats of a few sessions near a short person and refill them greedily.
    case ruinAndRecreate
    /// Two people of one isolation tag move together.
    case tagPair
    /// Two pairs of tagged people exchange their sessions.
    case pairSwap
    /// An interpreter's booking goes to a colleague free at that time.
    case rebook
    /// A person moves into a full session they prefer; one of its people moves on.
    case displace
    /// A booking with few users ends; they are refilled elsewhere.
    case dissolveBooking
    /// A person's whole week is replanned exactly with everyone else fixed.
    case replan
    /// A person and someone holding a seat they could use are replanned, the first one first.
    case replanPair
    /// A booking's users move together to another session of that day, and the booking with them.
    case relocateBooking

    /// Parts of the mix (of `totalWeight`): cheap moves keep the search fluid between the
    /// expensive ones (ruin, replan), which carry most of the improvement.
    var weight: Int {
        switch self {
        case .add: return 220
        case .drop: return 80
        case .change: return 150
        case .eject: return 120
        case .pull: return 60
        case .swap: return 100
        case .starter: return 50
        case .ruinAndRecreate: return 12
        case .tagPair: return 50
        case .pairSwap: return 50
        case .rebook: return 30
        case .displace: return 150
        case .dissolveBooking: return 30
        case .replan: return 30
        case .replanPair: return 30
        case .relocateBooking: return 30
        }
    }

    static let totalWeight = allCases.reduce(0) { $0 + $1.weight }
    private static let cumulative: [Int] = { var acc = 0; return allCases.map { acc += $0.weight; return acc } }()

    /// The move for a draw `r` in `0 ..< totalWeight`.
    static func drawn(_ r: Int) -> SearchMove {
        var i = 0
        while r >= cumulative[i] { i += 1 }
        return allCases[i]
    }
}
