import Dispatch
import Foundation
import RotaEngine

/// A valid lower bound on the soft cost of any hard-feasible rota, by Lagrangian relaxation of
/// seat capacity (Fisher, 1981).
///
/// With a price λ_s ≥ 0 on every seat, the problem splits into one small problem per person:
/// choose at most one candidate session per day, at most `maxWeeklyHours` in total, minimising
/// shortfall + travel + continuity + interest mismatch + the prices of the seats taken; then
/// `L(λ) = Σ_person min(…) − Σ_s λ_s · capacity_s` is below the optimum for every λ. Each person's
/// problem is solved exactly by dynamic programming over the seven days on the distinct session
/// lengths. Starters take a group or stay unplaced with prices μ_g on the seats groups have left;
/// one who also has unpaid work chooses the group and the week together (a group's sessions rule
/// out the placement sessions they overlap).
/// Subgradient steps (Held–Wolfe–Crowder, Polyak step towards the best rota found) raise the
/// bound for the time allowed, from zero prices or from the seat prices the best rota implies
/// (`seatPrices(from:)`), whichever bounds higher. When isolation is not priced (a budget of
/// fewer than `stepsForIsolationPrices` steps: 5,000 people and more in a 10-second solve), a
/// proximal bundle (`ProximalBundle`) takes over the seat, group and interpreter-time prices
/// after the first steps: it settles in a few hundred steps where subgradients take thousands.
/// Interpreter bookings count in full for enrolled members' fixed sessions; for placement
/// sessions "a booking wherever someone needs one" (x_c ≤ b) is relaxed with a price π_c ≥ 0 per
/// candidate that needs a booking: the person pays π_c, and a booking is bought, at 40 + ν − Σπ,
/// when the prices of its possible users pass its cost (ν prices interpreters' time,
/// `BookingPrices`). When the budget affords few steps, fixed per-person shares
/// (`BookingShares`) stand in for the prices. Isolation and the "no superfluous session" rule
/// are relaxed.
enum LowerBound {
    /// From this many affordable subgradient steps on, per-candidate booking prices replace the
    /// fixed shares (measured in docs/SOLVER.md).
    static let stepsForBookingPrices = 200
    /// From this many affordable steps on, isolation is priced too (`IsolationPrices`).
    static let stepsForIsolationPrices = 1_000
    /// Without isolation prices, a proximal bundle sets the seat, group and interpreter-time
    /// prices, and the booking prices keep subgradient steps of this share of its `t`: hundreds
    /// of thousands of them, each subgradient ±1, would make every trial point rewrite tens of
    /// thousands of items (5,000 people: 0.02 / 0.05 / 0.1 bound 579.0k / 579.2k / 579.1k).
    static let bundleBookingStep = 0.05
    /// What building the pattern index and the warm start's prices cost per candidate pair.
    static let buildSecondsPerPair = 8e-8

