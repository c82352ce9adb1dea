import Dispatch
import Foundation
import RotaEngine

/// Local search under simulated annealing (Kirkpatrick et al., 1983): a move that does not
/// worsen the rota is kept; one that worsens it by Δ is kept with probability e^(−Δ/T), the
/// temperature T cooling over the search's budget (`CoolingSchedule`).
///
/// Moves (each a few `SearchState` mutations, undone through the journal when rejected):
/// add, drop, change a session, swap two people's sessions, eject a person from a full session
/// into another of theirs (an ejection chain of length two), allocate / move / withdraw a starter,
/// move two people of one isolation tag together or exchange such pairs between two sessions,
/// displace someone from a full session a person would rather attend, hand a booking to a free
/// colleague, end a booking by refilling its few users elsewhere, replan a person's whole week
/// exactly, and ruin-and-recreate of a few sessions near a short person (Schrimpf et al., 2000).
/// Interpreter bookings follow the people: a booking is made with the first person of a language
/// in a session and released with the last, so moves that gather speakers of one language into one
/// session save a booking and are found by the same acceptance rule.
struct AnnealingSearch {
    var state: SearchState
    var rng: SplitMix64
    var journal = Journal()
    var schedule: CoolingSchedule
    var temperature: Double
    /// The search's time budget (uptime nanoseconds), over which the temperature cools when there
    /// is no move budget.
    var budgetStart: UInt64 = 0
    var budgetEnd: UInt64 = 0
    var iteration = 0
    var current: Double
    var best: Double
    var bestHeld: SearchState.Holdings
    var bestGroupOf: [Int32]
    var bestBookings: [Int32]
    var lastImprovement = 0
    /// People with unpaid work and at least one candidate.
    let allWorkers: [Int]
    /// Those of them this search may move (all, outside a partitioned epoch).
    var workers: [Int]
    /// Programme starters this search may allocate.
    var starters: [Int32]
    /// In an epoch of the partitioned search, the people this thread may move (nil: everyone).
    var owned: [Bool]? = nil
    /// This search may hand bookings between interpreters (in a partitioned epoch, the side with
    /// everyone who needs one: its bookings are the ones the halves merge with).
    var movesBookings = true
    /// The ruin that last refilled each person (`ruinAndRecreate` refills a person once).
    var refilledStamp: [UInt32]
    var ruinStamp: UInt32 = 0
    /// Per move kind, the improvements of the best rota it made (in the trace, `SolveOptions.trace`).
    var newBestGain = [Double](repeating: 0, count: SearchMove.allCases.count)
    /// Scratch for `replanMove`.
    var planner = WeekPlanner()

    init(state: SearchState, seed: UInt64) {
        self.state = state
        self.rng = SplitMix64(seed: seed)
        schedule = CoolingSchedule(weights: state.m.weights)
        temperature = schedule.start
        current = state.soft
        best = current
        bestHeld = state.holdings
        bestGroupOf = state.groupOf
        bestBookings = state.bookedInterpreter
        let m = state.m
        refilledStamp = Array(repeating: 0, count: m.personCount)
        allWorkers = (0..<m.personCount).filter { !m.candidates(of: $0).isEmpty }
        workers = allWorkers
        starters = m.starters
    }

    /// Runs until `deadline` (uptime nanoseconds) or `maxMoves` or a stall of `stallMoves`.
    mutating func run(deadline: UInt64, maxMoves: Int, stallMoves: Int, isCancelled: () -> Bool, progress: ((Double, Double) -> Void)?) {
        guard !workers.isEmpty || !starters.isEmpty else { finished = true; return }
        var lastReport = DispatchTime.now().uptimeNanoseconds
        if iteration >= maxMoves { finished = true }
        while iteration < maxMoves {
            if iteration & 1023 == 0 {
                let now = DispatchTime.now().uptimeNanoseconds
                if now >= deadline || isCancelled() { break }
                if let progress, now - lastReport > 500_000_000 {
                    lastReport = now
                    progress(current, best)
                }
                let spent = maxMoves < Int.max ? Double(iteration) / Double(maxMoves)
                    : Double(now &- budgetStart) / Double(max(1, budgetEnd &- budgetStart))
                // A half of a partitioned epoch stops on any stall: both halves stalled send the
                // solver on with the whole rota (a small region).
                if iteration - lastImprovement > stallMoves && (spent >= Self.coldShare || owned != nil) {
                    finished = true
                    break
                }
                temperature = schedule.temperature(at: spent)
            }
            step()
        }
        if iteration >= maxMoves { finished = true }
        trace?("trace: thread at move \(iteration), T \(temperature), best \(best), new-best gains by move \(SearchMove.allCases.map { "\($0)=\(Int(newBestGain[$0.rawValue]))" }.joined(separator: " "))\n")
        if current > best + 1e-9 { restoreBest() }
    }

