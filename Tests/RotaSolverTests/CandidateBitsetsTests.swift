@testable import RotaSolver
import XCTest

final class CandidateBitsetsTests: XCTestCase {
    /// Every candidate's session is a set bit, every set bit is a candidate, and the word ranks
    /// lead from a bit back to its candidate index.
    func testEverySetBitLeadsBackToItsCandidate() {
        let (_, m, _) = constructedRota(people: 200, seed: 41)
        let b = m.candidateBits
        for p in 0..<m.personCount {
            let row = p * b.words
            var seen = 0
            for w in 0..<b.words {
                var bits = b.bits[row + w]
                while bits != 0 {
                    let bit = bits.trailingZeroBitCount
                    bits &= bits - 1
                    let c = Int(m.candStart[p]) + Int(b.rank[row + w]) + (b.bits[row + w] & ((1 << UInt64(bit)) - 1)).nonzeroBitCount
                    XCTAssertEqual(Int(m.candSession[c]), w << 6 | bit, "person \(p)")
                    seen += 1
                }
            }
            XCTAssertEqual(seen, m.candidates(of: p).count, "person \(p)")
        }
    }

    /// The refill's open-seat search finds what a plain scan of every candidate finds, on rotas
    /// with full and open sessions and people short of their hours.
    func testBestImprovingCandidateMatchesAScanOfEveryCandidate() {
        for seed in UInt64(1)...3 {
            let (_, m, initial) = constructedRota(people: 200, seed: seed &+ 300)
            var search = AnnealingSearch(state: initial, seed: seed)
            var compared = 0
            for round in 0..<5 {
                for _ in 0..<400 { search.step() }
                // Free some seats, so that people have improving candidates among full sessions.
                var state = search.state
                for p in stride(from: round, to: m.personCount, by: 4) {
                    if let c = state.heldCandidates(p).first { state.remove(p, candidate: Int(c)) }
                }
                for p in 0..<m.personCount {
                    var reference = -1, referenceDelta = -1e-9
                    for c in m.candidates(of: p) where state.canAdd(p, candidate: c) {
                        let d = state.addDelta(p, candidate: c)
                        if d < referenceDelta { reference = c; referenceDelta = d }
                    }
                    let found = state.bestImprovingCandidate(for: p)
                    XCTAssertEqual(found, reference, "seed \(seed) round \(round) person \(p)")
                    if found >= 0 { compared += 1 }
                }
            }
            XCTAssertGreaterThan(compared, 20, "the test must see improving candidates")
        }
    }
}

extension SearchState {
    /// What `fill` chooses first for `p`: the open candidate that lowers the cost most.
    func bestImprovingCandidate(for p: Int) -> Int {
        let n = m.candidates(of: p).count
        guard n > 0 else { return -1 }
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: n) { open in
            bestImproving(p, among: UnsafeBufferPointer(rebasing: open[0..<openCandidates(p, into: open)]))
        }
    }
}