    /// - Parameters:
    ///   - upperBound: the cost of the best rota known (the Polyak step aims at it).
    ///   - rota: that rota, whose full seats give starting prices (`seatPrices(from:)`) when they
    ///     bound higher than no prices at all.
    ///   - threads: the people are split into slices solved on this many cores.
    ///   - isolationChoice: whether isolation is priced (`IsolationPrices`, with subgradient
    ///     steps) or not (with a `ProximalBundle`); by default, when the budget affords
    ///     `stepsForIsolationPrices` steps.
    /// - Complexity: O(candidate pairs) per step.
    static func compute(model m: SolverModel, seconds: Double, upperBound: Double, threads: Int = 2, rota: SearchState? = nil,
                        pricingIsolation isolationChoice: Bool? = nil, trace: (@Sendable (String) -> Void)? = nil) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        let deadline = start + UInt64(max(0, seconds) * 1e9)
        var constant = m.costNoDecisionChanges
        // Starters compete for the seats their groups have left after enrolled members: those
        // seats get prices μ_g too.
        let starters = m.starters.map(Int.init)
        let groupSeats = (0..<m.groupCapacity.count).map { max(0, Int(m.groupCapacity[$0]) - m.enrolledMembers[$0].count) }
        var mu = Array(repeating: 0.0, count: groupSeats.count)
        // People with an order but no candidate session carry their whole target as shortfall.
        var workers: [Int] = []
        for p in 0..<m.personCount where m.hasOrder[p] {
            if m.candidates(of: p).isEmpty { constant += max(0, m.target[p]) * m.weights.hoursShortfall } else { workers.append(p) }
        }
        // Building the pattern index and pricing the rota's seats take ~80 ns a pair on one core
        // (3.7 s at 46 million pairs): a budget that cannot pay for them gets the bound of the
        // costs no decision changes, rather than a solve that ends seconds past its limit.
        if seconds < Double(m.pairCount) * Self.buildSecondsPerPair / Double(max(1, threads)) { return constant }
        let slices = max(1, min(threads, workers.count / 64))
        let people = workers
        let shares = BookingShares(m)
        // With work parties and tags, and a budget that looks long enough for isolation prices
        // (`IsolationPrices`), prices are kept per (session, tag). Reading them costs ~7% of the
        // steps, so not on a budget that could not afford the isolation prices anyway.
        let estimatedSteps = seconds * Double(max(1, threads)) / (Double(max(1, m.pairCount)) * Solver.boundSecondsPerPair)
        var isolation: IsolationPrices? = m.tagCount > 0 && (isolationChoice ?? (estimatedSteps >= Double(Self.stepsForIsolationPrices)))
            && (0..<m.placementSessionCount).contains { m.sessionIsWorkParty[$0] } ? IsolationPrices(m) : nil
        let keyedByTag = isolation != nil
        var pricingIsolation = false
        // One pattern index per slice of people, built in parallel (sorting 14 million candidates
        // at 20,000 people is most of a short bound's budget otherwise).
        let built = SliceResults<PatternIndex?>(count: slices, empty: nil)
        DispatchQueue.concurrentPerform(iterations: slices) { k in
            let mine = Array(people[(people.count * k / slices)..<(people.count * (k + 1) / slices)])
            built.set(k, PatternIndex(m, workers: mine, bookingShare: shares, keyedByTag: keyedByTag))
        }
        var indices = built.values.map { $0! }
        // Booking prices replace the shares once the budget is known to afford their steps.
        var bookingPrices: BookingPrices? = nil
        let indexBuilt = DispatchTime.now().uptimeNanoseconds
        // A starter with unpaid work chooses a group and a week together: a group's sessions
        // rule out the placement sessions they overlap. Per starter and group choice, those
        // sessions (empty when none of the person's candidates clash).
        let clashes: [[[Int32]]] = {
            var clashes: [[[Int32]]] = Array(repeating: [], count: m.personCount)
            for p in starters where m.hasOrder[p] && !m.candidates(of: p).isEmpty { clashes[p] = groupClashes(m, person: p) }
            return clashes
        }()
        let jointStarter = clashes.map { !$0.isEmpty }
        let groupCost = starterGroupCosts(m)
        /// Σ over people of their cheapest week at these seat prices (with a group, for starters
        /// with unpaid work, at group prices `groupPrices`), the seats and group places they take,
        /// and the candidates needing a booking in those weeks (when `booking` prices are on).
        func solvePeople(_ seatPrices: [Double], _ groupPrices: [Double], _ snapshot: [PatternIndex], booking pricingBookings: Bool) -> Weeks {
            let prices = isolation?.keyPrices(seatPrices) ?? seatPrices
            let pricedIsolation = pricingIsolation ? isolation?.priced : nil
            let parts = SliceResults<Weeks>(count: slices, empty: Weeks(value: 0, usage: [], groupUse: [], booked: [], alone: []))
            DispatchQueue.concurrentPerform(iterations: slices) { k in
                var dp = PatternDP()
                dp.pricesCanBeNegative = pricedIsolation != nil
                var part = Weeks(value: 0, usage: Array(repeating: Int32(0), count: m.sessionCount),
                                 groupUse: Array(repeating: 0, count: groupSeats.count), booked: [], alone: [[]])
                var blocked = Array(repeating: false, count: m.sessionCount)
                // This slice's index, once: passed per person it was retained and released per call.
                let index = snapshot[k]
                let lo = people.count * k / slices
                for w in lo..<(people.count * (k + 1) / slices) {
                    let p = people[w]
                    let value: Double
                    if jointStarter[p] {
                        let choice = dp.solveStarter(m, index, worker: w - lo, person: p, lambda: prices, groupCost: groupCost[p],
                                                     groupPrices: groupPrices, clashes: clashes[p], blocked: &blocked)
                        value = choice.value
                        if choice.group >= 0 { part.groupUse[choice.group] += 1 }
                    } else {
                        value = dp.solve(m, index, worker: w - lo, person: p, lambda: prices)
                    }
                    part.value += value
                    for s in dp.lastWeek { part.usage[Int(s)] += 1 }
                    if let pricedIsolation, m.tag[p] >= 0 {
                        for item in dp.lastItems {
                            let key = index.itemKey[Int(item)]
                            if pricedIsolation[Int(index.session(ofKey: key))] { part.alone[0].append((item, key)) }
                        }
                    }
                    guard pricingBookings && m.interpreterLanguage[p] >= 0 else { continue }
                    for s in dp.lastWeek {
                        if let c = m.candidateIndex(p, session: s), m.candNeedsBooking[c] { part.booked.append(c) }
                    }
                }
                parts.set(k, part)
            }
            var total = parts.values[0]
            for part in parts.values.dropFirst() {
                total.value += part.value
                for i in part.usage.indices { total.usage[i] += part.usage[i] }
                for g in part.groupUse.indices { total.groupUse[g] += part.groupUse[g] }
                total.booked += part.booked
                total.alone += part.alone
            }
            return total
        }
        var lambda = Array(repeating: 0.0, count: m.sessionCount)
        // Subgradient steps from zero prices climb for hundreds of steps before the contested
        // seats are priced; a good rota knows those prices nearly. Start from them when they
        // bound higher than no prices (compared with the first step, at zero prices).
        var warm: (prices: [Double], weeks: Weeks, value: Double, nanos: UInt64)? = nil
        if let rota, seconds > 0 {
            let prices = seatPrices(from: rota, threads: threads)
            let priced = DispatchTime.now().uptimeNanoseconds
            let weeks = solvePeople(prices, mu, indices, booking: false)
            var value = weeks.value
            for s in 0..<m.placementSessionCount { value -= prices[s] * Double(m.sessionCapacity[s]) }
            warm = (prices, weeks, value, DispatchTime.now().uptimeNanoseconds - priced)
        }
        var stepsStart = DispatchTime.now().uptimeNanoseconds
        let tracing = trace != nil
        var best = -Double.infinity
        var theta = 2.0
        var sinceImprove = 0
        var patience = 5
        var iteration = 0
        let placements = m.placementSessionCount
        var bundle: ProximalBundle? = nil
        /// This step's subgradient of the prices the bundle sets (seats, groups, interpreter
        /// time, in that order), sparse.
        func bundleSubgradient(usage: [Int32], groupUse: [Int]) -> (index: [Int32], value: [Double]) {
            var index: [Int32] = [], value: [Double] = []
            for s in 0..<placements {
                let g = Double(usage[s] - m.sessionCapacity[s])
                if g != 0 && (g > 0 || lambda[s] > 0) { index.append(Int32(s)); value.append(g) }
            }
            for g in groupSeats.indices {
                let d = Double(groupUse[g] - groupSeats[g])
                if d != 0 && (d > 0 || mu[g] > 0) { index.append(Int32(placements + g)); value.append(d) }
            }
            bookingPrices?.slotSubgradient(offset: placements + groupSeats.count, index: &index, value: &value)
            return (index, value)
        }
        while true {
            // The slices read this step's indices; their reference ends with the call, so
            // rewriting the booking items' costs afterwards does not copy the whole index.
            var weeks = solvePeople(lambda, mu, indices, booking: bookingPrices != nil)
            if let start = warm {
                if tracing { trace?("trace: bound from the rota's prices \(start.value) (priced in \(Double(stepsStart - indexBuilt) / 1e9)s), from zero \(weeks.value)\n") }
                warm = nil
                if start.value > weeks.value {
                    // This step is the rota's prices, already evaluated: the steps are timed as
                    // if that evaluation had been this one.
                    lambda = start.prices
                    weeks = start.weeks
                    let now = DispatchTime.now().uptimeNanoseconds
                    theta = warmStartTheta(affordableSteps: Double(deadline - min(deadline, now)) / Double(max(1, start.nanos)))
                    stepsStart = now - start.nanos
                }
            }
            let usage = weeks.usage
            var value = constant + weeks.value
            if bookingPrices != nil { value += bookingPrices!.settle(chosenCandidates: weeks.booked) }
            if pricingIsolation { value += isolation!.settle(chosen: weeks.alone, usage: usage) }
            for s in 0..<m.placementSessionCount { value -= lambda[s] * Double(m.sessionCapacity[s]) }
            // Starters without unpaid work (the others chose their group with their week).
            var groupUse = weeks.groupUse
            for p in starters where !jointStarter[p] {
                var bestG = -1, bestV = m.weights.starterUnplaced
                for (k, g) in m.groupCandidates[p].enumerated() where groupCost[p][k] + mu[Int(g)] < bestV {
                    bestV = groupCost[p][k] + mu[Int(g)]
                    bestG = Int(g)
                }
                value += bestV
                if bestG >= 0 { groupUse[bestG] += 1 }
            }
            for g in groupSeats.indices { value -= mu[g] * Double(groupSeats[g]) }
            if value > best + 1e-6 { best = value; sinceImprove = 0 } else { sinceImprove += 1 }
            iteration += 1
            let now = DispatchTime.now().uptimeNanoseconds
            if iteration == 2 {
                // θ halves after `patience` steps without a better bound. Halving every 5 steps
                // stalls a long budget far below what more steps reach, and halving rarely
                // wastes a short one, so patience follows the steps the budget affords.
                let perStep = max(1, (now - stepsStart) / 2)
                let affordable = Int((deadline - min(deadline, now)) / perStep)
                patience = min(50, max(5, affordable / 20))
                // Per-candidate booking prices need steps to settle and a moment to build: on a
                // short budget the shares stay.
                if affordable >= Self.stepsForBookingPrices { bookingPrices = BookingPrices(m, indices: &indices, replacing: shares) }
                // Isolation prices slow the seat prices' convergence: they pay only on a budget
                // long enough for both (measured in docs/SOLVER.md).
                pricingIsolation = isolation != nil && (isolationChoice ?? (affordable >= Self.stepsForIsolationPrices))
            }
            if sinceImprove >= patience { theta /= 2; sinceImprove = 0 }
            if now >= deadline || (theta < 1e-4 && bundle == nil) || iteration >= 20_000 { break }
            var norm = 0.0
            for s in 0..<m.placementSessionCount {
                let g = Double(usage[s] - m.sessionCapacity[s])
                if g > 0 || lambda[s] > 0 { norm += g * g }
            }
            for g in groupSeats.indices {
                let d = Double(groupUse[g] - groupSeats[g])
                if d > 0 || mu[g] > 0 { norm += d * d }
            }
            norm += bookingPrices?.squaredNorm() ?? 0
            if pricingIsolation { norm += isolation!.squaredNorm() }
            if norm == 0 { break }  // the relaxed choice fits every seat: it is optimal for the relaxation
            if !pricingIsolation && iteration >= 3 {
                // Seat, group and interpreter-time prices from a proximal bundle; booking prices
                // keep their own steps (see `bundleBookingStep`).
                let cut = bundleSubgradient(usage: usage, groupUse: groupUse)
                if bundle == nil {
                    let slots = bookingPrices?.nu ?? []
                    bundle = ProximalBundle(centre: Array(lambda[0..<placements]) + mu + slots, value: value, cut: cut,
                                            t: theta * max(1, upperBound - value) / norm)
                } else {
                    bundle!.record(value: value, cut: cut)
                }
                bookingPrices?.step(Self.bundleBookingStep * bundle!.t, indices: &indices, slots: false)
                let point = bundle!.trialPoint()
                for s in 0..<placements { lambda[s] = point[s] }
                for g in groupSeats.indices { mu[g] = point[placements + g] }
                bookingPrices?.setSlotPrices(point[(placements + groupSeats.count)...])
                continue
            }
            let step = theta * max(1, upperBound - value) / norm
            for s in 0..<m.placementSessionCount {
                lambda[s] = max(0, lambda[s] + step * Double(usage[s] - m.sessionCapacity[s]))
            }
            for g in groupSeats.indices { mu[g] = max(0, mu[g] + step * Double(groupUse[g] - groupSeats[g])) }
            bookingPrices?.step(step, indices: &indices)
            if pricingIsolation { isolation!.step(step * IsolationPrices.stepScale, indices: &indices) }
        }
        if tracing {
            trace?("trace: bound \(iteration) steps, index built in \(Double(indexBuilt - start) / 1e9)s\n")
        }
        return best
    }
}

