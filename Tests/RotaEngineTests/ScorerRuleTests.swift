import Foundation
import RotaEngine
import RotaJSON
import XCTest

/// Each hard rule and each soft cost, on the hand-made region of Fixtures/small.
final class ScorerRuleTests: XCTestCase {
    var region: Region!
    var expected: JSONValue!

    override func setUpWithError() throws {
        region = Region(try Fixture.problem("small/problem.json"))
        expected = try Fixture.json("small/expected.json")
    }

    func testValidRotaBreaksNoRuleAndEachSoftCostMatchesHandComputedValue() throws {
        let report = Scorer.score(try Fixture.rota("small/rota-valid.json"), in: region)
        XCTAssertEqual(report.hard, 0, report.violations.map(\.message).joined(separator: "\n"))
        let terms = expected["valid"]!["breakdown"]!.objectValue!
        for cost in SoftCost.allCases {
            XCTAssertEqual(report.breakdown[cost] ?? -1, terms[cost.rawValue]!.doubleValue!, accuracy: 1e-6, cost.rawValue)
        }
        XCTAssertEqual(report.soft, expected["valid"]!["soft"]!.doubleValue!, accuracy: 1e-6)
    }

    func testEachBrokenRotaBreaksExactlyItsRuleOnce() throws {
        for rule in 0...12 {
            let report = Scorer.score(try Fixture.rota("small/rota-break-rule-\(rule).json"), in: region)
            XCTAssertEqual(report.perRule, [rule: 1], "rota-break-rule-\(rule): \(report.violations.map(\.message))")
            XCTAssertEqual(report.hard, 1)
        }
    }

    func testViolationsNameThePeopleAndSessionsInvolved() throws {
        let report = Scorer.score(try Fixture.rota("small/rota-break-rule-7.json"), in: region)
        let v = try XCTUnwrap(report.violations.first)
        XCTAssertEqual(v.rule, .nonAssociation)
        XCTAssertEqual(Set(v.people), ["P15", "P16"])
        XCTAssertEqual(v.sessions, ["SCHOOL-SUN"])
        XCTAssertTrue(v.message.contains("must not meet"), v.message)
    }

    func testReportedScoreMatchesOnlyWhenHardAndSoftAgree() throws {
        var rota = try Fixture.rota("small/rota-valid.json")
        let report = Scorer.score(rota, in: region)
        XCTAssertFalse(report.matches(rota.score))
        rota.score = ReportedScore(hard: 0, soft: report.soft + 0.009, breakdown: [:])
        XCTAssertTrue(report.matches(rota.score))
        rota.score = ReportedScore(hard: 0, soft: report.soft + 0.02, breakdown: [:])
        XCTAssertFalse(report.matches(rota.score))
        rota.score = ReportedScore(hard: 1, soft: report.soft, breakdown: [:])
        XCTAssertFalse(report.matches(rota.score))
    }

    func testBadEntriesAreDroppedAndCountedUnderRuleZero() throws {
        var rota = try Fixture.rota("small/rota-valid.json")
        rota.assignments.append(Assignment(personId: "P01", sessionId: "PARK-SAT"))      // exact duplicate
        rota.assignments.append(Assignment(personId: "NOBODY", sessionId: "PARK-SAT"))   // unknown person
        rota.assignments.append(Assignment(personId: "P30", sessionId: "PARK-NEXT"))     // outside the week
        rota.assignments.append(Assignment(personId: "P30", sessionId: "TSP-G1-TUE"))    // a programme session
        rota.programmeAllocations.append(ProgrammeAllocation(personId: "P24", groupId: "NO-GROUP"))
        rota.interpreterBookings.append(InterpreterBooking(interpreterId: "I-XX", sessionId: "PARK-SAT", language: "pl"))
        let report = Scorer.score(rota, in: region)
        XCTAssertEqual(report.perRule, [0: 6])
        let clean = Scorer.score(try Fixture.rota("small/rota-valid.json"), in: region)
        XCTAssertEqual(report.soft, clean.soft, accuracy: 1e-9, "dropped entries cost nothing")
    }

