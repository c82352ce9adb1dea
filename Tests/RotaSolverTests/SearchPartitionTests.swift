import RotaEngine
@testable import RotaSolver
import XCTest

final class SearchPartitionTests: XCTestCase {
    /// Two searches, each moving only its own side's people within its share of the seats, merge
    /// into a rota that breaks no rule and whose incremental score is the scorer's.
    func testHalvesSearchedApartMergeIntoALegalExactlyScoredRota() {
        for seed in UInt64(1)...3 {
            let (region, m, initial) = constructedRota(people: 200, seed: seed &+ 500)
            var base = initial
            for epoch in 0..<3 {
                let cut = SearchPartition(base, epoch: epoch)
                XCTAssertEqual(cut.side.filter { $0 == 0 }.count > 0, true)
                var halves = (0..<2).map { t -> AnnealingSearch in
                    var search = AnnealingSearch(state: base, seed: seed &* 7 &+ UInt64(t))
                    search.adopt(base, owned: cut.side.map { $0 == t }, seats: cut.seats[t])
                    search.temperature = 5
                    return search
                }
                for t in 0..<2 {
                    for _ in 0..<1500 { halves[t].step() }
                    XCTAssertEqual(halves[t].state.checkInvariants(), [])
                    // Nobody of the other side moved.
                    for p in 0..<m.personCount where Int(cut.side[p]) != t {
                        XCTAssertEqual(Set(halves[t].state.heldCandidates(p)), Set(base.heldCandidates(p)), "seed \(seed) side \(t) person \(p)")
                        XCTAssertEqual(halves[t].state.groupOf[p], base.groupOf[p])
                    }
                }
                let merged = cut.merge(halves[0].state, halves[1].state)
                XCTAssertEqual(merged.checkInvariants(), [])
                let report = Scorer.score(merged.rota(), in: region)
                XCTAssertEqual(report.hard, 0, report.violations.prefix(3).map(\.message).joined(separator: "\n"))
                XCTAssertEqual(report.soft, merged.soft, accuracy: 1e-6)
                base = merged
            }
        }
    }

    /// Everyone who needs an interpreter and every programme starter is on side 0, non-associates
    /// share a side, and the two sides' seats add up to every session's capacity.
    func testBookingsGroupsAndNonAssociatesStayOnOneSideAndSeatsAddUp() {
        let (_, m, state) = constructedRota(people: 300, seed: 77)
        for epoch in 0..<4 {
            let cut = SearchPartition(state, epoch: epoch)
            for p in 0..<m.personCount {
                if m.interpreterLanguage[p] >= 0 || m.isStarter[p] { XCTAssertEqual(cut.side[p], 0) }
                for q in m.nonAssociates[p] { XCTAssertEqual(cut.side[p], cut.side[Int(q)]) }
            }
            XCTAssertGreaterThan(cut.side.filter { $0 == 1 }.count, m.personCount / 5, "both sides get people")
            for s in 0..<m.placementSessionCount {
                XCTAssertEqual(cut.seats[0][s] + cut.seats[1][s] - state.headcount[s], max(state.headcount[s], m.sessionCapacity[s]))
            }
        }
    }
}