extension LowerBound {
    /// Per group `p` could join (in `groupCandidates` order), the sessions among their candidates
    /// that overlap one of its sessions: a member cannot attend both.
    static func groupClashes(_ m: SolverModel, person p: Int) -> [[Int32]] {
        m.groupCandidates[p].map { g in
            m.candidates(of: p).compactMap { c -> Int32? in
                let s = Int(m.candSession[c])
                return m.groupSessions[Int(g)].contains { m.overlaps(Int($0), s) } ? Int32(s) : nil
            }
        }
    }

    /// Per starter and group they could join, its static cost plus a share of the interpreter
    /// bookings joining would add: a session of the group that the starter needs a booking at and
    /// no enrolled member's booking covers needs one for their language, shared at most by the
    /// starters of that language who could join (and no more than its free seats), so the shares of
    /// those who join never pass what the bookings cost.
    static func starterGroupCosts(_ m: SolverModel) -> [[Double]] {
        var cost = m.groupCandidateCost
        // Per (group, language): the starters who could join needing an interpreter.
        var possible: [Int: Int] = [:]
        for p32 in m.starters where m.interpreterLanguage[Int(p32)] >= 0 {
            let p = Int(p32)
            for g in m.groupCandidates[p] { possible[Int(g) * m.languageStride + Int(m.interpreterLanguage[p]), default: 0] += 1 }
        }
        for p32 in m.starters where m.interpreterLanguage[Int(p32)] >= 0 {
            let p = Int(p32), l = Int(m.interpreterLanguage[p])
            for (j, g32) in m.groupCandidates[p].enumerated() {
                let g = Int(g32)
                let seats = max(1, Int(m.groupCapacity[g]) - m.enrolledMembers[g].count)
                let sharers = Double(min(seats, possible[g * m.languageStride + l]!))
                for s in m.groupSessions[g] where m.needsBooking(p, Int(s)) {
                    let covered = m.enrolledMembers[g].contains { q in m.interpreterLanguage[Int(q)] == Int32(l) && m.needsBooking(Int(q), Int(s)) }
                    if !covered { cost[p][j] += m.weights.interpreterBooking / sharers }
                }
            }
        }
        return cost
    }

