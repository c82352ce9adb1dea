import RotaEngine
import RotaGenerator
@testable import RotaSolver
import XCTest

/// `RotaRule` is stated once and answered twice — by the search's compact tables and by the
/// explanations' occupancy. On seeded rotas of both region families the two must block the same
/// rules for every (person, candidate session), and the scorer must agree with them.
final class RotaRuleAgreementTests: XCTestCase {
    /// A searched rota of a generated region: full sessions, worked days and bookings, so every
    /// rule has something to say.
    func searchedRota(people: Int, seed: UInt64, family: RegionGenerator.Family) -> (Region, SearchState) {
        let region = Region(RegionGenerator(people: people, seed: seed, family: family).generate())
        var state = SearchState(model: SolverModel(region: region))
        Construction.build(&state)
        var search = AnnealingSearch(state: state, seed: seed)
        search.run(deadline: .max, maxMoves: 30_000, stallMoves: .max, isCancelled: { false }, progress: nil)
        return (region, search.state)
    }

    func testTheSearchAndTheExplanationsBlockTheSameRules() {
        var blocked: [RotaRule: Int] = [:]
        var pairs = 0
        for seed in UInt64(1)...6 {
            let family: RegionGenerator.Family = seed.isMultiple(of: 2) ? .dense : .standard
            let (region, state) = searchedRota(people: 60 + Int(seed) * 30, seed: seed, family: family)
            let occupancy = Occupancy(region: region, rota: ResolvedRota(state.rota(), in: region))
            for p in 0..<state.m.personCount {
                for c in state.m.candidates(of: p) {
                    let s = Int(state.m.candSession[c])
                    guard !occupancy.sessionsOf[p].contains(s) else { continue }
                    let searched = state.blockingRules(person: p, session: s)
                    let explained = occupancy.blockingRules(person: p, session: s)
                    XCTAssertEqual(searched, explained, "seed \(seed) person \(region.people[p].id) session \(region.sessions[s].id)")
                    XCTAssertEqual(state.canAdd(p, candidate: c), searched.isEmpty)
                    for rule in searched { blocked[rule, default: 0] += 1 }
                    pairs += 1
                }
            }
        }
        XCTAssertGreaterThan(pairs, 1_000)
        // The rotas are full enough for the common rules to bite.
        for rule in [RotaRule.capacity, .oneSessionPerDay, .hours] {
            XCTAssertGreaterThan(blocked[rule, default: 0], 0, "\(rule) never blocked a candidate")
        }
    }

    func testTheScorerFindsTheRuleThatBlockedASession() {
        var checked = 0
        for seed in UInt64(1)...4 {
            let family: RegionGenerator.Family = seed.isMultiple(of: 2) ? .dense : .standard
            let (region, state) = searchedRota(people: 90, seed: seed, family: family)
            let rota = state.rota()
            XCTAssertEqual(Scorer.score(rota, in: region).hard, 0)
            var rng = SplitMix64(seed: seed)
            for _ in 0..<300 {
                let p = rng.below(state.m.personCount)
                let candidates = state.m.candidates(of: p)
                guard !candidates.isEmpty else { continue }
                let s = Int(state.m.candSession[candidates.lowerBound + rng.below(candidates.count)])
                // A booking is the rota's to make, not the assignment's: keep to sessions that need none.
                guard !state.m.needsBooking(p, s), !state.heldCandidates(p).contains(where: { Int(state.m.candSession[Int($0)]) == s }) else { continue }
                var more = rota
                more.assignments.append(Assignment(personId: region.people[p].id, sessionId: region.sessions[s].id))
                let broken = Set(Scorer.score(more, in: region).violations.map(\.rule))
                let blocking = Set(state.blockingRules(person: p, session: s).map(\.hardRule))
                // Two sessions of one day may also overlap, which the scorer counts under availability.
                let context = "seed \(seed) person \(region.people[p].id) session \(region.sessions[s].id)"
                XCTAssertEqual(broken.isEmpty, blocking.isEmpty, context)
                XCTAssertTrue(blocking.isSubset(of: broken), context)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 200)
    }
}
