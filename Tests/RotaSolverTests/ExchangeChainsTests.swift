import RotaEngine
@testable import RotaSolver
import XCTest

final class ExchangeChainsTests: XCTestCase {
    /// Chains lower the cost of a searched rota, keep every rule and the exact score, move no one
    /// to another day or group, and reach full sessions: a session full before and after with
    /// someone new in it took a chain of two links or more, which single moves into free seats
    /// never make. On one core, and on two that work on different days and merge.
    func testChainsLowerTheCostThroughFullSessionsKeepingEveryRuleAndEveryonesDays() {
        var reachedFull = 0
        for seed in UInt64(1)...4 {
            let threads = seed % 2 == 0 ? 2 : 1
            let (region, model, initial) = constructedRota(people: 400, seed: seed &+ 700)
            var search = AnnealingSearch(state: initial, seed: seed)
            search.temperature = 20
            for _ in 0..<2000 { search.step() }
            var state = search.state
            let before = state
            let applied = ExchangeChains(model).improve(&state, deadline: UInt64.max, threads: threads)
            XCTAssertGreaterThan(applied, 0, "seed \(seed)")
            XCTAssertLessThan(state.soft, before.soft - 1e-6, "seed \(seed)")
            let report = Scorer.score(state.rota(), in: region)
            XCTAssertEqual(report.hard, 0, "seed \(seed): \(report.violations.prefix(3).map(\.message))")
            XCTAssertEqual(state.soft, report.soft, accuracy: 1e-6 * report.soft, "seed \(seed)")
            XCTAssertEqual(state.checkInvariants(), [], "seed \(seed)")
            for p in 0..<model.personCount {
                XCTAssertEqual(state.dayMask[p], before.dayMask[p], "seed \(seed) person \(p)")
                XCTAssertEqual(state.groupOf[p], before.groupOf[p])
            }
            for s in 0..<model.placementSessionCount where before.headcount[s] == model.sessionCapacity[s] && state.headcount[s] == model.sessionCapacity[s] {
                if Set(before.attendees(of: s)) != Set(state.attendees(of: s)) { reachedFull += 1 }
            }
            // A second pass (its set-aside arcs forgotten) never raises the cost.
            let soft = state.soft
            ExchangeChains(model).improve(&state, deadline: UInt64.max, threads: threads)
            XCTAssertLessThanOrEqual(state.soft, soft + 1e-6)
        }
        XCTAssertGreaterThan(reachedFull, 0, "chains move people through full sessions")
    }

    /// The classes two cores share out are of one day and one length, and their chains change no
    /// one's hours: each core checks a move against the other days as they were, and two cores
    /// that each lengthened one of a person's days could take them past their weekly maximum (a
    /// 5,000-person solve once fell back to its construction so). The merged rota keeps every
    /// rule and the exact score.
    func testTwoCoresShareOnlyChainsThatKeepEveryonesHours() {
        for seed in UInt64(1)...2 {
            let (region, model, initial) = constructedRota(people: 400, seed: seed &+ 720)
            let chains = ExchangeChains(model)
            for k in 0..<chains.sameLengthClasses {
                let s0 = Int(chains.classes[k][0])
                XCTAssertTrue(chains.classes[k].allSatisfy { model.sessionDay[Int($0)] == model.sessionDay[s0] && model.sessionHours[Int($0)] == model.sessionHours[s0] })
            }
            XCTAssertLessThan(chains.sameLengthClasses, chains.classes.count, "whole days follow")
            var search = AnnealingSearch(state: initial, seed: seed)
            search.temperature = 20
            for _ in 0..<2000 { search.step() }
            var state = search.state
            let applied = chains.improveOnTwoCores(&state, classes: 0..<chains.sameLengthClasses, deadline: UInt64.max)
            XCTAssertGreaterThan(applied, 0)
            for p in 0..<model.personCount { XCTAssertEqual(state.hours[p], search.state.hours[p], accuracy: 1e-9, "seed \(seed) person \(p)") }
            let report = Scorer.score(state.rota(), in: region)
            XCTAssertEqual(report.hard, 0, "seed \(seed): \(report.violations.prefix(3).map(\.message))")
            XCTAssertEqual(state.soft, report.soft, accuracy: 1e-6 * report.soft)
        }
    }

    /// A passed deadline applies nothing.
    func testNoChainIsAppliedAfterTheDeadline() {
        let (_, model, initial) = constructedRota(people: 200, seed: 9)
        var state = initial
        XCTAssertEqual(ExchangeChains(model).improve(&state, deadline: 0), 0)
        XCTAssertEqual(state.soft, initial.soft)
    }
}
