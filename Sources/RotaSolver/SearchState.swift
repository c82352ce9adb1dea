import RotaEngine

/// A rota under construction, with its soft cost kept up to date move by move.
///
/// Every mutation (`add`, `remove`, `allocate`, `deallocate`) keeps every hard rule — callers ask
/// `canAdd` / `canAllocate` first — and returns the exact change in soft cost, computed from what
/// the move touches: the person's hours, the session's headcount and tags, and the interpreter
/// booking of that session and language. A rota is never rescored as a whole during the search.
public struct SearchState: Sendable {
    public let m: SolverModel
    let L: Int
    let T: Int

    // Placement decisions. Lists live in flat arrays of fixed slots, not arrays of arrays: every
    // move edits them, and nested arrays paid a uniqueness check, reference counts and a copy
    // of the outer array whenever a state was copied (docs/experiments).
    /// Candidate indices (into `m.candSession`) each person holds: `heldCount[p]` of them from
    /// slot `p * maxHeld` (one session a day, so at most seven).
    private(set) var heldSlots: [Int32]
    public private(set) var heldCount: [UInt8]
    static let maxHeld = 7
    public private(set) var hours: [Double]
    var dayMask: [UInt8]
    /// People per placement session: `headcount[s]` of them from slot `m.seatStart[s]`
    /// (group sessions use `groupMembers`).
    private(set) var attendeeSlots: [Int32]
    /// How many attend each session: the capacity test is the first and commonest in `canAdd`.
    public private(set) var headcount: [Int32]
    /// Placement sessions with a free seat, as a bitset (see `CandidateBitsets`).
    var openSessions: [UInt64]
    /// Seats this rota may fill per session: the model's capacity, or a thread's share of the free
    /// seats in an epoch of the partitioned search (`limitSeats`).
    public private(set) var capacity: [Int32]
    var tagCounts: [Int16]
    var uniqueTagged: [Int16]

    // Programme decisions.
    public private(set) var groupOf: [Int32]
    public private(set) var groupMembers: [[Int32]]

    // Interpreter bookings, per (session, language): the interpreter booked (-1) and how many need it.
    public private(set) var bookedInterpreter: [Int32]
    var needCount: [Int32]
    /// Sessions each interpreter is booked for.
    var interpreterSessions: [[Int32]]
    public private(set) var bookingCount = 0
    /// When set, a new booking of (session, language) takes this interpreter if free: used to
    /// rebuild a saved rota with exactly its bookings (first-fit in another order might not fit).
    var bookingPlan: [Int32]?

    // Cost terms (weighted), so that `soft` is a sum of a few numbers.
    public private(set) var shortfallCost = 0.0
    public private(set) var assignmentCost = 0.0
    public private(set) var starterCost = 0.0
    public private(set) var isolationCount = 0
    public private(set) var unplacedStarters = 0
    /// Fixed-need bookings that could not be made: the input forces these violations.
    public private(set) var unbookableFixedNeeds = 0

    public var soft: Double {
        m.fixedCost + shortfallCost + assignmentCost + starterCost
            + Double(bookingCount) * m.weights.interpreterBooking
            + Double(isolationCount) * m.weights.isolation
            + Double(unplacedStarters) * m.weights.starterUnplaced
    }

