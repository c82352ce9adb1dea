import RotaEngine
@testable import RotaSolver
import XCTest

final class AnnealingTests: XCTestCase {
    /// The schedule is in hours of shortfall: it starts where a tenth of an hour's worsening is
    /// often taken, ends where it practically never is, and scales with the policy's weight.
    func testTemperatureCoolsGeometricallyInUnitsOfAnHourShort() {
        var weights = CostWeights()
        let schedule = CoolingSchedule(weights: weights)
        XCTAssertEqual(schedule.temperature(at: 0), 0.07 * weights.hoursShortfall, accuracy: 1e-9)
        XCTAssertEqual(schedule.temperature(at: 1), 0.003 * weights.hoursShortfall, accuracy: 1e-9)
        XCTAssertEqual(schedule.temperature(at: 0.5), (schedule.start * schedule.end).squareRoot(), accuracy: 1e-9)
        XCTAssertEqual(schedule.temperature(at: 3), schedule.end, accuracy: 1e-12, "past the budget it stays cold")
        for f in stride(from: 0.1, through: 1, by: 0.1) {
            XCTAssertLessThan(schedule.temperature(at: f), schedule.temperature(at: f - 0.1))
        }
        weights.hoursShortfall *= 2
        XCTAssertEqual(CoolingSchedule(weights: weights).start, 2 * schedule.start, accuracy: 1e-9)
        // `SolveOptions` may set both ends, in the same units.
        let chosen = CoolingSchedule(weights: weights, startHours: 0.2, endHours: 0.01)
        XCTAssertEqual(chosen.temperature(at: 0), 0.2 * weights.hoursShortfall, accuracy: 1e-9)
        XCTAssertEqual(chosen.temperature(at: 1), 0.01 * weights.hoursShortfall, accuracy: 1e-9)
    }

    /// A stall ends the search early only once most of its budget has cooled: a hot search goes
    /// long stretches without a new best, and stopping there left small regions worse off with
    /// a longer time limit than with a shorter one.
    func testAStallEndsTheSearchOnlyOnceItHasCooledButAHalfStopsOnAnyStall() {
        let (_, _, initial) = constructedRota(people: 60, seed: 9)
        var search = AnnealingSearch(state: initial, seed: 1)
        search.run(deadline: .max, maxMoves: 60_000, stallMoves: 200, isCancelled: { false }, progress: nil)
        XCTAssertTrue(search.finished)
        XCTAssertGreaterThanOrEqual(search.iteration, 30_000, "no stop while hot: not in the first half, at least")
        XCTAssertLessThan(search.iteration, 60_000, "a cold stall still stops it early")

        // A half of a partitioned epoch stops on any stall: when both halves of a small region
        // stall, the solver goes on with the whole rota.
        var half = AnnealingSearch(state: initial, seed: 1)
        let model = initial.m
        half.adopt(initial, owned: (0..<model.personCount).map { $0 % 2 == 0 }, seats: model.sessionCapacity)
        half.run(deadline: .max, maxMoves: 60_000, stallMoves: 200, isCancelled: { false }, progress: nil)
        XCTAssertTrue(half.finished)
        XCTAssertLessThan(half.iteration, 30_000, "a half stops on a stall while still hot")
    }

    /// A hot search takes moves that worsen the rota; a frozen one never does.
    func testHotSearchTakesWorseningMovesAndFrozenSearchNever() {
        let (_, _, initial) = constructedRota(people: 150, seed: 31)
        func worsenings(at temperature: Double) -> Int {
            var search = AnnealingSearch(state: initial, seed: 5)
            search.temperature = temperature
            var count = 0
            for _ in 0..<3000 {
                let before = search.current
                search.step()
                if search.current > before + 1e-9 { count += 1 }
            }
            return count
        }
        XCTAssertEqual(worsenings(at: 1e-12), 0)
        XCTAssertGreaterThan(worsenings(at: 1e6), 100)
    }
}
