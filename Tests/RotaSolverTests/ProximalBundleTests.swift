import RotaEngine
@testable import RotaSolver
import XCTest

final class ProximalBundleTests: XCTestCase {
    func testProjectionOntoTheSimplexIsTheNearestPointWithNonnegativeWeightsSummingToOne() {
        var v = [0.5, 0.5, 0.5]
        ProximalBundle.projectOntoSimplex(&v)
        for x in v { XCTAssertEqual(x, 1.0 / 3, accuracy: 1e-12) }
        v = [2, 0]
        ProximalBundle.projectOntoSimplex(&v)
        XCTAssertEqual(v, [1, 0])
        v = [0.6, 0.3]
        ProximalBundle.projectOntoSimplex(&v)
        XCTAssertEqual(v[0], 0.65, accuracy: 1e-12)
        XCTAssertEqual(v[1], 0.35, accuracy: 1e-12)
        v = [-1, 0.2, 3]
        ProximalBundle.projectOntoSimplex(&v)
        XCTAssertEqual(v, [0, 0, 1])
    }

    /// A concave piecewise-linear function with many kinks, the shape of a Lagrangian dual:
    /// f(y) = Σ_j min(a_j·y_j, c_j − y_j) − |Σ_j y_j − K| over y ≥ 0, with coordinates whose
    /// best is zero (a_j < 0). Its maximum, Σ over a_j > 0 of a_j·c_j/(1 + a_j), is reached at
    /// y_j = c_j/(1 + a_j) there and 0 elsewhere, with K their sum. The bundle, given values and
    /// subgradients only, climbs to it; its centre never falls.
    func testBundleClimbsAKinkedConcaveFunctionToItsMaximumAndItsCentreNeverFalls() {
        for seed in UInt64(1)...5 {
            var rng = SplitMix64(seed: seed)
            let d = 60
            let a = (0..<d).map { j in j % 5 == 0 ? -(0.5 + 1.5 * rng.unit()) : 0.5 + 2.5 * rng.unit() }
            let c = (0..<d).map { _ in 1 + 9 * rng.unit() }
            let k = (0..<d).filter { a[$0] > 0 }.reduce(0.0) { $0 + c[$1] / (1 + a[$1]) }
            let optimum = (0..<d).filter { a[$0] > 0 }.reduce(0.0) { $0 + a[$1] * c[$1] / (1 + a[$1]) }
            /// Value and subgradient at y, leaving out components that would push a zero price
            /// below zero, as `LowerBound` does.
            func oracle(_ y: [Double]) -> (Double, [Int32], [Double]) {
                var value = 0.0
                var g = Array(repeating: 0.0, count: d)
                let total = y.reduce(0, +)
                value -= abs(total - k)
                for j in 0..<d {
                    if a[j] * y[j] <= c[j] - y[j] { value += a[j] * y[j]; g[j] = a[j] } else { value += c[j] - y[j]; g[j] = -1 }
                    g[j] += total > k ? -1 : 1
                }
                var index: [Int32] = [], values: [Double] = []
                for j in 0..<d where g[j] != 0 && (g[j] > 0 || y[j] > 0) { index.append(Int32(j)); values.append(g[j]) }
                return (value, index, values)
            }
            let start = Array(repeating: 0.0, count: d)
            let (v0, i0, g0) = oracle(start)
            var bundle = ProximalBundle(centre: start, value: v0, cut: (i0, g0), t: 0.1)
            var best = v0, centreValue = v0
            for _ in 0..<400 {
                let y = bundle.trialPoint()
                XCTAssertTrue(y.allSatisfy { $0 >= 0 })
                let (v, i, g) = oracle(y)
                XCTAssertLessThanOrEqual(v, optimum + 1e-9)
                best = max(best, v)
                bundle.record(value: v, cut: (i, g))
                XCTAssertGreaterThanOrEqual(bundle.centreValue, centreValue)
                centreValue = bundle.centreValue
            }
            XCTAssertEqual(best, optimum, accuracy: 1e-3 * optimum, "seed \(seed)")
        }
    }
}