    /// An empty rota. With `plan`, every booking it makes (enrolled members' fixed sessions now,
    /// others as people are added) takes the plan's interpreter when free, until the plan is
    /// cleared: a rota is rebuilt with exactly its own bookings, fixed ones included (the rebook
    /// move hands those on too, so first-fit could give a fixed session an interpreter the plan
    /// has elsewhere).
    public init(model m: SolverModel, bookings plan: [Int32]? = nil) {
        self.m = m
        L = m.languageStride
        T = max(1, m.tagCount)
        heldSlots = Array(repeating: -1, count: m.personCount * Self.maxHeld)
        heldCount = Array(repeating: 0, count: m.personCount)
        hours = Array(repeating: 0, count: m.personCount)
        dayMask = Array(repeating: 0, count: m.personCount)
        attendeeSlots = Array(repeating: -1, count: Int(m.seatStart[m.placementSessionCount]))
        headcount = Array(repeating: 0, count: m.sessionCount)
        openSessions = Array(repeating: 0, count: m.candidateBits.words)
        capacity = m.sessionCapacity
        tagCounts = Array(repeating: 0, count: m.sessionCount * T)
        uniqueTagged = Array(repeating: 0, count: m.sessionCount)
        groupOf = Array(repeating: -1, count: m.personCount)
        groupMembers = m.enrolledMembers
        bookedInterpreter = Array(repeating: -1, count: m.sessionCount * L)
        needCount = Array(repeating: 0, count: m.sessionCount * L)
        interpreterSessions = Array(repeating: [], count: m.interpreterAvailability.count)
        unplacedStarters = m.starters.count
        for p in 0..<m.personCount where m.hasOrder[p] {
            shortfallCost += max(0, m.target[p]) * m.weights.hoursShortfall
        }
        // Enrolled members who need an interpreter at their fixed group sessions.
        bookingPlan = plan
        for (g, members) in m.enrolledMembers.enumerated() {
            for p in members where m.interpreterLanguage[Int(p)] >= 0 {
                for s in m.groupSessions[g] where needsBooking(Int(p), Int(s)) {
                    if !addNeed(Int(s), Int(m.interpreterLanguage[Int(p)])) { unbookableFixedNeeds += 1 }
                }
            }
        }
        limitSeats(to: capacity)
    }

    // MARK: Lists

    /// The candidates `p` holds.
    public func heldCandidates(_ p: Int) -> ArraySlice<Int32> { heldSlots[Self.heldRange(p, heldCount[p])] }

    /// The slots of `p`'s `count` held candidates.
    @inline(__always) static func heldRange(_ p: Int, _ count: UInt8) -> Range<Int> { p * maxHeld ..< p * maxHeld + Int(count) }

    /// The `k`-th candidate `p` holds (k < `heldCount[p]`).
    @inline(__always) public func heldCandidate(_ p: Int, _ k: Int) -> Int { Int(heldSlots[p * Self.maxHeld + k]) }

    /// Every person's candidates, as lists (for merging and rebuilding rotas, not for moves).
    public var held: [[Int32]] { holdings.lists }

    /// What everyone holds, in the state's own flat form: saving it costs one shared copy.
    public var holdings: Holdings { Holdings(slots: heldSlots, count: heldCount) }

    public struct Holdings: Sendable {
        let slots: [Int32]
        let count: [UInt8]
        /// Per person, the candidates held.
        public var lists: [[Int32]] {
            count.indices.map { p in Array(slots[SearchState.heldRange(p, count[p])]) }
        }
    }

    /// The people in placement session `s`.
    public func attendees(of s: Int) -> ArraySlice<Int32> {
        let first = Int(m.seatStart[s])
        return attendeeSlots[first ..< first + Int(headcount[s])]
    }

    /// The `k`-th person in session `s` (k < `headcount[s]`).
    @inline(__always) public func attendee(_ s: Int, _ k: Int) -> Int { Int(attendeeSlots[Int(m.seatStart[s]) + k]) }

    /// `q` is in session `s`.
    @inline(__always) func attends(_ q: Int32, _ s: Int) -> Bool {
        let first = Int(m.seatStart[s])
        for k in first ..< first + Int(headcount[s]) where attendeeSlots[k] == q { return true }
        return false
    }

    /// The smallest session length among what `p` holds, and `h`.
    @inline(__always) func smallestHeldHours(_ p: Int, or h: Double) -> Double {
        var smallest = h
        for k in Self.heldRange(p, heldCount[p]) { smallest = min(smallest, m.sessionHours[Int(m.candSession[Int(heldSlots[k])])]) }
        return smallest
    }

