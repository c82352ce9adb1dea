import RotaEngine
import RotaGenerator
@testable import RotaSolver
import XCTest

/// A generated region, its solver model and the construction's rota.
func constructedRota(people: Int, seed: UInt64) -> (Region, SolverModel, SearchState) {
    let region = Region(RegionGenerator(people: people, seed: seed).generate())
    let model = SolverModel(region: region)
    var state = SearchState(model: model)
    Construction.build(&state)
    return (region, model, state)
}

/// The solver's incremental score must equal the exact scorer's after every move.
final class IncrementalScoreTests: XCTestCase {
    func assertAgrees(_ state: SearchState, _ region: Region, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        let report = Scorer.score(state.rota(), in: region)
        XCTAssertEqual(report.hard, 0, "\(context): \(report.violations.prefix(3).map(\.message))", file: file, line: line)
        XCTAssertEqual(state.soft, report.soft, accuracy: 1e-6 * max(1, report.soft), context, file: file, line: line)
        XCTAssertEqual(state.checkInvariants(), [], context, file: file, line: line)
    }

    /// Runs `move` once from a clear journal: the cost before it when it was made, nil when it
    /// gave up — which must leave no step to undo.
    /// Rolls the move just made back and checks the rota is as it was: its cost `soft` and every
    /// piece of bookkeeping.
    func assertUndone(_ search: inout AnnealingSearch, to soft: Double, file: StaticString = #filePath, line: UInt = #line) {
        search.state.rollback(&search.journal)
        XCTAssertEqual(search.state.soft, soft, accuracy: 1e-6, file: file, line: line)
        XCTAssertEqual(search.state.checkInvariants(), [], "rollback restores the rota", file: file, line: line)
    }

    /// The (session, language) keys booked in placement sessions.
    func bookedPlacementKeys(_ state: SearchState) -> Set<Int> {
        Set((0..<state.m.placementSessionCount * state.L).filter { state.bookedInterpreter[$0] >= 0 })
    }

    /// Per person, the sessions they hold.
    func heldSessions(_ state: SearchState) -> [Set<Int32>] {
        (0..<state.m.personCount).map { p in Set(state.heldCandidates(p).map { state.m.candSession[Int($0)] }) }
    }

    /// Makes `move` on three constructed rotas (`people`, generator seeds offset by `seedOffset`),
    /// each after 300 ordinary steps, until `perSeed` are made on each or `attempts` are spent.
    /// Each move made is checked against the scorer, then handed to `check` still applied, with
    /// the cost before it, the model and the seed; `check` undoes it. Returns how many were made.
    func eachMadeMove(_ name: String, people: Int, seedOffset: UInt64, attempts: Int, perSeed: Int,
                      _ move: (inout AnnealingSearch) -> Bool,
                      check: (inout AnnealingSearch, Double, SolverModel, UInt64) -> Void) -> Int {
        var made = 0
        for seed in UInt64(1)...3 {
            let (region, model, initial) = constructedRota(people: people, seed: seed &+ seedOffset)
            var search = AnnealingSearch(state: initial, seed: seed)
            for _ in 0..<300 { search.step() }
            var madeHere = 0
            for _ in 0..<attempts where madeHere < perSeed {
                guard let soft = attempt(&search, move) else { continue }
                made += 1
                madeHere += 1
                assertAgrees(search.state, region, "seed \(seed) \(name)")
                check(&search, soft, model, seed)
            }
        }
        return made
    }

    func attempt(_ search: inout AnnealingSearch, _ move: (inout AnnealingSearch) -> Bool,
                 file: StaticString = #filePath, line: UInt = #line) -> Double? {
        let soft = search.state.soft
        search.journal.clear()
        guard move(&search) else {
            XCTAssertTrue(search.journal.steps.isEmpty, "a move that gives up leaves the rota as it was", file: file, line: line)
            return nil
        }
        return soft
    }

    func testRandomMovesKeepTheIncrementalScoreEqualToTheScorer() {
        for seed in UInt64(1)...6 {
            let region = Region(RegionGenerator(people: 80 + Int(seed) * 20, seed: seed).generate())
            let model = SolverModel(region: region)
            var state = SearchState(model: model)
            var rng = SplitMix64(seed: seed)
            assertAgrees(state, region, "seed \(seed) empty")
            var applied = 0
            for step in 0..<2500 {
                let p = rng.below(model.personCount)
                switch rng.below(4) {
                case 0, 1:
                    let cands = model.candidates(of: p)
                    guard !cands.isEmpty else { continue }
                    let c = cands.lowerBound + rng.below(cands.count)
                    guard state.canAdd(p, candidate: c) else { continue }
                    let predicted = state.addDelta(p, candidate: c)
                    let before = state.soft
                    state.add(p, candidate: c)
                    XCTAssertEqual(state.soft - before, predicted, accuracy: 1e-6, "addDelta")
                case 2:
                    guard !state.heldCandidates(p).isEmpty else { continue }
                    let c = state.heldCandidate(p, rng.below(Int(state.heldCount[p])))
                    state.remove(p, candidate: c)
                default:
                    guard model.isStarter[p], !model.groupCandidates[p].isEmpty else { continue }
                    if state.groupOf[p] >= 0 {
                        state.deallocate(p)
                    } else {
                        let k = rng.below(model.groupCandidates[p].count)
                        guard state.canAllocate(p, group: Int(model.groupCandidates[p][k])) else { continue }
                        let predicted = state.allocateDelta(p, groupChoice: k)
                        let before = state.soft
                        state.allocate(p, groupChoice: k)
                        XCTAssertEqual(state.soft - before, predicted, accuracy: 1e-6, "allocateDelta")
                    }
                }
                applied += 1
                if step % 5 == 0 { assertAgrees(state, region, "seed \(seed) step \(step)") }
            }
            XCTAssertGreaterThan(applied, 500, "the test must exercise real moves")
            assertAgrees(state, region, "seed \(seed) final")
        }
    }