    func testWrongWeekCountsOnceAndTheRestIsStillScored() throws {
        var rota = try Fixture.rota("small/rota-valid.json")
        rota.weekStart = "2026-12-07"
        let report = Scorer.score(rota, in: region)
        XCTAssertEqual(report.perRule, [0: 1])
        XCTAssertEqual(report.soft, expected["valid"]!["soft"]!.doubleValue!, accuracy: 1e-6)
    }

    func testSessionsOutsideTheWeekAreIgnored() throws {
        let inWeek = region.sessions.map(\.id)
        XCTAssertFalse(inWeek.contains("PARK-NEXT"))
        XCTAssertTrue(inWeek.contains("PARK-SAT"))
    }

    func testAnAwaitingPersonInTheWrongGroupCountsAsPlacedButBreaksRule12() throws {
        var rota = try Fixture.rota("small/rota-valid.json")
        rota.programmeAllocations.append(ProgrammeAllocation(personId: "P24", groupId: "TSP-G2"))  // not accepting new
        let report = Scorer.score(rota, in: region)
        XCTAssertEqual(report.perRule[12], 1)
        XCTAssertEqual(report.breakdown[.starterUnplaced], 0)
    }

    func testTwoAllocationsOfOnePersonCountTheExtra() throws {
        var rota = try Fixture.rota("small/rota-valid.json")
        rota.programmeAllocations.append(ProgrammeAllocation(personId: "P23", groupId: "TSP-G2"))
        let report = Scorer.score(rota, in: region)
        // TSP-G2 is not accepting new members (1) and P23 now has two allocations (1 extra).
        XCTAssertEqual(report.perRule[12], 2)
    }

    func testBookingFaultsCountSeparately() throws {
        var rota = try Fixture.rota("small/rota-valid.json")
        // I-RO speaks no Polish, is not available on Saturday, and nobody at FAR-SAT needs Polish: three faults.
        rota.interpreterBookings.append(InterpreterBooking(interpreterId: "I-RO", sessionId: "FAR-SAT", language: "pl"))
        let report = Scorer.score(rota, in: region)
        XCTAssertEqual(report.perRule, [5: 3])
        XCTAssertEqual(report.breakdown[.interpreterBooking], 160, "every booking is costed, even a faulty one")
    }

    func testTwoBookingsForOneNeedAndADoubleBookedInterpreter() throws {
        var rota = try Fixture.rota("small/rota-valid.json")
        rota.interpreterBookings.append(InterpreterBooking(interpreterId: "I-PL", sessionId: "PARK-SAT", language: "ro"))
        let report = Scorer.score(rota, in: region)
        // Speaks no Romanian (1), serves nobody (1), overlaps its own PARK-SAT booking (1).
        XCTAssertEqual(report.perRule, [5: 3])
    }

    func testWorkedExamplesOfTheSpecAgree() throws {
        let problem = Region(try Fixture.problem("spec-examples/problem.json"))
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixture.url("spec-examples/expected").path).sorted()
        XCTAssertFalse(names.isEmpty)
        for name in names {
            let exp = try Fixture.json("spec-examples/expected/\(name)")
            let rota = try Fixture.rota("spec-examples/\(name)")
            let report = Scorer.score(rota, in: problem)
            XCTAssertEqual(report.hard, Int(exp["hard"]!.doubleValue!), name)
            XCTAssertEqual(report.soft, exp["soft"]!.doubleValue!, accuracy: 0.01, name)
            for m in exp["breakdown"]!.objectValue!.members {
                XCTAssertEqual(report.breakdown[SoftCost(rawValue: m.key)!] ?? -1, m.value.doubleValue!, accuracy: 0.01, "\(name) \(m.key)")
            }
            var perRule: [Int: Int] = [:]
            for m in exp["violationsPerRule"]!.objectValue!.members { perRule[Int(m.key)!] = Int(m.value.doubleValue!) }
            XCTAssertEqual(report.perRule, perRule, name)
            XCTAssertEqual(report.matches(rota.score), exp["reportedScoreMatches"]!.boolValue!, name)
        }
    }
}
