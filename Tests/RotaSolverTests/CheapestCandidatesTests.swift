@testable import RotaSolver
import XCTest

final class CheapestCandidatesTests: XCTestCase {
    /// Each person's short list is the head of their candidates sorted by static cost (ties: the
    /// earlier candidate first, as a stable sort gives), padded with -1 when they have fewer.
    func testCheapestListIsTheHeadOfTheCandidatesSortedByCost() {
        let k = SolverModel.cheapestCount
        var longLists = 0, shortLists = 0
        for seed in UInt64(1)...3 {
            let (_, m, _) = constructedRota(people: 300, seed: seed &+ 60)
            XCTAssertEqual(m.cheapest.count, m.personCount * k)
            for p in 0..<m.personCount {
                let r = m.candidates(of: p)
                let sorted = r.sorted { (m.candCost[$0], $0) < (m.candCost[$1], $1) }
                let expected = sorted.prefix(k).map { Int32($0 - r.lowerBound) }
                    + Array(repeating: Int32(-1), count: max(0, k - r.count))
                XCTAssertEqual(Array(m.cheapest[p * k ..< (p + 1) * k]), expected, "seed \(seed) person \(p)")
                if r.count > k { longLists += 1 } else if r.count > 0 { shortLists += 1 }
            }
        }
        XCTAssertGreaterThan(longLists, 50, "the test must see people with more candidates than the list holds")
        XCTAssertGreaterThan(shortLists, 5, "and people with fewer")
    }

    /// A move's candidate is always one of the person's own, near or far.
    func testMoveCandidatesAreThePersonsOwn() {
        let (_, m, initial) = constructedRota(people: 300, seed: 61)
        var search = AnnealingSearch(state: initial, seed: 5)
        var fromShortList = 0, draws = 0
        for p in 0..<m.personCount where m.candidates(of: p).count > SolverModel.cheapestCount {
            let listed = Set(m.cheapest[p * SolverModel.cheapestCount ..< (p + 1) * SolverModel.cheapestCount].map { Int($0) + m.candidates(of: p).lowerBound })
            for _ in 0..<20 {
                let c = search.randomCandidate(p)
                XCTAssertTrue(m.candidates(of: p).contains(c), "person \(p)")
                if listed.contains(c) { fromShortList += 1 }
                draws += 1
            }
        }
        XCTAssertGreaterThan(draws, 500)
        // Mostly from the short list (its share plus the uniform draws that land on it).
        XCTAssertGreaterThan(Double(fromShortList) / Double(draws), AnnealingSearch.cheapShare - 0.05)
    }
}