    func testSearchMovesAndRollbacksKeepTheScoreExact() {
        for seed in UInt64(1)...4 {
            let (region, _, initial) = constructedRota(people: 150, seed: seed &+ 100)
            assertAgrees(initial, region, "construction \(seed)")
            var search = AnnealingSearch(state: initial, seed: seed)
            for i in 0..<3000 {
                search.step()
                XCTAssertEqual(search.current, search.state.soft, accuracy: 1e-6)
                if i % 10 == 0 { assertAgrees(search.state, region, "seed \(seed) move \(i)") }
            }
            search.restoreBest()
            XCTAssertEqual(search.state.soft, search.best, accuracy: 1e-6, "the best rota is rebuilt exactly")
            assertAgrees(search.state, region, "seed \(seed) best")
        }
    }

    /// The pair move takes two people of one isolation tag from one session to another together,
    /// keeps every rule and the exact score, and is undone exactly when rejected.
    func testTagPairMoveMovesTwoPeopleOfOneTagTogether() {
        var made = 0
        for seed in UInt64(1)...3 {
            let (region, model, initial) = constructedRota(people: 200, seed: seed &+ 200)
            var search = AnnealingSearch(state: initial, seed: seed)
            // Rollback restores who holds what, not the order of each person's list.
            func holdings(_ state: SearchState) -> [Set<Int32>] { state.held.map(Set.init) }
            for _ in 0..<400 {
                let before = holdings(search.state)
                let soft = search.state.soft
                search.journal.clear()
                guard search.tagPairMove() else {
                    XCTAssertTrue(holdings(search.state) == before, "a move that gives up leaves the rota as it was")
                    continue
                }
                made += 1
                let after = holdings(search.state)
                let moved = (0..<model.personCount).filter { after[$0] != before[$0] }
                XCTAssertEqual(moved.count, 2, "seed \(seed)")
                XCTAssertEqual(Set(moved.map { model.tag[$0] }).count, 1, "both movers share a tag")
                let left = moved.map { p in Set(before[p].subtracting(after[p]).map { model.candSession[Int($0)] }) }
                let joined = moved.map { p in Set(after[p].subtracting(before[p]).map { model.candSession[Int($0)] }) }
                XCTAssertEqual(left[0], left[1], "they leave the same session")
                XCTAssertEqual(joined[0], joined[1], "they join the same session")
                assertAgrees(search.state, region, "seed \(seed) pair move")
                search.state.rollback(&search.journal)
                XCTAssertTrue(holdings(search.state) == before, "rollback restores the rota")
                XCTAssertEqual(search.state.soft, soft, accuracy: 1e-6)
            }
        }
        XCTAssertGreaterThan(made, 20, "the test must see real pair moves")
    }

    /// Handing a booking to a colleague changes one booking's interpreter, never the cost, keeps
    /// every interpreter to one place at a time (the scorer checks), and is undone exactly.
    func testRebookingHandsOneBookingToAFreeColleagueAtTheSameCost() {
        var made = 0
        for seed in UInt64(1)...3 {
            let (region, _, initial) = constructedRota(people: 400, seed: seed &+ 300)
            var search = AnnealingSearch(state: initial, seed: seed)
            for _ in 0..<600 {
                let before = search.state.bookedInterpreter
                let soft = search.state.soft
                search.journal.clear()
                guard search.rebookMove() else {
                    XCTAssertEqual(search.state.bookedInterpreter, before, "a move that gives up changes nothing")
                    continue
                }
                made += 1
                let changed = before.indices.filter { before[$0] != search.state.bookedInterpreter[$0] }
                XCTAssertEqual(changed.count, 1, "seed \(seed)")
                XCTAssertTrue(changed.allSatisfy { search.state.bookedInterpreter[$0] >= 0 }, "the booking stays booked")
                XCTAssertEqual(search.state.soft, soft, accuracy: 1e-9)
                assertAgrees(search.state, region, "seed \(seed) rebooking")
                if made % 2 == 0 {
                    search.state.rollback(&search.journal)
                    XCTAssertEqual(search.state.bookedInterpreter, before, "rollback restores the booking")
                    XCTAssertEqual(search.state.checkInvariants(), [])
                }
            }
            // The search keeps its best rota by holdings and bookings and rebuilds it from them:
            // the rebuild has the same bookings, fixed sessions' included, and breaks no rule.
            let rebuilt = SearchState.rebuild(model: search.state.m, held: search.state.held,
                                              groupOf: search.state.groupOf, bookings: search.state.bookedInterpreter)
            XCTAssertEqual(rebuilt.bookedInterpreter, search.state.bookedInterpreter, "seed \(seed)")
            assertAgrees(rebuilt, region, "seed \(seed) rebuilt after rebookings")
        }
        XCTAssertGreaterThan(made, 20, "the test must see real rebookings")
    }

    /// Enrolled members' fixed bookings can be handed on too; a rebuilt rota keeps the
    /// interpreter the rota has, not the one first-fit would give (which the rota may have at
    /// another session then: a missing booking, rule 5).
    func testRebuildKeepsFixedSessionsBookingsAfterTheyAreHandedOn() {
        var checked = 0
        for seed in UInt64(1)...4 where checked < 3 {
            var (region, model, state) = constructedRota(people: 1_500, seed: seed &+ 40)
            let fixedKeys = state.bookedInterpreter.indices.filter { k in
                state.bookedInterpreter[k] >= 0 && k / state.L >= model.placementSessionCount
            }
            for key in fixedKeys {
                let s = key / state.L
                let from = Int(state.bookedInterpreter[key])
                guard let to = model.interpretersByLanguage[key % state.L].first(where: { Int($0) != from && state.interpreterIsFree(Int($0), for: s) }) else { continue }
                state.moveBooking(key, to: Int(to))
                checked += 1
            }
            let rebuilt = SearchState.rebuild(model: model, held: state.held, groupOf: state.groupOf, bookings: state.bookedInterpreter)
            let differing = zip(rebuilt.bookedInterpreter, state.bookedInterpreter).filter { $0 != $1 }.count
            XCTAssertEqual(differing, 0, "seed \(seed): bookings the rebuild changed")
            assertAgrees(rebuilt, region, "seed \(seed)")
        }
        XCTAssertGreaterThan(checked, 0, "the test must hand on a fixed booking")
    }

