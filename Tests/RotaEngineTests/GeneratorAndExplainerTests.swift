import RotaEngine
import RotaGenerator
import RotaJSON
import XCTest

final class GeneratorTests: XCTestCase {
    func testSameSeedSameRegionOtherSeedOtherRegion() {
        let a = JSONWriter.string(ProblemEncoder.encode(RegionGenerator(people: 300, seed: 5).generate()))
        let b = JSONWriter.string(ProblemEncoder.encode(RegionGenerator(people: 300, seed: 5).generate()))
        let c = JSONWriter.string(ProblemEncoder.encode(RegionGenerator(people: 300, seed: 6).generate()))
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
    }

    func testGeneratedRegionsDecodeAgainAndForceNoViolation() throws {
        for n in [10, 120, 2000] {
            let problem = RegionGenerator(people: n, seed: UInt64(n)).generate()
            let again = try ProblemDecoder.decode(JSONParser.parse(JSONWriter.string(ProblemEncoder.encode(problem))))
            XCTAssertEqual(again.people.count, n)
            XCTAssertEqual(again.people, problem.people)
            XCTAssertEqual(again.placements, problem.placements)
            let region = Region(again)
            // An empty rota breaks only rule 5 (enrolled members' fixed sessions need interpreter bookings).
            let report = Scorer.score(Rota(weekStart: again.weekStart.description), in: region)
            XCTAssertTrue(report.violations.allSatisfy { $0.rule == .interpreter }, report.violations.prefix(3).map(\.message).joined(separator: "\n"))
        }
    }

    func testRegionHasTheShapeOfDomainMd() {
        let p = RegionGenerator(people: 3000, seed: 11).generate()
        let region = Region(p)
        let sessions = region.sessions.prefix(region.placementSessionCount)
        let weekendParty = sessions.filter { $0.interval.day.weekday >= 5 && p.placements[$0.placement].kind == .group }.count
        let weekdayParty = sessions.filter { $0.interval.day.weekday < 5 && p.placements[$0.placement].kind == .group }.count
        XCTAssertGreaterThan(weekendParty, weekdayParty, "work parties mostly at weekends")
        XCTAssertTrue(sessions.filter { p.placements[$0.placement].kind == .individual }.allSatisfy { _ in true })
        let womenOnlySeats = sessions.filter { p.placements[$0.placement].womenOnly }.reduce(0) { $0 + $1.capacity }
        let allSeats = sessions.reduce(0) { $0 + $1.capacity }
        XCTAssertGreaterThan(womenOnlySeats, 0)
        XCTAssertLessThan(Double(womenOnlySeats), 0.1 * Double(allSeats), "women-only seats are scarce")
        XCTAssertGreaterThan(p.people.filter(\.needsInterpreter).count, 0)
        XCTAssertGreaterThan(p.people.filter { $0.childcareWindows != nil }.count, 0)
        XCTAssertGreaterThan(p.people.filter { $0.programme?.status == .awaiting }.count, 0)
        XCTAssertGreaterThan(p.people.filter { $0.programme?.status == .enrolled }.count, 0)
        let demand = p.people.indices.reduce(0.0) { $0 + region.weeklyTarget[$1] }
        let supply = sessions.reduce(0.0) { $0 + $1.hours * Double($1.capacity) }
        XCTAssertEqual(supply / demand, 1.1, accuracy: 0.15, "seat-hours roughly match demand")
    }
}

final class ExplainerTests: XCTestCase {
    func testShortfallReasonsComeFromTheActualConstraints() throws {
        let region = Region(try Fixture.problem("small/problem.json"))
        let rota = try Fixture.rota("small/rota-valid.json")
        let unmet = UnmetExplainer(region: region, rota: ResolvedRota(rota, in: region)).unmet()
        let byId = Dictionary(uniqueKeysWithValues: unmet.map { ($0.personId, $0) })
        // P26 needs a Romanian interpreter, works weekdays, and the Romanian interpreter works weekdays only.
        let ali = try XCTUnwrap(byId["P26"])
        XCTAssertEqual(ali.shortfallHours, 7)
        XCTAssertTrue(ali.reasons.joined().contains("no interpreter of their language is available then (3)"), ali.reasons.joined(separator: " | "))
        XCTAssertTrue(ali.reasons.joined().contains("clashes with work"), ali.reasons.joined(separator: " | "))
        // P24 waits for TSP: one group holds his co-defendant, the other takes nobody new.
        let yas = try XCTUnwrap(byId["P24"])
        XCTAssertTrue(yas.reasons.joined().contains("P23, whom they must not meet"), yas.reasons.joined())
        XCTAssertTrue(yas.reasons.joined().contains("not accepting new members"))
        // Everyone short of target is listed, with the hours the fixture says.
        let exp = try Fixture.json("small/expected.json")["valid"]!["shortfallHours"]!.objectValue!
        for m in exp.members { XCTAssertEqual(byId[m.key]?.shortfallHours ?? -1, m.value.doubleValue!, accuracy: 1e-9, m.key) }
        XCTAssertTrue(unmet.allSatisfy { !$0.reasons.isEmpty })
    }
}