    /// Stopped by the move budget or by stalling (not by the clock).
    var finished = false

    /// Continues from another search's rota (its best, already restored), keeping this search's
    /// random stream, move count and temperature.
    mutating func adopt(_ other: AnnealingSearch) {
        state = other.state
        current = state.soft
        best = other.best
        bestHeld = other.bestHeld
        bestGroupOf = other.bestGroupOf
        bestBookings = other.bestBookings
        bestSaved = other.bestSaved
    }

    /// Where trace lines go (`SolveOptions.trace`); nil: nowhere.
    var trace: (@Sendable (String) -> Void)?
    /// A stall ends the search only once this share of its budget has cooled: while it is hot,
    /// annealing wanders without new bests for millions of moves, and a longer limit (a slower
    /// schedule) used to stop small regions early with a worse rota than a shorter one
    /// (docs/experiments).
    static let coldShare = 0.7

    mutating func step() {
        iteration += 1
        let before = current
        journal.clear()
        var move = SearchMove.drawn(rng.below(SearchMove.totalWeight))
        // Every move but the starter's begins from a worker: a week where nobody can reach a
        // placement session (none fall in it, or none is near) still places its starters.
        if workers.isEmpty { move = .starter }
        let moved: Bool
        switch move {
        case .add: moved = addMove()
        case .drop: moved = dropMove()
        case .change: moved = changeMove()
        case .eject: moved = ejectMove()
        case .pull: moved = pullMove()
        case .swap: moved = swapMove()
        case .starter: moved = starterMove()
        case .ruinAndRecreate: moved = ruinAndRecreate()
        case .tagPair: moved = tagPairMove()
        case .pairSwap: moved = pairSwapMove()
        case .rebook: moved = rebookMove()
        case .displace: moved = displaceMove()
        case .dissolveBooking: moved = dissolveBookingMove()
        case .replan: moved = replanMove()
        case .replanPair: moved = replanPairMove()
        case .relocateBooking: moved = relocateBookingMove()
        }
        guard moved else { return }
        let after = state.soft
        if after <= before + 1e-9 || rng.unit() < exp((before - after) / temperature) {
            if after > before + 1e-9 && !bestSaved {
                // Leaving an unsaved best: step back, remember it, step forward again.
                let steps = journal.steps
                state.rollback(&journal)
                saveBest()
                state.replay(steps)
            }
            current = state.soft
            if after < best - 1e-9 {
                newBestGain[move.rawValue] += best - after
                best = after
                bestSaved = false
                lastImprovement = iteration
            }
        } else {
            state.rollback(&journal)
            current = state.soft
        }
    }

    var bestSaved = true

    mutating func saveBest() {
        bestHeld = state.holdings
        bestGroupOf = state.groupOf
        bestBookings = state.bookedInterpreter
        bestSaved = true
    }

    /// Rebuilds the best rota seen (the current one has drifted above it).
    mutating func restoreBest() {
        guard bestSaved else { return }  // the current rota is the best one
        state = SearchState.rebuild(model: state.m, held: bestHeld.lists, groupOf: bestGroupOf, bookings: bestBookings)
        current = state.soft
    }

    // MARK: Moves

    mutating func randomWorker() -> Int { workers[rng.below(workers.count)] }

    /// This search may move `q` (always, outside a partitioned epoch).
    @inline(__always) func mine(_ q: Int) -> Bool { owned?[q] ?? true }