    // MARK: Shortfall

    @inline(__always) func shortfall(_ p: Int, _ a: Double) -> Double {
        max(0, m.target[p] - a) * m.weights.hoursShortfall
    }

    @inline(__always) func needsBooking(_ p: Int, _ s: Int) -> Bool { m.needsBooking(p, s) }

    // MARK: Interpreters

    /// A free interpreter for (s, l), or -1.
    func freeInterpreter(_ s: Int, _ l: Int) -> Int {
        for i in m.interpretersByLanguage[l] where interpreterIsFree(Int(i), for: s) { return Int(i) }
        return -1
    }

    /// Available for the whole session and not booked at an overlapping time.
    func interpreterIsFree(_ i: Int, for s: Int) -> Bool {
        if !m.interpreterAvailable(i, for: s) { return false }
        for other in interpreterSessions[i] where m.overlaps(Int(other), s) { return false }
        return true
    }

    /// The interpreter booked for `p`'s language at session `s` (-1).
    public func bookedInterpreter(for p: Int, at s: Int) -> Int {
        let l = m.interpreterLanguage[p]
        return l >= 0 ? Int(bookedInterpreter[s * L + Int(l)]) : -1
    }

    /// Registers one more person needing (s, l), booking an interpreter if this is the first.
    /// Returns false (and changes nothing) when a booking is needed and nobody is free.
    @discardableResult
    mutating func addNeed(_ s: Int, _ l: Int, preferring preferred: Int = -1) -> Bool {
        let k = s * L + l
        if needCount[k] == 0 {
            var want = preferred
            if want < 0, let plan = bookingPlan { want = Int(plan[k]) }
            let i = want >= 0 && interpreterIsFree(want, for: s) ? want : freeInterpreter(s, l)
            if i < 0 { return false }
            bookedInterpreter[k] = Int32(i)
            interpreterSessions[i].append(Int32(s))
            bookingCount += 1
        }
        needCount[k] += 1
        return true
    }

    mutating func removeNeed(_ s: Int, _ l: Int) {
        let k = s * L + l
        needCount[k] -= 1
        if needCount[k] == 0 {
            let i = Int(bookedInterpreter[k])
            bookedInterpreter[k] = -1
            if let at = interpreterSessions[i].firstIndex(of: Int32(s)) { interpreterSessions[i].remove(at: at) }
            bookingCount -= 1
        }
    }

    /// Hands booking `key` ((session, language)) to interpreter `to`, who must be free then.
    /// No cost changes: bookings are counted, not named.
    mutating func moveBooking(_ key: Int, to: Int) {
        let s = Int32(key / L)
        let from = Int(bookedInterpreter[key])
        if let at = interpreterSessions[from].firstIndex(of: s) { interpreterSessions[from].remove(at: at) }
        interpreterSessions[to].append(s)
        bookedInterpreter[key] = Int32(to)
    }

    /// The (session, language) interpreter `i` is booked for at session `s` (-1 if none).
    func bookingKey(of i: Int, at s: Int) -> Int {
        for l in 0..<L where bookedInterpreter[s * L + l] == Int32(i) { return s * L + l }
        return -1
    }

    /// True when (s, l) is booked already or an interpreter is free for it.
    func bookable(_ s: Int, _ l: Int) -> Bool {
        needCount[s * L + l] > 0 || freeInterpreter(s, l) >= 0
    }

    /// Lets this rota fill at most `seats[s]` in each session (never fewer than it holds).
    mutating func limitSeats(to seats: [Int32]) {
        capacity = seats
        for s in 0..<m.placementSessionCount { updateOpen(s) }
    }