    /// The pair swap exchanges two people of one tag with two of another between two sessions,
    /// keeps every rule and the exact score, and is undone exactly.
    func testPairSwapExchangesTwoSameTagPairsBetweenTwoSessions() {
        var made = 0
        for seed in UInt64(1)...3 {
            let (region, model, initial) = constructedRota(people: 250, seed: seed &+ 300)
            var search = AnnealingSearch(state: initial, seed: seed)
            func sessions(_ state: SearchState, _ p: Int) -> Set<Int32> { Set(state.heldCandidates(p).map { model.candSession[Int($0)] }) }
            for _ in 0..<600 {
                let before = (0..<model.personCount).map { sessions(search.state, $0) }
                let soft = search.state.soft
                search.journal.clear()
                guard search.pairSwapMove() else { continue }
                made += 1
                let moved = (0..<model.personCount).filter { sessions(search.state, $0) != before[$0] }
                XCTAssertEqual(moved.count, 4, "seed \(seed)")
                // Group the movers by the session they left: two per session, one tag per pair.
                let byLeft = Dictionary(grouping: moved) { before[$0].subtracting(sessions(search.state, $0)).first! }
                XCTAssertEqual(byLeft.count, 2)
                for (_, pair) in byLeft {
                    XCTAssertEqual(pair.count, 2)
                    XCTAssertEqual(model.tag[pair[0]], model.tag[pair[1]], "each pair shares a tag")
                }
                assertAgrees(search.state, region, "seed \(seed) pair swap")
                search.state.rollback(&search.journal)
                XCTAssertTrue((0..<model.personCount).allSatisfy { sessions(search.state, $0) == before[$0] }, "rollback restores the rota")
                XCTAssertEqual(search.state.soft, soft, accuracy: 1e-6)
            }
        }
        XCTAssertGreaterThan(made, 10, "the test must see real pair swaps")
    }

    /// The displacement takes a person into a full session and moves one of its people on —
    /// back into the seat just left when they can go there — keeping every rule and the exact
    /// score, and is undone exactly.
    func testDisplacementMovesSomeoneIntoAFullSessionAndItsOccupantOn() {
        var tookTheVacatedSeat = 0
        let made = eachMadeMove("displacement", people: 250, seedOffset: 400, attempts: 3000, perSeed: 40, { $0.displaceMove() }) { search, soft, model, seed in
            let after = heldSessions(search.state)
            assertUndone(&search, to: soft)
            let before = heldSessions(search.state)
            let moved = (0..<model.personCount).filter { after[$0] != before[$0] }
            XCTAssertEqual(moved.count, 2, "seed \(seed)")
            guard moved.count == 2 else { return }
            // One mover entered a session that was full, which the other left.
            let left = moved.map { before[$0].subtracting(after[$0]) }
            let joined = moved.map { after[$0].subtracting(before[$0]) }
            let displaced = [(0, 1), (1, 0)].contains { i, j in
                joined[i].contains { search.state.headcount[Int($0)] >= search.state.capacity[Int($0)] && left[j].contains($0) }
            }
            XCTAssertTrue(displaced, "seed \(seed): someone enters a full session its occupant leaves")
            if !left[0].isDisjoint(with: joined[1]) && !left[1].isDisjoint(with: joined[0]) { tookTheVacatedSeat += 1 }
        }
        XCTAssertEqual(made, 120, "the test must see real displacements")
        XCTAssertGreaterThan(tookTheVacatedSeat, 0, "and occupants taking the seat just left")
    }

    /// The pair replan changes at most two people's weeks, keeps every rule and the exact score,
    /// and is undone exactly; among its changes are weeks where someone took a seat in a session
    /// that was full, which its holder gave up, and the one who planned last holds a cheapest
    /// week open to them.
    func testPairReplanMovesSomeoneIntoASeatItsHolderGivesUp() {
        var tookTheSeat = 0
        let made = eachMadeMove("pair replan", people: 250, seedOffset: 430, attempts: 3000, perSeed: 40, { $0.replanPairMove() }) { search, soft, model, seed in
            let after = search.state
            let afterSessions = heldSessions(after)
            assertUndone(&search, to: soft)
            let before = heldSessions(search.state)
            let full = (0..<model.placementSessionCount).map { !search.state.hasFreeSeat($0) }
            let moved = (0..<model.personCount).filter { afterSessions[$0] != before[$0] }
            XCTAssertLessThanOrEqual(moved.count, 2, "seed \(seed)")
            if moved.count == 2 {
                let (a, b) = (moved[0], moved[1])
                let took = [(a, b), (b, a)].contains { p, q in
                    afterSessions[p].subtracting(before[p]).contains { full[Int($0)] && before[q].contains($0) && !afterSessions[q].contains($0) }
                }
                if took { tookTheSeat += 1 }
            }
            // Someone who moved holds a cheapest week with everyone else as they are.
            var planner = WeekPlanner()
            let cheapest = moved.contains { p in
                var without = after
                let held = Array(after.heldCandidates(p))
                for c in held { without.remove(p, candidate: Int(c)) }
                return without.bestWeek(for: p, using: &planner) >= after.soft - without.soft - 1e-6
            }
            XCTAssertTrue(moved.isEmpty || cheapest, "seed \(seed): the last planner's week is a cheapest one")
        }
        XCTAssertEqual(made, 120, "the test must see real pair replans")
        XCTAssertGreaterThan(tookTheSeat, 0, "and people taking a seat its holder gave up")
    }