    /// Starts an epoch from `base`: only the people of `owned` move (everyone when nil), and at
    /// most `seats` per session are filled.
    mutating func adopt(_ base: SearchState, owned: [Bool]?, seats: [Int32], movesBookings: Bool = true) {
        self.movesBookings = movesBookings
        state = base
        state.limitSeats(to: seats)
        current = state.soft
        best = current
        saveBest()
        self.owned = owned
        workers = owned.map { o in allWorkers.filter { o[$0] } } ?? allWorkers
        starters = owned.map { o in state.m.starters.filter { o[Int($0)] } } ?? state.m.starters
        lastImprovement = iteration
        finished = false
    }

    /// A worker short of target, tried a few times; else any worker.
    mutating func shortWorker() -> Int {
        for _ in 0..<8 {
            let p = randomWorker()
            if state.shortfallHours(p) > 1e-9 { return p }
        }
        return randomWorker()
    }

    /// A candidate of `p` for a move: most often (`cheapShare`) one of the few of lowest static
    /// cost (`SolverModel.cheapest`), else any. Candidate lists grow with the region while the
    /// sessions worth moving to stay the few nearby: a uniform draw in a large region mostly
    /// proposed a far session the move then rejected
    /// (granular neighbourhoods, Toth & Vigo 2003; measured in docs/experiments).
    mutating func randomCandidate(_ p: Int) -> Int {
        let r = state.m.candidates(of: p)
        let k = SolverModel.cheapestCount
        if r.count > k && rng.chance(Self.cheapShare) {
            return r.lowerBound + Int(state.m.cheapest[p * k + rng.below(k)])
        }
        return uniformCandidate(p)
    }

    static let cheapShare = 0.8

    /// Any candidate of `p`, uniformly: the ruin lands anywhere a short person could go.
    mutating func uniformCandidate(_ p: Int) -> Int {
        let r = state.m.candidates(of: p)
        return r.lowerBound + rng.below(r.count)
    }

    /// A random candidate that `p` holds now, or nil when they hold none.
    mutating func randomHeld(_ p: Int) -> Int? {
        let n = Int(state.heldCount[p])
        return n == 0 ? nil : state.heldCandidate(p, rng.below(n))
    }

    mutating func addMove() -> Bool {
        let p = shortWorker()
        let c = randomCandidate(p)
        guard state.canAdd(p, candidate: c) else { return false }
        state.add(p, candidate: c, journal: &journal)
        return true
    }

    mutating func dropMove() -> Bool {
        let p = randomWorker()
        guard let c = randomHeld(p) else { return false }
        state.remove(p, candidate: c, journal: &journal)
        return true
    }

    mutating func changeMove() -> Bool {
        let p = randomWorker()
        guard let old = randomHeld(p) else { return false }
        let c = randomCandidate(p)
        guard c != old else { return false }
        state.remove(p, candidate: old, journal: &journal)
        guard state.canAdd(p, candidate: c) else { state.rollback(&journal); return false }
        state.add(p, candidate: c, journal: &journal)
        return true
    }

    func candidateIndex(_ q: Int, session s: Int32) -> Int? { state.m.candidateIndex(q, session: s) }

    /// Someone in session `s`, at random, or nil when it is empty.
    mutating func randomAttendee(_ s: Int) -> Int? {
        let n = Int(state.headcount[s])
        return n == 0 ? nil : state.attendee(s, rng.below(n))
    }

    /// The candidate by which `q` holds a seat in session `s`, if they hold one.
    func heldCandidate(_ q: Int, at s: Int32) -> Int? {
        for k in 0..<Int(state.heldCount[q]) where state.m.candSession[state.heldCandidate(q, k)] == s { return state.heldCandidate(q, k) }
        return nil
    }

    /// Someone in session `s` other than `except` (of tag `t`, when given) who could attend
    /// `target`, searched from a random occupant: (person, their candidate for `target`).
    mutating func partner(in s: Int32, of t: Int32?, goingTo target: Int32, except: [Int]) -> (Int, Int)? {
        let m = state.m
        let n = Int(state.headcount[Int(s)])
        guard n > 0 else { return nil }
        let start = rng.below(n)
        for k in 0..<n {
            let o = state.attendee(Int(s), (start + k) % n)
            if !except.contains(o) && mine(o) && (t == nil || m.tag[o] == t), let cq = candidateIndex(o, session: target) { return (o, cq) }
        }
        return nil
    }