    /// The first step size from the rota's prices. θ = 2 throws a good start far back (5,000
    /// people: 504k to 449k for twenty steps) and a budget of ~600 steps recovers; with ~150
    /// steps (20,000 people in 10 s) it does not, and smaller first steps keep the start. So θ
    /// starts at 2 from 400 affordable steps (below that, 500–600-step budgets measured a little
    /// short ended lower) and falls with the square of fewer, to 0.25 (docs/SOLVER.md).
    static func warmStartTheta(affordableSteps n: Double) -> Double {
        min(2, max(0.25, 2 * (n / 400) * (n / 400)))
    }

    /// Seat prices read off a rota: for each full placement session, what the most eager person
    /// left out who could come would gain from a seat there (taking it on a free day, or in place
    /// of that day's session) beyond the best open seat they could take anyway, but no more than
    /// the seat is worth to the holder who values it least — what leaving would cost them beyond
    /// the best open seat they could move to. Between the two, no one inside would rather leave
    /// and no one outside would rather pay: the prices at which the rota is a Lagrangian optimum,
    /// if it is one. Measured against open seats, a rota far from converged does not price a
    /// seat its holder could swap for a free one nearby (docs/SOLVER.md). Other sessions: 0.
    static func seatPrices(from rota: SearchState, threads: Int = 1) -> [Double] {
        let m = rota.m
        // Sessions in contiguous slices, one a core (20,000 people: 0.3 s on one).
        let slices = max(1, min(threads, m.placementSessionCount / 64))
        let parts = SliceResults<[Double]>(count: slices, empty: [])
        DispatchQueue.concurrentPerform(iterations: slices) { k in
            let range = (m.placementSessionCount * k / slices)..<(m.placementSessionCount * (k + 1) / slices)
            parts.set(k, seatPrices(from: rota, sessions: range))
        }
        return parts.values.flatMap { $0 } + Array(repeating: 0, count: m.sessionCount - m.placementSessionCount)
    }