    /// A starter moved into a group whose sessions overlap placement sessions they hold gives
    /// those up and has their week refilled around the group; the move keeps every rule and the
    /// exact score, and is undone exactly.
    func testAStarterJoiningAClashingGroupGivesUpTheSessionsItOverlaps() {
        var cleared = 0, moves = 0
        for seed in UInt64(1)...2 {
            let (region, model, initial) = constructedRota(people: 300, seed: seed &+ 500)
            var search = AnnealingSearch(state: initial, seed: seed)
            for _ in 0..<300 { search.step() }
            for _ in 0..<400 {
                let before = (0..<model.personCount).map { Set(search.state.heldCandidates($0)) }
                guard let soft = attempt(&search, { $0.starterMove() }) else { continue }
                moves += 1
                assertAgrees(search.state, region, "seed \(seed) starter move")
                let changed = (0..<model.personCount).filter { Set(search.state.heldCandidates($0)) != before[$0] }
                XCTAssertLessThanOrEqual(changed.count, 1, "only the starter's own week changes")
                for p in changed {
                    XCTAssertTrue(model.starters.contains(Int32(p)))
                    let g = Int(search.state.groupOf[p])
                    guard g >= 0 else { continue }
                    let overlapped = before[p].contains { c in model.groupSessions[g].contains { model.overlaps(Int($0), Int(model.candSession[Int(c)])) } }
                    if overlapped { cleared += 1 }
                }
                if moves % 2 == 0 {
                    assertUndone(&search, to: soft)
                }
            }
        }
        XCTAssertGreaterThan(moves, 100)
        XCTAssertGreaterThan(cleared, 0, "some starters join a group over placement sessions they held")
    }

    /// Dissolving a booking takes the people it serves out of that session and refills them
    /// elsewhere, never back into it: the booking ends, only they move, every rule and the exact
    /// score hold, and the move is undone exactly.
    func testDissolvingABookingEndsItAndMovesOnlyThePeopleItServed() {
        var refilled = 0
        let made = eachMadeMove("dissolving a booking", people: 300, seedOffset: 600, attempts: 2000, perSeed: 20, { $0.dissolveBookingMove() }) { search, soft, model, seed in
            let after = (0..<model.personCount).map { Set(search.state.heldCandidates($0)) }
            let bookingsAfter = bookedPlacementKeys(search.state)
            assertUndone(&search, to: soft)
            let held = (0..<model.personCount).map { Set(search.state.heldCandidates($0)) }
            let ended = bookedPlacementKeys(search.state).subtracting(bookingsAfter)
            XCTAssertFalse(ended.isEmpty, "seed \(seed): a booking ends")
            let moved = (0..<model.personCount).filter { after[$0] != held[$0] }
            XCTAssertFalse(moved.isEmpty)
            XCTAssertLessThanOrEqual(moved.count, AnnealingSearch.dissolvedBookingUsers)
            for p in moved {
                let l = Int(model.interpreterLanguage[p])
                XCTAssertGreaterThanOrEqual(l, 0, "only people who need an interpreter move")
                let left = held[p].subtracting(after[p]).map { Int(model.candSession[Int($0)]) }
                XCTAssertTrue(left.contains { ended.contains($0 * search.state.L + l) }, "they leave the session of the ended booking")
                XCTAssertFalse(after[p].contains { c in left.contains(Int(model.candSession[Int(c)])) }, "and do not come back")
                if after[p].count >= held[p].count { refilled += 1 }
            }
        }
        XCTAssertEqual(made, 60, "the test must see real dissolutions")
        XCTAssertGreaterThan(refilled, 0, "some people are placed elsewhere, not just dropped")
    }

    /// Relocating a booking moves its users together into another session of the same day:
    /// every rule and the exact score hold, the move is undone exactly, the booking ends where it
    /// was, and in some moves the users hold a booking of their language in the new session.
    func testRelocatingABookingMovesItsUsersTogetherToAnotherSessionOfThatDay() {
        var together = 0
        let made = eachMadeMove("relocating a booking", people: 300, seedOffset: 700, attempts: 3000, perSeed: 20, { $0.relocateBookingMove() }) { search, soft, model, seed in
            let after = heldSessions(search.state)
            let bookingsAfter = bookedPlacementKeys(search.state)
            assertUndone(&search, to: soft)
            let before = heldSessions(search.state)
            let ended = bookedPlacementKeys(search.state).subtracting(bookingsAfter)
            XCTAssertFalse(ended.isEmpty, "seed \(seed): the booking ends where it was")
            // The users of an ended booking who hold a session of that day afterwards.
            for key in ended {
                let (s, l) = (Int32(key / search.state.L), Int32(key % search.state.L))
                let users = (0..<model.personCount).filter { before[$0].contains(s) && model.interpreterLanguage[$0] == l }
                XCTAssertFalse(users.contains { after[$0].contains(s) }, "nobody stays behind in the old session")
                let landed = users.compactMap { p in after[p].subtracting(before[p]).first { model.sessionDay[Int($0)] == model.sessionDay[Int(s)] } }
                if landed.count >= 2 && Set(landed).count == 1 && bookingsAfter.contains(Int(landed[0]) * search.state.L + Int(l)) { together += 1 }
            }
        }
        XCTAssertEqual(made, 60, "the test must see real relocations")
        XCTAssertGreaterThan(together, 0, "some bookings' users land together in one new session under a booking")
    }

    /// `bestImprovingCandidate` checks the cheap rules itself and prunes by a cost bound for
    /// speed; it must choose exactly what a plain scan over `canAdd` and `addDelta` chooses.
    func testBestImprovingCandidateChoosesWhatAPlainScanChooses() {
        for seed in UInt64(1)...4 {
            let region = Region(RegionGenerator(people: 120 + Int(seed) * 30, seed: seed).generate())
            let model = SolverModel(region: region)
            var state = SearchState(model: model)
            var rng = SplitMix64(seed: seed &+ 100)
            var compared = 0
            for _ in 0..<3000 {
                let p = rng.below(model.personCount)
                let cands = model.candidates(of: p)
                guard !cands.isEmpty else { continue }
                var plain = -1, plainDelta = -1e-9
                for c in cands where state.canAdd(p, candidate: c) {
                    let d = state.addDelta(p, candidate: c)
                    if d < plainDelta { plain = c; plainDelta = d }
                }
                XCTAssertEqual(state.bestImprovingCandidate(for: p), plain, "seed \(seed) person \(p)")
                compared += 1
                // Move on: fill or empty a seat so the comparison sees full sessions, busy days,
                // bookings and people near their limits.
                if plain >= 0 && rng.chance(0.8) {
                    state.add(p, candidate: plain)
                } else if !state.heldCandidates(p).isEmpty {
                    state.remove(p, candidate: state.heldCandidate(p, rng.below(Int(state.heldCount[p]))))
                }
            }
            XCTAssertGreaterThan(compared, 1000)
        }
    }