    /// A short person takes a seat in a session, the occupant moves to another of their candidates
    /// (or goes without, when that is cheaper overall).
    mutating func ejectMove() -> Bool {
        let p = shortWorker()
        let c = randomCandidate(p)
        let s = Int(state.m.candSession[c])
        guard let q = randomAttendee(s), q != p, mine(q), let cq = heldCandidate(q, at: Int32(s)) else { return false }
        state.remove(q, candidate: cq, journal: &journal)
        guard state.canAdd(p, candidate: c) else { state.rollback(&journal); return false }
        state.add(p, candidate: c, journal: &journal)
        // The ejected person keeps the best of a few alternatives if it helps.
        let alt = bestAlternative(for: q, after: cq)
        if alt.c >= 0 { state.add(q, candidate: alt.c, journal: &journal) }
        return true
    }

    /// The best of six random alternatives for `q`, who has just given up candidate `given`,
    /// against `start` (a candidate and its cost change; by default none, at no change). A few
    /// random alternatives beat a full scan for the best open seat (measured: the scan costs more
    /// moves than it saves; docs/experiments).
    mutating func bestAlternative(for q: Int, after given: Int, against start: (c: Int, d: Double) = (-1, 0)) -> (c: Int, d: Double) {
        var best = start
        for _ in 0..<6 {
            let alt = randomCandidate(q)
            guard alt != given, alt != best.c, state.canAdd(q, candidate: alt) else { continue }
            let d = state.addDelta(q, candidate: alt)
            if d < best.d { best = (alt, d) }
        }
        return best
    }

    /// A person moves to a full session they would rather attend (near ones first), and someone
    /// there moves on: to the seat the first person left when they can, else to the best of a
    /// few alternatives, or goes without. `change` cannot enter a full session and `swap` needs
    /// the occupant to fit the vacated seat exactly.
    mutating func displaceMove() -> Bool {
        let m = state.m
        let p = randomWorker()
        guard let cp = randomHeld(p) else { return false }
        let c = randomCandidate(p)
        let s = Int(m.candSession[c]), s0 = m.candSession[cp]
        guard Int32(s) != s0, !state.hasFreeSeat(s),
              let q = randomAttendee(s), q != p, mine(q), let cq = heldCandidate(q, at: Int32(s)) else { return false }
        state.remove(q, candidate: cq, journal: &journal)
        state.remove(p, candidate: cp, journal: &journal)
        guard state.canAdd(p, candidate: c) else { state.rollback(&journal); return false }
        state.add(p, candidate: c, journal: &journal)
        // The occupant takes the seat just left whatever it costs (the move is judged whole),
        // unless an alternative is cheaper; another alternative only if it helps.
        var start: (c: Int, d: Double) = (-1, 0)
        if let back = candidateIndex(q, session: s0), state.canAdd(q, candidate: back) { start = (back, state.addDelta(q, candidate: back)) }
        let alt = bestAlternative(for: q, after: cq, against: start)
        if alt.c >= 0 && (alt.d < 0 || alt.c == start.c) { state.add(q, candidate: alt.c, journal: &journal) }
        return true
    }

    /// A booking drawn at random — an interpreter, then one of their sessions — with its
    /// (session, language) key; nil when this search holds no bookings or drew an interpreter
    /// without one. Bookings belong to the thread that moves everyone needing an interpreter.
    mutating func randomBooking() -> (interpreter: Int, session: Int, key: Int)? {
        let m = state.m
        guard movesBookings, !m.interpreterAvailability.isEmpty else { return nil }
        let i = rng.below(m.interpreterAvailability.count)
        let sessions = state.interpreterSessions[i]
        guard !sessions.isEmpty else { return nil }
        let s = Int(sessions[rng.below(sessions.count)])
        let key = state.bookingKey(of: i, at: s)
        return key >= 0 ? (i, s, key) : nil
    }