    /// Keeps session `s`'s bit in `openSessions` in step with its headcount and capacity.
    @inline(__always) private mutating func updateOpen(_ s: Int) {
        let bit: UInt64 = 1 << UInt64(s & 63)
        if hasFreeSeat(s) { openSessions[s >> 6] |= bit } else { openSessions[s >> 6] &= ~bit }
    }

    // MARK: Placement sessions

    /// Every hard rule that depends on the rest of the rota (`RotaRule`), for adding candidate `c`
    /// to person `p`.
    public func canAdd(_ p: Int, candidate c: Int) -> Bool {
        admitsEveryRule(person: p, session: Int(m.candSession[c]))
    }

    /// The change in isolation count if `p` joins (`+1`) or leaves (`-1`) work-party session `s`.
    func isolationAfter(_ s: Int, person p: Int, joining: Bool) -> Int {
        let n = Int(headcount[s])
        let before = n >= 3 ? Int(uniqueTagged[s]) : 0
        let t = Int(m.tag[p])
        var u = Int(uniqueTagged[s])
        if t >= 0 {
            let c = Int(tagCounts[s * T + t])
            if joining {
                if c == 0 { u += 1 } else if c == 1 { u -= 1 }
            } else {
                if c == 1 { u -= 1 } else if c == 2 { u += 1 }
            }
        }
        let n2 = joining ? n + 1 : n - 1
        return (n2 >= 3 ? u : 0) - before
    }