    /// `seatPrices(from:)` for the placement sessions of `range`, in order.
    private static func seatPrices(from rota: SearchState, sessions range: Range<Int>) -> [Double] {
        let m = rota.m
        /// What `p` gains by taking candidate `c` — on a free day, or in place of that day's
        /// session — from `hours` and `days` (−∞ past their weekly maximum).
        func gain(_ p: Int, _ c: Int, hours: Double, days: UInt8, skipping skip: Int = -1) -> Double {
            let s = Int(m.candSession[c])
            let now = rota.shortfall(p, hours)
            if days & (UInt8(1) << UInt8(m.sessionDay[s])) == 0 {
                let after = hours + m.sessionHours[s]
                return after > m.maxHours[p] + 1e-9 ? -.infinity : now - rota.shortfall(p, after) - m.candCost[c]
            }
            var best = -Double.infinity
            for j in 0..<Int(rota.heldCount[p]) {
                let held = rota.heldCandidate(p, j)
                let t = Int(m.candSession[held])
                guard held != skip, m.sessionDay[t] == m.sessionDay[s] else { continue }
                let after = hours - m.sessionHours[t] + m.sessionHours[s]
                if after <= m.maxHours[p] + 1e-9 { best = max(best, now - rota.shortfall(p, after) - m.candCost[c] + m.candCost[held]) }
            }
            return best
        }
        /// The most `p` could gain from an open seat as things stand (not `except`, and as if
        /// the held candidate `skip` were given up).
        func bestOpen(_ p: Int, hours: Double, days: UInt8, except: Int, skipping skip: Int = -1) -> Double {
            var best = 0.0
            for c in m.candidates(of: p) {
                let t = Int(m.candSession[c])
                guard t != except, rota.headcount[t] < m.sessionCapacity[t], !rota.attends(Int32(p), t) else { continue }
                if m.candNeedsBooking[c] && !rota.bookable(t, Int(m.interpreterLanguage[p])) { continue }
                best = max(best, gain(p, c, hours: hours, days: days, skipping: skip))
            }
            return best
        }
        var openGain: [Double?] = Array(repeating: nil, count: m.personCount)
        var prices = Array(repeating: 0.0, count: range.count)
        for s in range where rota.headcount[s] >= m.sessionCapacity[s] {
            let dayBit = UInt8(1) << UInt8(m.sessionDay[s])
            var outside = 0.0
            for k in m.candidates(ofSession: s) {
                let c = Int(m.sessionCand[k])
                let p = Int(m.candPerson[c])
                guard rota.shortfallHours(p) > 1e-9, !rota.attends(Int32(p), s) else { continue }
                // Someone who could not come for want of an interpreter prices no seat.
                if m.candNeedsBooking[c] && !rota.bookable(s, Int(m.interpreterLanguage[p])) { continue }
                if openGain[p] == nil { openGain[p] = bestOpen(p, hours: rota.hours[p], days: rota.dayMask[p], except: -1) }
                outside = max(outside, gain(p, c, hours: rota.hours[p], days: rota.dayMask[p]) - openGain[p]!)
            }
            var inside = Double.infinity
            for k in 0..<Int(rota.headcount[s]) {
                let q = rota.attendee(s, k)
                guard let c = m.candidateIndex(q, session: Int32(s)) else { continue }
                let left = rota.hours[q] - m.sessionHours[s]
                let loss = rota.shortfall(q, left) - rota.shortfall(q, rota.hours[q]) - m.candCost[c]
                inside = min(inside, loss - bestOpen(q, hours: left, days: rota.dayMask[q] & ~dayBit, except: s, skipping: c))
            }
            prices[s - range.lowerBound] = min(outside, max(0, inside))
        }
        return prices
    }
}