    /// A placement session's booking drawn at random, with the people it serves, when they are
    /// all this search's and at most `most`; nil otherwise. (Group sessions' bookings serve
    /// enrolled members, who stay.)
    mutating func randomPlacementBooking(usersAtMost most: Int) -> (session: Int, language: Int32, users: [Int])? {
        let m = state.m
        guard let (_, s, key) = randomBooking(), s < m.placementSessionCount else { return nil }
        let l = Int32(key % state.L)
        var users: [Int] = []
        for q in state.attendees(of: s) where m.interpreterLanguage[Int(q)] == l && state.needsBooking(Int(q), s) {
            guard mine(Int(q)), users.count < most else { return nil }
            users.append(Int(q))
        }
        return users.isEmpty ? nil : (s, l, users)
    }

    /// Hands one interpreter's booking to a colleague free at that time. The cost stays the same
    /// (the move is always kept), but bookings are made first-fit as people come, so an
    /// interpreter of two languages can end up holding a session a colleague could cover while
    /// the one person who needs their other language that day is left with no hours; shuffling
    /// bookings lets an ordinary add find that interpreter free.
    mutating func rebookMove() -> Bool {
        guard let (i, s, key) = randomBooking() else { return false }
        let others = state.m.interpretersByLanguage[key % state.L]
        let start = rng.below(others.count)
        for k in 0..<others.count {
            let j = Int(others[(start + k) % others.count])
            if j != i && state.interpreterIsFree(j, for: s) {
                state.moveBooking(key, to: j, journal: &journal)
                return true
            }
        }
        return false
    }

    /// Ends one interpreter booking: the people it serves leave that session and are refilled
    /// elsewhere (where a colleague of their language is booked already, a session needing no
    /// interpreter, another day), judged as a whole. Moving them one at a time saves nothing
    /// until the last one leaves, so annealing seldom gathers a language's speakers by itself.
    mutating func dissolveBookingMove() -> Bool {
        guard let (s, _, served) = randomPlacementBooking(usersAtMost: Self.dissolvedBookingUsers) else { return false }
        var users = served
        for q in users { state.remove(q, candidate: heldCandidate(q, at: Int32(s))!, journal: &journal) }
        rng.shuffle(&users)
        state.fill(users, keepingOut: s, journal: &journal)
        return true
    }

    /// A booking with more users than this is left alone by `dissolveBookingMove`.
    static let dissolvedBookingUsers = 3

    /// A booking's users move together to another session of that day, and the booking with
    /// them; people there who need no interpreter of that language make room, one short speaker
    /// of it who could come joins them, and whoever made room or could not come is refilled.
    ///
    /// A session that takes one person more (a high-risk speaker the first session refuses, say)
    /// is reached only by moving the whole language group there: one at a time, the first to move
    /// pays a second booking and nobody gains until the last has moved (docs/experiments).
    mutating func relocateBookingMove() -> Bool {
        let m = state.m
        guard let (s, l, users) = randomPlacementBooking(usersAtMost: Self.relocatedBookingUsers) else { return false }
        // The new session: one of that day's a user could attend.
        var t = -1
        for _ in 0..<8 {
            let c = uniformCandidate(users[rng.below(users.count)])
            let u = Int(m.candSession[c])
            if u != s && u < m.placementSessionCount && m.sessionDay[u] == m.sessionDay[s] { t = u; break }
        }
        guard t >= 0 else { return false }
        for q in users { state.remove(q, candidate: heldCandidate(q, at: Int32(s))!, journal: &journal) }
        var refill: [Int] = []
        // Someone in `t` who needs no interpreter of this language gives up their seat.
        func makeRoom() -> Int? {
            guard !state.hasFreeSeat(t) else { return -1 }
            let n = Int(state.headcount[t])
            let first = rng.below(max(1, n))
            for k in 0..<n {
                let r = state.attendee(t, (first + k) % n)
                if m.interpreterLanguage[r] != l && mine(r), let cr = heldCandidate(r, at: Int32(t)) {
                    state.remove(r, candidate: cr, journal: &journal)
                    return r
                }
            }
            return nil
        }
        func join(_ q: Int, _ cq: Int) -> Bool {
            guard let r = makeRoom() else { return false }
            if state.canAdd(q, candidate: cq) {
                state.add(q, candidate: cq, journal: &journal)
                if r >= 0 { refill.append(r) }
                return true
            }
            // The seat made goes back to its holder, who just left it.
            if r >= 0 { state.add(r, candidate: candidateIndex(r, session: Int32(t))!, journal: &journal) }
            return false
        }
        for q in users {
            if let cq = candidateIndex(q, session: Int32(t)), join(q, cq) { continue }
            refill.append(q)
        }
        // A short speaker who could come, now that the booking is there, joins them.
        var followers: [(Int, Int)] = []
        for k in m.candidates(ofSession: t) {
            let cq = Int(m.sessionCand[k])
            let q = Int(m.candPerson[cq])
            if m.interpreterLanguage[q] == l && mine(q) && state.shortfallHours(q) > 1e-9 && !state.attends(Int32(q), t) { followers.append((q, cq)) }
        }
        if !followers.isEmpty {
            let (q, cq) = followers[rng.below(followers.count)]
            if let same = state.heldCandidates(q).first(where: { m.sessionDay[Int(m.candSession[Int($0)])] == m.sessionDay[t] }) {
                state.remove(q, candidate: Int(same), journal: &journal)
            }
            if !join(q, cq) { refill.append(q) }
        }
        state.fill(refill, keepingOut: t, journal: &journal)
        return true
    }