    /// A replanned week is the cheapest of every week the person could hold with everyone else
    /// fixed: a brute force over one session a day (added for real, so every rule and cost is
    /// the rota's own) finds none cheaper, and adding the planned week changes the cost by
    /// exactly what was planned.
    func testAReplannedWeekIsTheCheapestWeekABruteForceFinds() {
        var compared = 0, changed = 0
        for seed in UInt64(1)...3 {
            let (_, model, initial) = constructedRota(people: 200, seed: seed &+ 700)
            var search = AnnealingSearch(state: initial, seed: seed)
            for _ in 0..<2000 { search.step() }
            var state = search.state
            var planner = WeekPlanner()
            var rng = SplitMix64(seed: seed)
            for _ in 0..<60 {
                let p = rng.below(model.personCount)
                guard !model.candidates(of: p).isEmpty else { continue }
                let held = Array(state.heldCandidates(p))
                for c in held { state.remove(p, candidate: Int(c)) }
                let base = state.soft
                var cheapest = 0.0
                func tryDays(from day: Int) {
                    cheapest = min(cheapest, state.soft - base)
                    for d in day..<7 {
                        for c in model.candidates(of: p) where Int(model.sessionDay[Int(model.candSession[c])]) == d && state.canAdd(p, candidate: c) {
                            state.add(p, candidate: c)
                            tryDays(from: d + 1)
                            state.remove(p, candidate: c)
                        }
                    }
                }
                tryDays(from: 0)
                let planned = state.bestWeek(for: p, using: &planner)
                XCTAssertEqual(planned, cheapest, accuracy: 1e-6, "seed \(seed) person \(p)")
                for c in planner.chosen {
                    XCTAssertTrue(state.canAdd(p, candidate: c))
                    state.add(p, candidate: c)
                }
                XCTAssertEqual(state.soft - base, planned, accuracy: 1e-6)
                XCTAssertEqual(state.checkInvariants(), [])
                if Set(planner.chosen.map(Int32.init)) != Set(held) { changed += 1 }
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 100)
        XCTAssertGreaterThan(changed, 0, "some weeks are replanned into other sessions")
    }
}

/// The Lagrangian bound is below the cost of every hard-feasible rota.
final class LowerBoundTests: XCTestCase {
    func testBoundIsBelowEveryFeasibleRotaItMeets() {
        for seed in UInt64(1)...3 {
            let (region, model, state) = constructedRota(people: 120, seed: seed &+ 40)
            var search = AnnealingSearch(state: state, seed: seed)
            for _ in 0..<20_000 { search.step() }
            // From zero prices, and from the seat prices of a searched rota; with isolation
            // priced by subgradient steps, and without, by a proximal bundle.
            var bounds: [Double] = []
            for isolation in [true, false] {
                bounds.append(LowerBound.compute(model: model, seconds: 0.5, upperBound: state.soft, threads: 2, pricingIsolation: isolation))
                bounds.append(LowerBound.compute(model: model, seconds: 0.5, upperBound: search.state.soft, threads: 2, rota: search.state,
                                                 pricingIsolation: isolation))
            }
            // The bundle settles near the rota within the half second (these regions: gaps of
            // 0.3–1%); stuck prices would leave it far below.
            XCTAssertGreaterThan(bounds[3], 0.97 * search.state.soft, "seed \(seed)")
            for i in 0..<4000 {
                search.step()
                if i % 50 == 0 {
                    XCTAssertEqual(Scorer.score(search.state.rota(), in: region).hard, 0)
                    for bound in bounds { XCTAssertLessThanOrEqual(bound, search.state.soft + 1e-6, "seed \(seed) move \(i)") }
                }
            }
            for bound in bounds { XCTAssertGreaterThan(bound, 0) }
        }
    }

    /// Seats priced from a rota: free seats cost nothing, a full one is priced only by someone
    /// left out who could come, and no one inside would rather leave, or move to an open seat, at
    /// its price — the prices at which a good rota is nearly a Lagrangian optimum.
    func testSeatPricesFromARotaChargeOnlyFullSessionsAndNoMoreThanTheirHoldersGain() {
        // A greedy construction: far from converged, so some outsiders would gain more than some
        // holders (the price must stay within what the holders gain).
        for seed in UInt64(91)...96 {
            let (_, model, rota) = constructedRota(people: 400, seed: seed)
            let prices = LowerBound.seatPrices(from: rota)
            XCTAssertEqual(LowerBound.seatPrices(from: rota, threads: 2), prices, "sessions priced in slices price the same")
            var priced = 0
            for s in 0..<model.placementSessionCount {
                XCTAssertGreaterThanOrEqual(prices[s], 0)
                guard rota.headcount[s] >= model.sessionCapacity[s] else {
                    XCTAssertEqual(prices[s], 0, "session \(s) has a free seat")
                    continue
                }
                if prices[s] > 0 {
                    priced += 1
                    // Priced by someone left out who could come: short, and with an interpreter if they need one.
                    let eager = model.candidates(ofSession: s).contains { k in
                        let c = Int(model.sessionCand[k]), p = Int(model.candPerson[c])
                        return rota.shortfallHours(p) > 1e-9 && !rota.attends(Int32(p), s)
                            && (!model.candNeedsBooking[c] || rota.bookable(s, Int(model.interpreterLanguage[p])))
                    }
                    XCTAssertTrue(eager, "session \(s)")
                }
                for k in 0..<Int(rota.headcount[s]) {
                    let q = rota.attendee(s, k)
                    let c = model.candidateIndex(q, session: Int32(s))!
                    // What leaving costs q: more shortfall, less travel.
                    let left = rota.hours[q] - model.sessionHours[s]
                    let leaving = rota.shortfall(q, left) - rota.shortfall(q, rota.hours[q]) - model.candCost[c]
                    XCTAssertLessThanOrEqual(prices[s], max(0, leaving) + 1e-6, "session \(s)")
                    // ... and less still when an open seat the same day would do nearly as well.
                    for c2 in model.candidates(of: q) {
                        let t = Int(model.candSession[c2])
                        guard t != s, model.sessionDay[t] == model.sessionDay[s], rota.headcount[t] < model.sessionCapacity[t],
                              !model.candNeedsBooking[c2], left + model.sessionHours[t] <= model.maxHours[q] else { continue }
                        let moving = rota.shortfall(q, left + model.sessionHours[t]) + model.candCost[c2] - rota.shortfall(q, rota.hours[q]) - model.candCost[c]
                        XCTAssertLessThanOrEqual(prices[s], max(0, moving) + 1e-6, "session \(s): its holder could move to session \(t)")
                    }
                }
            }
            XCTAssertGreaterThan(priced, 10, "a region with people short has contested seats")
        }
    }