    /// Adds the session that lowers the cost most to `p` until none lowers it or `p` is at
    /// target: the greedy refill of the construction, the ruin and a reschedule.
    ///
    /// Only `p`'s own additions change the rota meanwhile, and they only close seats and days, so
    /// the open candidates are collected once and re-examined, not searched for again.
    mutating func fill(_ p: Int, journal: inout Journal) {
        let n = m.candidates(of: p).count
        guard n > 0, shortfallHours(p) > 1e-9 else { return }
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: n) { buffer in
            let open = UnsafeBufferPointer(rebasing: buffer[0..<openCandidates(p, into: buffer)])
            while shortfallHours(p) > 1e-9 {
                let best = bestImproving(p, among: open)
                guard best >= 0 else { break }
                add(p, candidate: best, journal: &journal)
            }
        }
    }

    /// `fill` for each of `people` in turn while session `s` takes no one: the people a move has
    /// just taken out of `s` do not walk straight back in.
    mutating func fill(_ people: [Int], keepingOut s: Int, journal: inout Journal) {
        let seats = capacity[s]
        capacity[s] = headcount[s]
        updateOpen(s)
        for p in people { fill(p, journal: &journal) }
        capacity[s] = seats
        updateOpen(s)
    }

    /// `fill` outside a move (nothing to undo).
    public mutating func fill(_ p: Int) {
        var journal = Journal()
        fill(p, journal: &journal)
    }

    /// Writes `p`'s candidates with a free seat on a day `p` has free into `out`, in session
    /// order; returns how many.
    /// - Complexity: O(sessions / 64 + candidates of p with a free seat).
    func openCandidates(_ p: Int, into out: UnsafeMutableBufferPointer<Int32>) -> Int {
        // Only candidates with a free seat: the person's candidate bits against the open sessions.
        let bitsets = m.candidateBits
        let row = p * bitsets.words
        let first = Int(m.candStart[p]), end = Int(m.candStart[p + 1])
        guard end > first else { return 0 }
        var n = 0
        // Candidates are sorted by session: words outside the first and last candidate's hold no
        // bits (a person's sessions lie near home, so in a large region this skips most words).
        for w in Int(m.candSession[first]) >> 6 ... Int(m.candSession[end - 1]) >> 6 {
            let mine = bitsets.bits[row + w]
            var open = mine & openSessions[w]
            while open != 0 {
                let bit = open.trailingZeroBitCount
                open &= open - 1
                // The session is the bit's position; the candidate's own figures (far apart in
                // memory) are read only for a session on a free day.
                let s = w << 6 | bit
                if worksOnDay(of: s, person: p) { continue }
                out[n] = Int32(first + Int(bitsets.rank[row + w]) + (mine & ((1 << UInt64(bit)) - 1)).nonzeroBitCount)
                n += 1
            }
        }
        return n
    }

    /// The feasible candidate of `p` among `open` that lowers the cost most, or -1 when none
    /// lowers it. The refill of every ruin (`fill`) asks this of every freed person, so it
    /// visits only candidates with a free seat (`CandidateBitsets`), checks the cheap rules first
    /// with the person's own figures worked out once, skips a candidate that could not beat the
    /// best found even if joining ended someone's isolation, and runs the costly rest of
    /// `canAdd` (interpreters, non-association) only for one that would.
    func bestImproving(_ p: Int, among open: UnsafeBufferPointer<Int32>) -> Int {
        var best = -1, bestDelta = -1e-9
        let now = shortfall(p, hours[p])
        let maximum = m.maxHours[p], remaining = m.remaining[p]
        let smallestHeld = smallestHeldHours(p, or: .infinity)
        let t = Int(m.tag[p])
        for c32 in open {
            let c = Int(c32)
            let s = Int(m.candSession[c])
            if !hasFreeSeat(s) || worksOnDay(of: s, person: p) { continue }
            let h = m.sessionHours[s]
            let a = hours[p] + h
            if !WeeklyHours.allows(a, shortest: min(smallestHeld, h), maximum: maximum, remaining: remaining) { continue }
            // Joining lowers the isolation count only by ending someone's isolation: a party of
            // three or more where one person has p's tag.
            let relief = m.sessionIsWorkParty[s] && t >= 0 && headcount[s] >= 3 && tagCounts[s * T + t] == 1 ? m.weights.isolation : 0
            if shortfall(p, a) - now + m.candCost[c] - relief >= bestDelta { continue }
            let d = addDelta(p, candidate: c)
            if d < bestDelta && canAdd(p, candidate: c) { best = c; bestDelta = d }
        }
        return best
    }

    /// Soft-cost change of adding candidate `c` to `p` (assumes `canAdd`).
    public func addDelta(_ p: Int, candidate c: Int) -> Double {
        let s = Int(m.candSession[c])
        return shortfall(p, hours[p] + m.sessionHours[s]) - shortfall(p, hours[p]) + joiningCost(p, candidate: c)
    }

    /// What adding candidate `c` to `p` costs apart from their hours: its static cost, a booking
    /// if it needs the first one, and the isolation it changes.
    @inline(__always) func joiningCost(_ p: Int, candidate c: Int) -> Double {
        let s = Int(m.candSession[c])
        var d = m.candCost[c]
        if m.candNeedsBooking[c] && needCount[s * L + Int(m.interpreterLanguage[p])] == 0 { d += m.weights.interpreterBooking }
        if m.sessionIsWorkParty[s] { d += Double(isolationAfter(s, person: p, joining: true)) * m.weights.isolation }
        return d
    }


    /// What `p` giving up candidate `c` changes apart from their hours: its static cost saved, the
    /// booking if they were its last user, and the isolation it makes or ends.
    @inline(__always) func leavingCost(_ p: Int, candidate c: Int) -> Double {
        let s = Int(m.candSession[c])
        var d = -m.candCost[c]
        if m.candNeedsBooking[c] && needCount[s * L + Int(m.interpreterLanguage[p])] == 1 { d -= m.weights.interpreterBooking }
        if m.sessionIsWorkParty[s] { d += Double(isolationAfter(s, person: p, joining: false)) * m.weights.isolation }
        return d
    }

    /// Adds candidate `c` to `p` (caller checked `canAdd`). `preferring` names the interpreter to
    /// book if a booking is needed and that interpreter is free (rollback restores the original one).
    public mutating func add(_ p: Int, candidate c: Int, preferring: Int = -1) {
        let s = Int(m.candSession[c])
        let h = m.sessionHours[s]
        shortfallCost += shortfall(p, hours[p] + h) - shortfall(p, hours[p])
        assignmentCost += m.candCost[c]
        hours[p] += h
        dayMask[p] |= UInt8(1) << UInt8(m.sessionDay[s])
        heldSlots[p * Self.maxHeld + Int(heldCount[p])] = Int32(c)
        heldCount[p] += 1
        if m.candNeedsBooking[c] {
            let booked = addNeed(s, Int(m.interpreterLanguage[p]), preferring: preferring)
            assert(booked, "add without a bookable interpreter: canAdd was not checked")
        }
        if m.sessionIsWorkParty[s] {
            isolationCount += isolationAfter(s, person: p, joining: true)
            let t = Int(m.tag[p])
            if t >= 0 {
                let c0 = tagCounts[s * T + t]
                if c0 == 0 { uniqueTagged[s] += 1 } else if c0 == 1 { uniqueTagged[s] -= 1 }
                tagCounts[s * T + t] += 1
            }
        }
        assert(Int32(headcount[s]) < m.seatStart[s + 1] - m.seatStart[s], "add past a session's seats")
        attendeeSlots[Int(m.seatStart[s]) + Int(headcount[s])] = Int32(p)
        headcount[s] += 1
        updateOpen(s)
    }

    /// Removes candidate `c` from `p`.
    public mutating func remove(_ p: Int, candidate c: Int) {
        let s = Int(m.candSession[c])
        let h = m.sessionHours[s]
        shortfallCost += shortfall(p, hours[p] - h) - shortfall(p, hours[p])
        assignmentCost -= m.candCost[c]
        hours[p] -= h
        if heldCount[p] == 1 { hours[p] = 0 }  // no drift from repeated float sums
        dayMask[p] &= ~(UInt8(1) << UInt8(m.sessionDay[s]))
        Self.removeKeepingOrder(Int32(c), from: &heldSlots, first: p * Self.maxHeld, count: &heldCount[p])
        if m.candNeedsBooking[c] { removeNeed(s, Int(m.interpreterLanguage[p])) }
        if m.sessionIsWorkParty[s] {
            isolationCount += isolationAfter(s, person: p, joining: false)
            let t = Int(m.tag[p])
            if t >= 0 {
                let c0 = tagCounts[s * T + t]
                if c0 == 1 { uniqueTagged[s] -= 1 } else if c0 == 2 { uniqueTagged[s] += 1 }
                tagCounts[s * T + t] -= 1
            }
        }
        var n = headcount[s]
        Self.removeKeepingOrder(Int32(p), from: &attendeeSlots, first: Int(m.seatStart[s]), count: &n)
        headcount[s] = n
        updateOpen(s)
    }

    /// Removes `value` from the `count` slots from `first`, the later ones moving up a slot
    /// (order kept, so a seed and a move budget still give the same rota).
    @inline(__always)
    static func removeKeepingOrder<N: FixedWidthInteger>(_ value: Int32, from slots: inout [Int32], first: Int, count: inout N) {
        let end = first + Int(count)
        var k = first
        while k < end && slots[k] != value { k += 1 }
        guard k < end else { return }
        while k + 1 < end { slots[k] = slots[k + 1]; k += 1 }
        slots[end - 1] = -1
        count -= 1
    }

    // MARK: Programme groups

    public func canAllocate(_ p: Int, group g: Int) -> Bool {
        if !RotaRule.seatsSuffice(groupMembers[g].count + 1, limit: Int(m.groupCapacity[g])) { return false }
        for gs in m.groupSessions[g] {
            for c in heldCandidates(p) where m.overlaps(Int(m.candSession[Int(c)]), Int(gs)) { return false }
        }
        for q in m.nonAssociates[p] where groupMembers[g].contains(q) { return false }
        if m.interpreterLanguage[p] >= 0 {
            let l = Int(m.interpreterLanguage[p])
            var planned: [Int32] = []
            for gs in m.groupSessions[g] where needsBooking(p, Int(gs)) && needCount[Int(gs) * L + l] == 0 {
                // Two unbooked sessions of one group must not need the same interpreter at overlapping times.
                if freeInterpreter(Int(gs), l) < 0 { return false }
                if planned.contains(where: { m.overlaps(Int($0), Int(gs)) }) { return false }
                planned.append(gs)
            }
        }
        return true
    }

    public func allocateDelta(_ p: Int, groupChoice k: Int) -> Double {
        let g = Int(m.groupCandidates[p][k])
        var d = m.groupCandidateCost[p][k] - m.weights.starterUnplaced
        if m.interpreterLanguage[p] >= 0 {
            let l = Int(m.interpreterLanguage[p])
            for gs in m.groupSessions[g] where needsBooking(p, Int(gs)) && needCount[Int(gs) * L + l] == 0 { d += m.weights.interpreterBooking }
        }
        return d
    }


    public mutating func allocate(_ p: Int, groupChoice k: Int) {
        let g = Int(m.groupCandidates[p][k])
        groupOf[p] = Int32(g)
        groupMembers[g].append(Int32(p))
        starterCost += m.groupCandidateCost[p][k]
        unplacedStarters -= 1
        if m.interpreterLanguage[p] >= 0 {
            for gs in m.groupSessions[g] where needsBooking(p, Int(gs)) {
                let booked = addNeed(Int(gs), Int(m.interpreterLanguage[p]))
                assert(booked, "allocate without a bookable interpreter: canAllocate was not checked")
            }
        }
    }

    public mutating func deallocate(_ p: Int) {
        let g = Int(groupOf[p])
        guard g >= 0, let k = m.groupCandidates[p].firstIndex(of: Int32(g)) else { return }
        groupOf[p] = -1
        if let i = groupMembers[g].firstIndex(of: Int32(p)) { groupMembers[g].remove(at: i) }
        starterCost -= m.groupCandidateCost[p][k]
        unplacedStarters += 1
        if m.interpreterLanguage[p] >= 0 {
            for gs in m.groupSessions[g] where needsBooking(p, Int(gs)) { removeNeed(Int(gs), Int(m.interpreterLanguage[p])) }
        }
    }

    // MARK: Invariants


    /// Rebuilds a state holding exactly `held` and `groupOf`, with the interpreters of `bookings`.
    public static func rebuild(model: SolverModel, held: [[Int32]], groupOf: [Int32], bookings: [Int32]) -> SearchState {
        var fresh = SearchState(model: model, bookings: bookings)
        for (p, g) in groupOf.enumerated() where g >= 0 {
            if let k = model.groupCandidates[p].firstIndex(of: g) { fresh.allocate(p, groupChoice: k) }
        }
        for (p, cs) in held.enumerated() { for c in cs { fresh.add(p, candidate: Int(c)) } }
        fresh.bookingPlan = nil
        return fresh
    }

    /// A state holding what it can of an existing rota, for reschedules and warm starts: every
    /// assignment that is a candidate and still fits, every allocation that fits, with the rota's
    /// own interpreters where they are free. Returns the entries it could not hold.
    public static func loading(model: SolverModel, rota: ResolvedRota) -> (SearchState, skipped: [(person: Int, session: Int)]) {
        let L = model.languageStride
        var plan = Array(repeating: Int32(-1), count: model.sessionCount * L)
        var langIndex: [String: Int] = [:]
        for (i, l) in model.languages.enumerated() { langIndex[l] = i }
        for b in rota.bookings { if let l = langIndex[b.language] { plan[b.session * L + l] = Int32(b.interpreter) } }
        var state = SearchState(model: model, bookings: plan)
        for a in rota.allocations {
            if let k = model.groupCandidates[a.person].firstIndex(of: Int32(a.group)), state.groupOf[a.person] < 0,
               state.canAllocate(a.person, group: a.group) {
                state.allocate(a.person, groupChoice: k)
            }
        }
        var skipped: [(person: Int, session: Int)] = []
        for a in rota.assignments {
            if let c = model.candidateIndex(a.person, session: Int32(a.session)), state.canAdd(a.person, candidate: c) {
                state.add(a.person, candidate: c)
            } else {
                skipped.append(a)
            }
        }
        state.bookingPlan = nil
        return (state, skipped)
    }

    // MARK: Output

    /// The rota of this state, in PROBLEM.md's terms.
    public func rota() -> Rota {
        let region = m.region
        var r = Rota(weekStart: region.problem.weekStart.description)
        for p in 0..<m.personCount {
            let pid = region.people[p].id
            for c in heldCandidates(p).sorted(by: { m.candSession[Int($0)] < m.candSession[Int($1)] }) {
                r.assignments.append(Assignment(personId: pid, sessionId: region.sessions[Int(m.candSession[Int(c)])].id))
            }
            if groupOf[p] >= 0 { r.programmeAllocations.append(ProgrammeAllocation(personId: pid, groupId: region.groups[Int(groupOf[p])].group.id)) }
        }
        for s in 0..<m.sessionCount {
            for l in 0..<m.languages.count where bookedInterpreter[s * L + l] >= 0 {
                r.interpreterBookings.append(InterpreterBooking(
                    interpreterId: region.problem.interpreters[Int(bookedInterpreter[s * L + l])].id,
                    sessionId: region.sessions[s].id, language: m.languages[l]))
            }
        }
        return r
    }

    public func shortfallHours(_ p: Int) -> Double { m.hasOrder[p] ? max(0, m.target[p] - hours[p]) : 0 }
}