    /// A booking with more users than this is left alone by `relocateBookingMove`.
    static let relocatedBookingUsers = 8

    /// A person's whole week is planned again: every placement session they hold is given up and
    /// they take the week that costs least with everyone else's sessions as they are
    /// (`SearchState.bestWeek`). Never worse on its own, so always kept.
    mutating func replanMove() -> Bool {
        let p = rng.chance(0.5) ? shortWorker() : randomWorker()
        guard state.heldCount[p] > 0 || state.shortfallHours(p) > 1e-9 else { return false }
        giveUpWeek(p)
        return planWeek(p)
    }

    /// `p` gives up every placement session they hold.
    mutating func giveUpWeek(_ p: Int) {
        while state.heldCount[p] > 0 { state.remove(p, candidate: state.heldCandidate(p, 0), journal: &journal) }
    }

    /// `p`, holding no placement session, takes the week that costs least with everyone else's
    /// sessions as they are (`SearchState.bestWeek`); false, with the move rolled back, when a
    /// session of it does not fit.
    mutating func planWeek(_ p: Int) -> Bool {
        _ = state.bestWeek(for: p, using: &planner)
        for c in planner.chosen {
            guard state.canAdd(p, candidate: c) else { state.rollback(&journal); return false }
            state.add(p, candidate: c, journal: &journal)
        }
        return true
    }

    /// Two people's weeks are planned again: a person, and someone who holds a seat in a full
    /// session the person could take. Both give up every placement session; the person plans
    /// their week first, with that seat free, and the other plans theirs around it: the weeks a
    /// single replan cannot reach because a seat they need is held (measured in docs/experiments).
    mutating func replanPairMove() -> Bool {
        let m = state.m
        let p = rng.chance(0.5) ? shortWorker() : randomWorker()
        guard !m.candidates(of: p).isEmpty else { return false }
        var q = -1
        for _ in 0..<4 {
            let s = Int(m.candSession[randomCandidate(p)])
            guard !state.hasFreeSeat(s), state.headcount[s] > 0 else { continue }
            let r = state.attendee(s, rng.below(Int(state.headcount[s])))
            if r != p && mine(r) { q = r; break }
        }
        guard q >= 0 else { return false }
        giveUpWeek(p)
        giveUpWeek(q)
        return planWeek(p) && planWeek(q)
    }