    /// Each person's priced problem is solved exactly: the dynamic programme (which merges every
    /// state at or above the target) agrees with a plain search over every hour total.
    func testPatternChoiceIsTheCheapestWeekAtThePricesGiven() {
        for seed in UInt64(1)...3 {
            let region = Region(RegionGenerator(people: 150, seed: seed &+ 60).generate())
            let m = SolverModel(region: region)
            let shares = BookingShares(m)
            var rng = SplitMix64(seed: seed)
            var compared = 0
            for p in 0..<m.personCount where m.hasOrder[p] && !m.candidates(of: p).isEmpty {
                let lambda = (0..<m.sessionCount).map { _ in rng.chance(0.5) ? 0 : Double(rng.below(900)) }
                let index = PatternIndex(m, workers: [p], bookingShare: shares)
                var dp = PatternDP()
                var usage = Array(repeating: Int32(0), count: m.sessionCount)
                let value = dp.solve(m, index, worker: 0, person: p, lambda: index.itemPrices(lambda), usage: &usage)
                // Costs are stored as floats rounded down (`PatternIndex`): never above the
                // exact week, and within float rounding of it.
                let exact = cheapestWeek(m, p, lambda: lambda, shares: shares)
                XCTAssertLessThanOrEqual(value, exact + 1e-9, "seed \(seed) person \(p)")
                XCTAssertEqual(value, exact, accuracy: 1e-6 * max(1, exact), "seed \(seed) person \(p)")
                // The sessions it reports are one a day and cost what it says.
                let taken = (0..<m.sessionCount).filter { usage[$0] > 0 }
                XCTAssertEqual(Set(taken.map { m.sessionDay[$0] }).count, taken.count)
                compared += 1
            }
            XCTAssertGreaterThan(compared, 50)
        }
    }

    /// Reference for the pattern choice: every (day, hours so far) state, no merging, without
    /// the `excluded` sessions.
    func cheapestWeek(_ m: SolverModel, _ p: Int, lambda: [Double], shares: BookingShares, excluded: Set<Int32> = []) -> Double {
        var byDay = Array(repeating: [(hours: Double, cost: Double)](), count: 7)
        for c in m.candidates(of: p) where !excluded.contains(m.candSession[c]) {
            let s = Int(m.candSession[c])
            byDay[Int(m.sessionDay[s])].append((m.sessionHours[s], m.candCost[c] + shares[c] + lambda[s]))
        }
        var states: [Double: Double] = [0: 0]
        for options in byDay where !options.isEmpty {
            var next = states
            for (h, c) in states {
                for o in options where h + o.hours <= m.maxHours[p] + 1e-9 {
                    next[h + o.hours] = min(next[h + o.hours] ?? .infinity, c + o.cost)
                }
            }
            states = next
        }
        return states.map { $0.value + max(0, m.target[p] - $0.key) * m.weights.hoursShortfall }.min()!
    }

    /// A starter with unpaid work chooses a group and a week together: joining a group rules out
    /// the placement sessions that overlap its sessions, and the bound takes the cheapest of staying
    /// unplaced or any group with its best remaining week — never a week that clashes.
    func testAStarterWithUnpaidWorkChoosesAGroupAndAWeekThatDoNotClash() {
        var compared = 0, clashingChosen = 0
        for seed in UInt64(1)...6 {
            let region = Region(RegionGenerator(people: 400, seed: seed &+ 70).generate())
            let m = SolverModel(region: region)
            let shares = BookingShares(m)
            var rng = SplitMix64(seed: seed)
            var blocked = Array(repeating: false, count: m.sessionCount)
            for p32 in m.starters {
                let p = Int(p32)
                guard m.hasOrder[p], !m.candidates(of: p).isEmpty, !m.groupCandidates[p].isEmpty else { continue }
                let clashes = LowerBound.groupClashes(m, person: p)
                guard clashes.contains(where: { !$0.isEmpty }) else { continue }
                for _ in 0..<4 {
                    let lambda = (0..<m.sessionCount).map { _ in rng.chance(0.5) ? 0 : Double(rng.below(900)) }
                    let groupPrices = m.groupCapacity.map { _ in rng.chance(0.5) ? 0 : Double(rng.below(400)) }
                    var dp = PatternDP()
                    let index = PatternIndex(m, workers: [p], bookingShare: shares)
                    let choice = dp.solveStarter(m, index, worker: 0, person: p, lambda: index.itemPrices(lambda), groupCost: m.groupCandidateCost[p],
                                                 groupPrices: groupPrices, clashes: clashes, blocked: &blocked)
                    XCTAssertFalse(blocked.contains(true), "the scratch is left clear")
                    var reference = m.weights.starterUnplaced + cheapestWeek(m, p, lambda: lambda, shares: shares)
                    for (j, g) in m.groupCandidates[p].enumerated() {
                        let week = cheapestWeek(m, p, lambda: lambda, shares: shares, excluded: Set(clashes[j]))
                        reference = min(reference, m.groupCandidateCost[p][j] + groupPrices[Int(g)] + week)
                    }
                    XCTAssertLessThanOrEqual(choice.value, reference + 1e-9, "seed \(seed) starter \(p)")
                    XCTAssertEqual(choice.value, reference, accuracy: 1e-6 * max(1, reference), "seed \(seed) starter \(p)")
                    // The week reported keeps clear of the group chosen and costs what it says.
                    var cost = choice.value
                    if choice.group >= 0 {
                        let j = m.groupCandidates[p].firstIndex(of: Int32(choice.group))!
                        XCTAssertTrue(Set(clashes[j]).isDisjoint(with: dp.lastWeek), "seed \(seed) starter \(p)")
                        if !clashes[j].isEmpty { clashingChosen += 1 }
                        cost -= m.groupCandidateCost[p][j] + groupPrices[choice.group]
                    } else {
                        cost -= m.weights.starterUnplaced
                    }
                    var hours = 0.0
                    for s in dp.lastWeek {
                        let c = m.candidateIndex(p, session: s)!
                        hours += m.sessionHours[Int(s)]
                        cost -= m.candCost[c] + shares[c] + lambda[Int(s)]
                    }
                    XCTAssertEqual(cost, max(0, m.target[p] - hours) * m.weights.hoursShortfall, accuracy: 1e-6 * max(1, choice.value))
                    compared += 1
                }
            }
        }
        XCTAssertGreaterThan(compared, 20, "generated regions have starters with unpaid work whose groups clash")
        XCTAssertGreaterThan(clashingChosen, 0, "some choices are a clashing group with the week it leaves")
    }