/// Each person's share of the interpreter booking a session would need for them: a booking for
/// (session, language) serves at most N people — the seats, or the candidates of that language —
/// so charging each person 40/N never charges a booking more than it costs. Kept only for the
/// candidates that need a booking (a few in a hundred): a share per candidate pair was 370 MB at
/// 46 million pairs.
struct BookingShares: Sendable {
    private var share: [Int32: Double] = [:]

    init(_ m: SolverModel) {
        var perLanguage: [Int32: Int] = [:]
        for s in 0..<m.placementSessionCount {
            perLanguage.removeAll(keepingCapacity: true)
            for k in m.candidates(ofSession: s) {
                let c = Int(m.sessionCand[k])
                if m.candNeedsBooking[c] { perLanguage[m.interpreterLanguage[Int(m.candPerson[c])], default: 0] += 1 }
            }
            guard !perLanguage.isEmpty else { continue }
            for k in m.candidates(ofSession: s) {
                let c = Int(m.sessionCand[k])
                guard m.candNeedsBooking[c] else { continue }
                let n = min(Int(m.sessionCapacity[s]), perLanguage[m.interpreterLanguage[Int(m.candPerson[c])]]!)
                share[Int32(c)] = m.weights.interpreterBooking / Double(max(1, n))
            }
        }
    }

    /// The share of candidate `c` (0 when it needs no booking).
    subscript(c: Int) -> Double { share[Int32(c)] ?? 0 }
}

/// Each person's candidates grouped by (day, session length), built once per bound: a
/// subgradient step then only takes a minimum over each contiguous group.
struct PatternIndex: Sendable {
    /// Per worker (index into `workers`), the range of its groups.
    var groupStart: [Int32] = [0]
    var groupDay: [Int8] = []
    var groupHours: [Double] = []
    /// Per group, the range of its items.
    var itemStart: [Int32] = [0]
    var itemCost: [Double] = []
    /// An item's price key: its session × `keyStride` + the person's tag (the tag's own slot
    /// `tagCount` when they have none), or just its session when `keyStride` is 1. Prices are
    /// read per key, so seat prices and the isolation prices (`IsolationPrices`) of a session
    /// can differ by tag.
    var itemKey: [Int32] = []
    let keyStride: Int32
    /// Items whose candidate needs an interpreter booking: (item, candidate).
    var bookingItems: [(Int32, Int32)] = []

    /// The session of price key `key`.
    @inline(__always) func session(ofKey key: Int32) -> Int32 { key / keyStride }

    init(_ m: SolverModel, workers: [Int], bookingShare: BookingShares, keyedByTag: Bool = false) {
        keyStride = keyedByTag ? Int32(m.tagCount + 1) : 1
        // Bucket by day, then sort each (small) day by length; candidates stay in session order
        // within a group. O(candidates) but for the few lengths a day has.
        var days = Array(repeating: [(key: Int, c: Int)](), count: 7)
        var order: [(key: Int, c: Int)] = []
        for p in workers {
            for d in 0..<7 { days[d].removeAll(keepingCapacity: true) }
            for c in m.candidates(of: p) {
                let s = Int(m.candSession[c])
                days[Int(m.sessionDay[s])].append((Int((m.sessionHours[s] * 100).rounded()), c))
            }
            order.removeAll(keepingCapacity: true)
            for d in 0..<7 where !days[d].isEmpty {
                days[d].sort { $0.key != $1.key ? $0.key < $1.key : $0.c < $1.c }
                order.append(contentsOf: days[d])
            }
            var last: (Int8, Double)? = nil
            for (_, c) in order {
                let s = Int(m.candSession[c])
                let key = (m.sessionDay[s], m.sessionHours[s])
                if last == nil || last!.0 != key.0 || last!.1 != key.1 {
                    if last != nil { itemStart.append(Int32(itemCost.count)) }
                    groupDay.append(key.0)
                    groupHours.append(key.1)
                    last = key
                }
                if m.candNeedsBooking[c] { bookingItems.append((Int32(itemCost.count), Int32(c))) }
                itemCost.append(m.candNeedsBooking[c] ? m.candCost[c] + bookingShare[c] : m.candCost[c])
                itemKey.append(Int32(s) * keyStride + (keyedByTag ? (m.tag[p] >= 0 ? m.tag[p] : Int32(m.tagCount)) : 0))
            }
            if last != nil { itemStart.append(Int32(itemCost.count)) }
            groupStart.append(Int32(groupDay.count))
        }
    }
}