    /// Works from a free seat backwards (an augmenting path of length two): someone who could use
    /// the free seat takes it, giving up one of their sessions, and a short person takes that one.
    mutating func pullMove() -> Bool {
        let m = state.m
        var f = -1
        for _ in 0..<4 {
            let s = rng.below(m.placementSessionCount)
            if state.hasFreeSeat(s) && !m.candidates(ofSession: s).isEmpty { f = s; break }
        }
        guard f >= 0 else { return false }
        let range = m.candidates(ofSession: f)
        let cq = Int(m.sessionCand[range.lowerBound + rng.below(range.count)])
        let q = Int(m.candPerson[cq])
        guard mine(q) else { return false }
        if state.canAdd(q, candidate: cq) {
            state.add(q, candidate: cq, journal: &journal)
            return true
        }
        guard let c0 = randomHeld(q) else { return false }
        state.remove(q, candidate: c0, journal: &journal)
        guard state.canAdd(q, candidate: cq) else { state.rollback(&journal); return false }
        state.add(q, candidate: cq, journal: &journal)
        let s0 = Int(m.candSession[c0])
        let back = m.candidates(ofSession: s0)
        var bestC = -1, bestD = 0.0
        for _ in 0..<min(8, back.count) {
            let c = Int(m.sessionCand[back.lowerBound + rng.below(back.count)])
            let p = Int(m.candPerson[c])
            guard p != q, mine(p), state.shortfallHours(p) > 1e-9, state.canAdd(p, candidate: c) else { continue }
            let d = state.addDelta(p, candidate: c)
            if d < bestD { bestD = d; bestC = c }
        }
        if bestC >= 0 { state.add(Int(m.candPerson[bestC]), candidate: bestC, journal: &journal) }
        return true
    }

    /// Two people exchange one session each.
    mutating func swapMove() -> Bool {
        let p = randomWorker()
        guard let cp = randomHeld(p) else { return false }
        let c = randomCandidate(p)
        let s2 = state.m.candSession[c]
        let s1 = state.m.candSession[cp]
        guard s1 != s2 else { return false }
        guard let q = randomAttendee(Int(s2)), q != p, mine(q), let cqOld = heldCandidate(q, at: s2), let cqNew = candidateIndex(q, session: s1) else { return false }
        return moveBoth(p, from: cp, to: c, q, from: cqOld, to: cqNew)
    }

    /// `p` and `q` each give up one session and take another, all or nothing.
    mutating func moveBoth(_ p: Int, from cp: Int, to c: Int, _ q: Int, from cq: Int, to cq2: Int) -> Bool {
        state.remove(p, candidate: cp, journal: &journal)
        state.remove(q, candidate: cq, journal: &journal)
        guard state.canAdd(p, candidate: c) else { state.rollback(&journal); return false }
        state.add(p, candidate: c, journal: &journal)
        guard state.canAdd(q, candidate: cq2) else { state.rollback(&journal); return false }
        state.add(q, candidate: cq2, journal: &journal)
        return true
    }

    /// The start of both pair moves: a worker, a seat they hold, another candidate of theirs in a
    /// different session, and someone of their tag beside them who could come along.
    mutating func sameTagPair() -> (p: Int, from: Int, to: Int, q: Int, qTo: Int)? {
        let m = state.m
        let p = randomWorker()
        guard let cp = randomHeld(p) else { return nil }
        let c = randomCandidate(p)
        let s1 = m.candSession[cp], s2 = m.candSession[c]
        guard s1 != s2, let (q, cq2) = partner(in: s1, of: m.tag[p], goingTo: s2, except: [p]) else { return nil }
        return (p, cp, c, q, cq2)
    }

    /// Two people with the same isolation tag leave one session together for another: a young
    /// adult (say) moved alone either leaves a companion isolated or arrives isolated, a barrier
    /// of one isolation (60) that single-person moves seldom cross.
    mutating func tagPairMove() -> Bool {
        guard let (p, cp, c, q, cq2) = sameTagPair(), let cq1 = heldCandidate(q, at: state.m.candSession[cp]) else { return false }
        return moveBoth(p, from: cp, to: c, q, from: cq1, to: cq2)
    }

    /// Two people of one tag and two of another exchange sessions: full work parties trade a
    /// pair for a pair without leaving anyone alone with their tag.
    mutating func pairSwapMove() -> Bool {
        let m = state.m
        guard let (p, cp, c, q, cq2) = sameTagPair() else { return false }
        let s1 = m.candSession[cp], s2 = m.candSession[c]
        guard let (u, cu1) = partner(in: s2, of: nil, goingTo: s1, except: [p, q]),
              let (v, cv1) = partner(in: s2, of: m.tag[u], goingTo: s1, except: [p, q, u]) else { return false }
        let leaving = [(p, cp), (q, heldCandidate(q, at: s1)!), (u, heldCandidate(u, at: s2)!), (v, heldCandidate(v, at: s2)!)]
        for (x, cx) in leaving { state.remove(x, candidate: cx, journal: &journal) }
        for (x, cx) in [(p, c), (q, cq2), (u, cu1), (v, cv1)] {
            guard state.canAdd(x, candidate: cx) else { state.rollback(&journal); return false }
            state.add(x, candidate: cx, journal: &journal)
        }
        return true
    }

