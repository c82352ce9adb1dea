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
/// fewer than `stepsForIsolationPrices` steps: large regions in a short solve), a
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
    /// fixed shares (measured in docs/experiments).
    static let stepsForBookingPrices = 200
    /// From this many affordable steps on, isolation is priced too (`IsolationPrices`).
    static let stepsForIsolationPrices = 1_000
    /// Without isolation prices, a proximal bundle sets the seat, group and interpreter-time
    /// prices, and the booking prices keep subgradient steps of this share of its `t`: hundreds
    /// of thousands of them, each subgradient ±1, would make every trial point rewrite tens of
    /// thousands of items (the share was chosen in docs/experiments).
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
        let groupSeats = (0..<m.groupCapacity.count).map { max(0, Int(m.groupCapacity[$0]) - m.enrolledMembers[$0].count) }
        // People with an order but no candidate session carry their whole target as shortfall.
        var workers: [Int] = []
        for p in 0..<m.personCount where m.hasOrder[p] {
            if m.candidates(of: p).isEmpty { constant += max(0, m.target[p]) * m.weights.hoursShortfall } else { workers.append(p) }
        }
        // Building the pattern index and pricing the rota's seats cost time per pair: a budget
        // that cannot pay for them gets the bound of the costs no decision changes, rather than
        // a solve that ends seconds past its limit.
        if seconds < Double(m.pairCount) * Self.buildSecondsPerPair / Double(max(1, threads)) { return constant }
        let subproblems = PersonSubproblems(model: m, people: workers, slices: max(1, min(threads, workers.count / 64)))
        let slices = subproblems.slices
        let shares = BookingShares(m)
        // With work parties and tags, and a budget that looks long enough for isolation prices
        // (`IsolationPrices`), prices are kept per (session, tag). Reading them slows the steps,
        // so not on a budget that could not afford the isolation prices anyway.
        let estimatedSteps = seconds * Double(max(1, threads)) / (Double(max(1, m.pairCount)) * Solver.boundSecondsPerPair)
        var isolation: IsolationPrices? = m.tagCount > 0 && (isolationChoice ?? (estimatedSteps >= Double(Self.stepsForIsolationPrices)))
            && (0..<m.placementSessionCount).contains { m.sessionIsWorkParty[$0] } ? IsolationPrices(m) : nil
        let keyedByTag = isolation != nil
        var pricingIsolation = false
        // One pattern index per slice of people, built in parallel (sorting a large region's
        // candidates on one core is most of a short bound's budget otherwise).
        let built = SliceResults<PatternIndex?>(count: slices, empty: nil)
        DispatchQueue.concurrentPerform(iterations: slices) { k in
            built.set(k, PatternIndex(m, workers: Array(subproblems.people(ofSlice: k)), bookingShare: shares, keyedByTag: keyedByTag))
        }
        // Taken out of the slices' cells, so that the indices are the only owners of their
        // arrays: the booking and isolation prices rewrite item costs in place, and a second
        // owner would copy every slice's costs at the first write.
        var indices = (0..<slices).map { built.take($0, leaving: nil)! }
        // Booking prices replace the shares once the budget is known to afford their steps.
        var bookingPrices: BookingPrices? = nil
        let indexBuilt = DispatchTime.now().uptimeNanoseconds
        var prices = PriceUpdater(model: m, groupSeats: groupSeats, upperBound: upperBound)
        // Subgradient steps from zero prices climb for hundreds of steps before the contested
        // seats are priced; a good rota knows those prices nearly. Start from them when they
        // bound higher than no prices (compared with the first step, at zero prices).
        var warm: (prices: [Double], weeks: Weeks, value: Double, nanos: UInt64)? = nil
        if let rota, seconds > 0 {
            let seat = seatPrices(from: rota, threads: threads)
            let priced = DispatchTime.now().uptimeNanoseconds
            let weeks = subproblems.solve(seatPrices: seat, groupPrices: prices.mu, indices: indices, isolation: isolation,
                                          pricingIsolation: false, bookings: false)
            var value = weeks.value
            for s in 0..<m.placementSessionCount { value -= seat[s] * Double(m.sessionCapacity[s]) }
            warm = (seat, weeks, value, DispatchTime.now().uptimeNanoseconds - priced)
        }
        var stepsStart = DispatchTime.now().uptimeNanoseconds
        let tracing = trace != nil
        var iteration = 0
        while true {
            // The slices read this step's indices; their reference ends with the call, so
            // rewriting the booking items' costs afterwards does not copy the whole index.
            var weeks = subproblems.solve(seatPrices: prices.lambda, groupPrices: prices.mu, indices: indices, isolation: isolation,
                                          pricingIsolation: pricingIsolation, bookings: bookingPrices != nil)
            if let start = warm {
                if tracing { trace?("trace: bound from the rota's prices \(start.value) (priced in \(Double(stepsStart - indexBuilt) / 1e9)s), from zero \(weeks.value)\n") }
                warm = nil
                if start.value > weeks.value {
                    // This step is the rota's prices, already evaluated: the steps are timed as
                    // if that evaluation had been this one.
                    prices.lambda = start.prices
                    weeks = start.weeks
                    let now = DispatchTime.now().uptimeNanoseconds
                    prices.theta = warmStartTheta(affordableSteps: Double(deadline - min(deadline, now)) / Double(max(1, start.nanos)))
                    stepsStart = now - start.nanos
                }
            }
            let usage = weeks.usage
            var value = constant + weeks.value
            if bookingPrices != nil { value += bookingPrices!.settle(chosenCandidates: weeks.booked) }
            if pricingIsolation { value += isolation!.settle(chosen: weeks.alone, usage: usage) }
            for s in 0..<m.placementSessionCount { value -= prices.lambda[s] * Double(m.sessionCapacity[s]) }
            var groupUse = weeks.groupUse
            value += subproblems.chooseGroups(groupPrices: prices.mu, groupUse: &groupUse)
            for g in groupSeats.indices { value -= prices.mu[g] * Double(groupSeats[g]) }
            iteration += 1
            let now = DispatchTime.now().uptimeNanoseconds
            if iteration == 2 {
                // θ halves after `patience` steps without a better bound. Halving every 5 steps
                // stalls a long budget far below what more steps reach, and halving rarely
                // wastes a short one, so patience follows the steps the budget affords.
                let perStep = max(1, (now - stepsStart) / 2)
                let affordable = Int((deadline - min(deadline, now)) / perStep)
                prices.patience = min(50, max(5, affordable / 20))
                // Per-candidate booking prices need steps to settle and a moment to build: on a
                // short budget the shares stay.
                if affordable >= Self.stepsForBookingPrices { bookingPrices = BookingPrices(m, indices: &indices, replacing: shares) }
                // Isolation prices slow the seat prices' convergence: they pay only on a budget
                // long enough for both (measured in docs/experiments).
                pricingIsolation = isolation != nil && (isolationChoice ?? (affordable >= Self.stepsForIsolationPrices))
            }
            prices.record(value)
            if now >= deadline || prices.converged || iteration >= 20_000 { break }
            let norm = prices.squaredNorm(usage: usage, groupUse: groupUse, bookingPrices: bookingPrices, isolation: pricingIsolation ? isolation : nil)
            if norm == 0 { break }  // the relaxed choice fits every seat: it is optimal for the relaxation
            if !pricingIsolation && iteration >= 3 {
                prices.bundleStep(value: value, norm: norm, usage: usage, groupUse: groupUse, bookingPrices: &bookingPrices, indices: &indices)
            } else {
                prices.subgradientStep(value: value, norm: norm, usage: usage, groupUse: groupUse, bookingPrices: &bookingPrices,
                                       isolation: &isolation, pricingIsolation: pricingIsolation, indices: &indices)
            }
        }
        if tracing {
            trace?("trace: bound \(iteration) steps in \(Double(DispatchTime.now().uptimeNanoseconds - stepsStart) / 1e9)s, index built in \(Double(indexBuilt - start) / 1e9)s\n")
        }
        return prices.best
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

    /// The first step size from the rota's prices. θ = 2 throws a good start far back; a budget of
    /// several hundred steps recovers, one of a hundred or two does not, and smaller first steps
    /// keep the start. So θ starts at 2 from 400 affordable steps and falls with the square of
    /// fewer, to 0.25 (measured in docs/experiments).
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
    /// seat its holder could swap for a free one nearby (docs/experiments). Other sessions: 0.
    static func seatPrices(from rota: SearchState, threads: Int = 1) -> [Double] {
        let m = rota.m
        // Sessions in contiguous slices, one a core.
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
                return WeeklyHours.exceedsMaximum(after, maximum: m.maxHours[p]) ? -.infinity : now - rota.shortfall(p, after) - m.candCost[c]
            }
            var best = -Double.infinity
            for j in 0..<Int(rota.heldCount[p]) {
                let held = rota.heldCandidate(p, j)
                let t = Int(m.candSession[held])
                guard held != skip, m.sessionDay[t] == m.sessionDay[s] else { continue }
                let after = hours - m.sessionHours[t] + m.sessionHours[s]
                if !WeeklyHours.exceedsMaximum(after, maximum: m.maxHours[p]) { best = max(best, now - rota.shortfall(p, after) - m.candCost[c] + m.candCost[held]) }
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