    /// A starter who needs an interpreter pays, in the bound, a share of the bookings their
    /// joining a group would add — the whole of them when no other starter of their language could
    /// join, and the bookings split among those who could (or its free seats) otherwise.
    func testAStarterWhoNeedsAnInterpreterSharesTheGroupBookingsJoiningWouldAdd() {
        var lone = 0, shared = 0
        for seed in UInt64(1)...3 {
            // Every starter needs an interpreter: the first for Lithuanian, alone, the rest for Polish.
            var problem = RegionGenerator(people: 400, seed: seed &+ 80).generate()
            var first = true
            for i in problem.people.indices where problem.people[i].programme?.status == .awaiting {
                problem.people[i].needsInterpreter = true
                problem.people[i].language = first ? "lt" : "pl"
                first = false
            }
            let m = SolverModel(region: Region(problem))
            let costs = LowerBound.starterGroupCosts(m)
            let empty = SearchState(model: m)
            for p32 in m.starters {
                let p = Int(p32)
                for (j, g) in m.groupCandidates[p].enumerated() {
                    let extra = costs[p][j] - m.groupCandidateCost[p][j]
                    guard m.interpreterLanguage[p] >= 0 else { XCTAssertEqual(extra, 0); continue }
                    // What joining adds in bookings, by the search's own delta, with no one else placed.
                    let bookings = empty.allocateDelta(p, groupChoice: j) - (m.groupCandidateCost[p][j] - m.weights.starterUnplaced)
                    let sharers = m.starters.filter { q in
                        m.interpreterLanguage[Int(q)] == m.interpreterLanguage[p] && m.groupCandidates[Int(q)].contains(g)
                    }.count
                    let seats = max(1, Int(m.groupCapacity[Int(g)]) - m.enrolledMembers[Int(g)].count)
                    XCTAssertEqual(extra * Double(min(sharers, seats)), bookings, accuracy: 1e-9, "seed \(seed) starter \(p) group \(g)")
                    if bookings > 0 { if sharers == 1 { lone += 1 } else { shared += 1 } }
                }
            }
        }
        XCTAssertGreaterThan(lone, 0, "some starter is the only one of their language who could join a group")
        XCTAssertGreaterThan(shared, 0, "some group could take several starters of one language")
    }

    /// A generated region's model, one pattern index of everyone, and booking prices built on it.
    func bookingPricesOfARegion() -> (SolverModel, [PatternIndex], BookingPrices) {
        let m = SolverModel(region: Region(RegionGenerator(people: 300, seed: 77).generate()))
        let workers = (0..<m.personCount).filter { m.hasOrder[$0] && !m.candidates(of: $0).isEmpty }
        let shares = BookingShares(m)
        var indices = [PatternIndex(m, workers: workers, bookingShare: shares)]
        let prices = BookingPrices(m, indices: &indices, replacing: shares)
        return (m, indices, prices)
    }

    /// Booking prices never charge more than the bookings cost, keep their bookkeeping exact in
    /// the pattern indices, and move a lone user's price up to the whole booking.
    func testBookingPricesChargeNoMoreThanTheBookingsAndALoneUserPaysTheWholeBooking() {
        let (m, builtIndices, builtPrices) = bookingPricesOfARegion()
        var indices = builtIndices, prices = builtPrices
        XCTAssertGreaterThan(prices.candidates.count, 20, "the region must have people who need interpreters")
        var rng = SplitMix64(seed: 77)
        // A key with several possible users, of whom only the first ever comes.
        guard let lone = prices.members.first(where: { $0.count >= 3 }) else { return XCTFail("no shared booking") }
        for round in 0..<600 {
            // What a rota could choose: no more bookings of a language at one time than its
            // interpreters then (the bound prices that rule; a choice breaking it may cost less).
            var chosen = [Int(prices.candidates[Int(lone[0])])]
            var keys: Set<Int> = [Int(prices.key[Int(lone[0])])]
            var use = Array(repeating: 0.0, count: prices.slotCapacity.count)
            for t in prices.keySlots[Int(prices.key[Int(lone[0])])] { use[t] += 1 }
            if round < 300 {
                for _ in 0..<5 {
                    let j = rng.below(prices.candidates.count)
                    let k = Int(prices.key[j])
                    if !keys.contains(k) {
                        guard prices.keySlots[k].allSatisfy({ use[$0] < prices.slotCapacity[$0] }) else { continue }
                        keys.insert(k)
                        for t in prices.keySlots[k] { use[t] += 1 }
                    }
                    chosen.append(Int(prices.candidates[j]))
                }
            }
            let side = prices.settle(chosenCandidates: chosen)
            let picked = Set(chosen.compactMap { BookingPrices.position(of: $0, in: prices.candidates) })
            let charged = picked.reduce(side) { $0 + prices.price[$1] }
            let cost = Double(Set(picked.map { prices.key[$0] }).count) * m.weights.interpreterBooking
            XCTAssertLessThanOrEqual(charged, cost + 1e-6, "round \(round)")
            for (k, members) in prices.members.enumerated() {
                XCTAssertEqual(prices.priceSum[k], members.reduce(0) { $0 + prices.price[Int($1)] }, accuracy: 1e-6)
            }
            for j in prices.price.indices {
                XCTAssertGreaterThanOrEqual(prices.price[j], 0)
                XCTAssertEqual(indices[0].slotExtra[Int(prices.indexSlot[j])], prices.price[j], accuracy: 1e-9)
            }
            prices.step(round < 300 ? Double(rng.below(8)) : 1, indices: &indices)
        }
        XCTAssertGreaterThan(prices.price[Int(lone[0])], m.weights.interpreterBooking - 1.5, "the lone user pays (nearly) all of it")
    }