/// A state of the week's dynamic programme: hours so far, their cost, and how it was reached
/// (the (day, length) group taken last, as an offset among the person's groups; -1 for none).
struct WeekState {
    var hours: Double
    var cost: Double
    var parent: Int32
    var group: Int32
}

/// The people's cheapest weeks at one step's prices (see `LowerBound.compute`).
struct Weeks {
    var value: Double
    /// Per session, the people whose week takes it; per group, the starters who take it.
    var usage: [Int32]
    var groupUse: [Int]
    /// Candidates needing an interpreter booking in those weeks.
    var booked: [Int]
    /// Per slice, the items tagged people chose in work parties whose isolation is priced, with
    /// their price keys (`IsolationPrices`).
    var alone: [[(item: Int32, key: Int32)]]
}

/// Exact per-person pattern choice: at most one session a day, hours capped, prices included.
/// Dynamic programming over the days that have candidates; states are distinct hour totals.
/// Scratch storage is reused across people, so a step allocates nothing.
struct PatternDP {
    /// Per (day, length) group of the person solved, its cheapest item's cost and index (-1:
    /// every item blocked); `baseCost`/`baseItem` keep the unblocked ones for a starter's group
    /// choices.
    var minCost: [Double] = []
    var minItem: [Int32] = []
    var baseCost: [Double] = []
    var baseItem: [Int32] = []
    /// The week's states, layer by layer (one layer a day with candidates).
    var states: [WeekState] = []
    /// The sessions of the last week solved, and their items in the pattern index.
    var lastWeek: [Int32] = []
    var lastItems: [Int32] = []
    /// Items may cost less than nothing (isolation prices are on).
    var pricesCanBeNegative = false

    /// The cheapest week and its sessions (`lastWeek`), added to `usage`.
    mutating func solve(_ m: SolverModel, _ x: PatternIndex, worker w: Int, person p: Int, lambda: [Double], usage: inout [Int32]) -> Double {
        let value = solve(m, x, worker: w, person: p, lambda: lambda)
        for s in lastWeek { usage[Int(s)] += 1 }
        return value
    }

    /// The cheapest week; its sessions in `lastWeek`.
    mutating func solve(_ m: SolverModel, _ x: PatternIndex, worker w: Int, person p: Int, lambda: [Double]) -> Double {
        let groups = Int(x.groupStart[w])..<Int(x.groupStart[w + 1])
        minCost.removeAll(keepingCapacity: true); minItem.removeAll(keepingCapacity: true)
        for g in groups {
            let (cost, item) = Self.cheapestItem(x, group: g, lambda: lambda, skipping: nil)
            minCost.append(cost); minItem.append(item)
        }
        return week(m, x, groups: groups, person: p)
    }

    /// The cheapest item of (day, length) group `g` at these prices (per price key), not a
    /// `blocked` session's (item -1 when there is none). The scan most of a bound step is spent in.
    @inline(__always)
    private static func cheapestItem(_ x: PatternIndex, group g: Int, lambda: [Double], skipping blocked: [Bool]?) -> (Double, Int32) {
        var bestC = Double.infinity, bestK: Int32 = -1
        for k in Int(x.itemStart[g])..<Int(x.itemStart[g + 1]) {
            let key = x.itemKey[k]
            if let blocked, blocked[Int(x.session(ofKey: key))] { continue }
            let c = x.itemCost[k] + lambda[Int(key)]
            if c < bestC { bestC = c; bestK = Int32(truncatingIfNeeded: k) }
        }
        return (bestC, bestK)
    }