    /// Allocates, moves or withdraws a starter. A group whose sessions overlap placement sessions
    /// the starter holds takes their place, and the starter's week is refilled around the group
    /// (or, withdrawn, on the days it leaves): a starter with unpaid work otherwise keeps the
    /// week they have, and the group they would be better off in stays out of reach.
    mutating func starterMove() -> Bool {
        let m = state.m
        guard !starters.isEmpty else { return false }
        let p = Int(starters[rng.below(starters.count)])
        guard !m.groupCandidates[p].isEmpty else { return false }
        if state.groupOf[p] >= 0 {
            state.deallocate(p, journal: &journal)
            if rng.chance(0.3) { state.fill(p, journal: &journal); return true }
        }
        let k = rng.below(m.groupCandidates[p].count)
        let g = Int(m.groupCandidates[p][k])
        let clashing = state.heldCandidates(p).filter { c in m.groupSessions[g].contains { m.overlaps(Int($0), Int(m.candSession[Int(c)])) } }
        for c in clashing { state.remove(p, candidate: Int(c), journal: &journal) }
        guard state.canAllocate(p, group: g) else {
            if journal.steps.isEmpty { return false }
            state.rollback(&journal)
            return false
        }
        state.allocate(p, groupChoice: k, journal: &journal)
        state.fill(p, journal: &journal)
        return true
    }

    /// Frees every seat of a few sessions near a short person and refills greedily from the freed
    /// people and from other short people, in random order.
    mutating func ruinAndRecreate() -> Bool {
        let m = state.m
        guard !workers.isEmpty else { return false }
        // Anchor on a candidate session of a short person, so the ruin lands where it matters.
        let anchorPerson = shortWorker()
        let anchor = Int(m.candSession[uniformCandidate(anchorPerson)])
        var freed: [Int] = []
        for s in ruinedSessions(around: anchorPerson, anchor: anchor) {
            for q in Array(state.attendees(of: Int(s))) {
                let qi = Int(q)
                if mine(qi), let c = heldCandidate(qi, at: s) {
                    state.remove(qi, candidate: c, journal: &journal)
                    freed.append(qi)
                }
            }
        }
        var pool = freed
        pool.append(anchorPerson)
        for _ in 0..<4 { pool.append(shortWorker()) }
        // Shuffle, then greedy best-improving refill.
        rng.shuffle(&pool)
        // Each person refilled once: a stamp per person, not a Set (hashing was a good part of
        // a ruin's time).
        ruinStamp &+= 1
        for p in pool where refilledStamp[p] != ruinStamp {
            refilledStamp[p] = ruinStamp
            state.fill(p, journal: &journal)
        }
        return !journal.steps.isEmpty
    }

    /// Which sessions a ruin frees: most often (`sameDayRuinShare`) up to four of the anchor
    /// person's candidate sessions on the anchor's day, where seats change hands between nearby
    /// placements (one session a day makes those people interchangeable); otherwise every session
    /// of the anchor's placement this week, where people trade days. Measured in docs/experiments.
    mutating func ruinedSessions(around p: Int, anchor: Int) -> [Int32] {
        let m = state.m
        guard rng.chance(Self.sameDayRuinShare) else { return m.placementSessions[m.region.sessions[anchor].placement] }
        var ruined = [Int32(anchor)]
        let day = m.sessionDay[anchor]
        for _ in 0..<8 where ruined.count < 4 {
            let s = m.candSession[uniformCandidate(p)]
            if m.sessionDay[Int(s)] == day && !ruined.contains(s) { ruined.append(s) }
        }
        return ruined
    }

    static let sameDayRuinShare = 0.7
}