    /// Isolation prices never charge a rota more than its isolation costs, whatever the prices
    /// have learnt: a constructed rota's attendees pay their (session, tag) prices and their own,
    /// plus the prices' constant, at most 60 per isolated person, while the prices step on that
    /// rota and on random weeks (where people are often alone with their tag); and they do come
    /// to charge the rota.
    func testIsolationPricesNeverChargeARotaMoreThanItsIsolation() {
        let region = Region(RegionGenerator(people: 300, seed: 91).generate())
        let m = SolverModel(region: region)
        var rota = SearchState(model: m)
        Construction.build(&rota)
        let workers = (0..<m.personCount).filter { m.hasOrder[$0] && !m.candidates(of: $0).isEmpty }
        let shares = BookingShares(m)
        var indices = [PatternIndex(m, workers: workers, bookingShare: shares, keyedByTag: true)]
        // What the isolation prices add to an item lives in its slot.
        let built = indices[0].slotExtra
        var prices = IsolationPrices(m)
        let stride = Int32(prices.stride)
        /// Worker w's item for session s.
        func item(_ w: Int, _ s: Int32) -> Int32? {
            let x = indices[0]
            let items = Int(x.itemStart[Int(x.groupStart[w])])..<Int(x.itemStart[Int(x.groupStart[w + 1])])
            return items.first { x.session(ofKey: x.key(ofItem: $0)) == s }.map(Int32.init)
        }
        /// A week per worker: their attendance as picks of priced sessions (tagged people) and
        /// the headcounts.
        func picks(_ weeks: [[Int32]]) -> ([[(slot: Int32, key: Int32)]], [Int32]) {
            var chosen: [(slot: Int32, key: Int32)] = []
            var usage = Array(repeating: Int32(0), count: m.sessionCount)
            for (w, p) in workers.enumerated() {
                for s in weeks[w] {
                    usage[Int(s)] += 1
                    guard m.tag[p] >= 0, prices.priced[Int(s)], let k = item(w, s) else { continue }
                    chosen.append((indices[0].slot(ofItem: Int(k)), indices[0].key(ofItem: Int(k))))
                }
            }
            return ([chosen], usage)
        }
        let rotaWeeks = workers.map { p in rota.heldCandidates(p).map { m.candSession[Int($0)] } }
        let (rotaPicks, rotaUsage) = picks(rotaWeeks)
        XCTAssertGreaterThan(rota.isolationCount, 0, "the construction leaves some people isolated")
        var rng = SplitMix64(seed: 91)
        var charged = 0
        for round in 0..<300 {
            let constant = prices.settle(chosen: rotaPicks, usage: rotaUsage)
            let keyPrice = prices.keyPrices(Array(repeating: 0, count: m.sessionCount))
            var charge = constant
            for (w, p) in workers.enumerated() {
                for s in rotaWeeks[w] where prices.priced[Int(s)] {
                    let t = m.tag[p] >= 0 ? m.tag[p] : Int32(m.tagCount)
                    charge += keyPrice[Int(s * stride + t)]
                    if let k = item(w, s), case let slot = Int(indices[0].slot(ofItem: Int(k))), slot >= 0 {
                        charge += indices[0].slotExtra[slot] - built[slot]
                    }
                }
            }
            XCTAssertLessThanOrEqual(charge, Double(rota.isolationCount) * m.weights.isolation + 1e-6, "round \(round)")
            if charge > 1e-6 { charged += 1 }
            // Every other round the prices step on random weeks (one candidate session each, so
            // many people are alone with their tag), otherwise on the rota's own weeks, whose
            // isolated people they learn to charge.
            if round % 2 == 1 {
                let randomWeeks = workers.map { p -> [Int32] in
                    let c = m.candidates(of: p)
                    return [m.candSession[c.lowerBound + rng.below(c.count)]]
                }
                let (randomPicks, randomUsage) = picks(randomWeeks)
                _ = prices.settle(chosen: randomPicks, usage: randomUsage)
            }
            prices.step(Double(1 + rng.below(20)), indices: &indices)
        }
        XCTAssertGreaterThan(charged, 0, "the prices come to charge the constructed rota's isolation")
    }

    /// A language's bookings at one time beyond its interpreters then raise the price of that
    /// time; a time with no more bookable sessions than interpreters keeps a zero price.
    func testInterpreterTimeIsPricedWhenMoreBookingsRunAtOnceThanInterpreters() {
        var (_, indices, prices) = bookingPricesOfARegion()
        // Every slot's interpreters are really available then, and each key's session covers its slots.
        for t in prices.slotCapacity.indices { XCTAssertGreaterThanOrEqual(prices.slotCapacity[t], 1) }
        let covering = prices.slotCapacity.indices.map { t in prices.keySlots.indices.filter { prices.keySlots[$0].contains(t) } }
        guard let busy = covering.indices.first(where: { Double(covering[$0].count) > prices.slotCapacity[$0] + 1 }) else {
            return XCTFail("the region must have more bookable sessions at one time than interpreters")
        }
        // Everyone who could use a booking chooses it, every step.
        for _ in 0..<200 {
            _ = prices.settle(chosenCandidates: prices.candidates.map(Int.init))
            prices.step(1, indices: &indices)
        }
        XCTAssertGreaterThan(prices.nu[busy], 0)
        for t in covering.indices where Double(covering[t].count) <= prices.slotCapacity[t] {
            XCTAssertEqual(prices.nu[t], 0, "slot \(t) can never hold more bookings than interpreters")
        }
    }
}