    /// A starter with unpaid work: unplaced with the cheapest week, or the group (-1: none) whose
    /// cost (`groupCost`, in `groupCandidates` order), price and cheapest week without the
    /// sessions it `clashes` with cost least; that week in `lastWeek`. A clashing group's week is
    /// solved again only when it could win (it costs no less than the week with every session),
    /// and only its clashing days are scanned again. `blocked` is scratch, all false, one per
    /// session.
    mutating func solveStarter(_ m: SolverModel, _ x: PatternIndex, worker w: Int, person p: Int, lambda: [Double], groupCost: [Double],
                               groupPrices: [Double], clashes: [[Int32]], blocked: inout [Bool]) -> (value: Double, group: Int) {
        let free = solve(m, x, worker: w, person: p, lambda: lambda)
        var chosenWeek = lastWeek, chosenItems = lastItems
        var value = free + m.weights.starterUnplaced, group = -1
        let groups = Int(x.groupStart[w])..<Int(x.groupStart[w + 1])
        var saved = false
        // Groups that clash with nothing first: their week is the free one, and the best of them
        // leaves fewer clashing groups worth solving.
        for pass in 0..<2 {
            let clashing = pass == 1
            for (j, g) in m.groupCandidates[p].enumerated() where clashes[j].isEmpty != clashing {
                let price = groupCost[j] + groupPrices[Int(g)]
                guard price + free < value else { continue }
                if !clashing { (value, group) = (price + free, Int(g)); continue }
                // The unblocked minima, kept the first time a clashing group is solved (when a
                // clash-free group or staying unplaced wins outright, never). Copied element by
                // element: no array is shared, so no write below allocates.
                if saved {
                    for i in minCost.indices { minCost[i] = baseCost[i]; minItem[i] = baseItem[i] }
                } else {
                    baseCost.removeAll(keepingCapacity: true); baseCost.append(contentsOf: minCost)
                    baseItem.removeAll(keepingCapacity: true); baseItem.append(contentsOf: minItem)
                    saved = true
                }
                var days = 0
                for s in clashes[j] { blocked[Int(s)] = true; days |= 1 << Int(m.sessionDay[Int(s)]) }
                for g in groups where days & (1 << Int(x.groupDay[g])) != 0 {
                    (minCost[g - groups.lowerBound], minItem[g - groups.lowerBound]) = Self.cheapestItem(x, group: g, lambda: lambda, skipping: blocked)
                }
                for s in clashes[j] { blocked[Int(s)] = false }
                let v = price + week(m, x, groups: groups, person: p)
                if v < value { (value, group) = (v, Int(g)); chosenWeek = lastWeek; chosenItems = lastItems }
            }
        }
        lastWeek = chosenWeek
        lastItems = chosenItems
        return (value, group)
    }

    /// The cheapest week from each group's cheapest item (`minCost`, `minItem`): one session a
    /// day at most, hours capped; its sessions in `lastWeek`, their items in `lastItems`.
    private mutating func week(_ m: SolverModel, _ x: PatternIndex, groups: Range<Int>, person p: Int) -> Double {
        states.removeAll(keepingCapacity: true)
        states.append(WeekState(hours: 0, cost: 0, parent: -1, group: -1))
        var from = 0, to = 1
        let maxH = m.maxHours[p] + 1e-9
        let target = max(0, m.target[p])
        // Isolation prices can make a session pay to attend (a companion wanted). Then a week at
        // its target may still grow; its hours stay counted at the target, which relaxes the
        // weekly maximum past it (still a bound). Without them a cost is never below zero but by
        // rounding (booking prices are updated by differences), which must not relax the week.
        let growsPastTarget = pricesCanBeNegative && minCost.contains { $0 < 0 }
        var g = groups.lowerBound
        while g < groups.upperBound {
            // This day's groups: g..<dayEnd.
            let day = x.groupDay[g]
            var dayEnd = g + 1
            while dayEnd < groups.upperBound && x.groupDay[dayEnd] == day { dayEnd += 1 }
            let base = states.count
            for i in from..<to {
                let state = states[i]
                put(WeekState(hours: state.hours, cost: state.cost, parent: Int32(i), group: -1), base)
                // A state at the target is final: more sessions cost more and save no shortfall
                // (with no negative cost), so all of them share one state and none grows.
                guard state.hours < target || growsPastTarget else { continue }
                for k in g..<dayEnd {
                    guard minItem[k - groups.lowerBound] >= 0, state.hours + x.groupHours[k] <= maxH else { continue }
                    put(WeekState(hours: min(target, state.hours + x.groupHours[k]), cost: state.cost + minCost[k - groups.lowerBound],
                                  parent: Int32(i), group: Int32(k - groups.lowerBound)), base)
                }
            }
            (from, to) = (base, states.count)
            g = dayEnd
        }
        var bestI = from, bestV = Double.infinity
        for i in from..<to {
            let v = states[i].cost + max(0, m.target[p] - states[i].hours) * m.weights.hoursShortfall
            if v < bestV { bestV = v; bestI = i }
        }
        var i = bestI
        lastWeek.removeAll(keepingCapacity: true)
        lastItems.removeAll(keepingCapacity: true)
        while i >= 0 {
            let k = Int(states[i].group)
            if k >= 0 {
                // The person's items were just scanned: reading the key again is a cache hit.
                let item = minItem[k]
                lastWeek.append(x.session(ofKey: x.itemKey[Int(item)]))
                lastItems.append(item)
            }
            i = Int(states[i].parent)
        }
        return bestV
    }

    /// Adds `state` to the layer starting at `base`, or keeps the cheaper of it and the state
    /// there with the same hours.
    private mutating func put(_ state: WeekState, _ base: Int) {
        for j in base..<states.count where abs(states[j].hours - state.hours) < 1e-9 {
            if state.cost < states[j].cost { states[j] = state }
            return
        }
        states.append(state)
    }
}