extension SolverModel {
    /// Every cost no decision changes: enrolled members' travel (`fixedCost`) and the interpreter
    /// bookings their fixed sessions need, as an empty rota books them.
    public var costNoDecisionChanges: Double {
        fixedCost + Double(SearchState(model: self).bookingCount) * weights.interpreterBooking
    }
}

/// The search's answers to `RotaRule`, from its compact tables: `canAdd` is these rules.
extension SearchState: RotaView {
    @inline(__always) public func seatsTaken(_ s: Int) -> Int { Int(headcount[s]) }
    @inline(__always) public func seatLimit(_ s: Int) -> Int { Int(capacity[s]) }
    @inline(__always) public func worksOnDay(of s: Int, person p: Int) -> Bool {
        dayMask[p] & (UInt8(1) << UInt8(m.sessionDay[s])) != 0
    }
    @inline(__always) public func programmeOverlaps(_ s: Int, person p: Int) -> Bool {
        let g = Int(groupOf[p])
        if g >= 0 { for gs in m.groupSessions[g] where m.overlaps(Int(gs), s) { return true } }
        return false
    }
    @inline(__always) public func hoursHeld(_ p: Int) -> Double { hours[p] }
    @inline(__always) public func shortestHeld(_ p: Int) -> Double { smallestHeldHours(p, or: .infinity) }
    @inline(__always) public func sessionHours(_ s: Int) -> Double { m.sessionHours[s] }
    @inline(__always) public func maximumHours(_ p: Int) -> Double { m.maxHours[p] }
    @inline(__always) public func remainingHours(_ p: Int) -> Double { m.remaining[p] }
    @inline(__always) public func nonAssociateAttending(_ s: Int, of p: Int) -> Int? {
        for q in m.nonAssociates[p] where attends(q, s) { return Int(q) }
        return nil
    }
    @inline(__always) public func interpreterAssured(for p: Int, at s: Int) -> Bool {
        !m.needsBooking(p, s) || bookable(s, Int(m.interpreterLanguage[p]))
    }
}
