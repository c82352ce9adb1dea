import Foundation
import RotaJSON
import RotaTestSupport
import XCTest

/// `rota validate`, `solve` and `generate` through the real binary: outputs and exit statuses.
final class CommandLineTests: XCTestCase {
    func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) { try DaemonClient.runCommand(args) }

    func fixture(_ name: String) -> String { PackageRoot.fixture(name).path }

    func testValidatePrintsTheVerdictAsJSON() throws {
        let r = try run(["validate", fixture("small/problem.json"), fixture("small/rota-break-rule-9.json")])
        XCTAssertEqual(r.status, 0)
        let v = try JSONParser.parse(r.out)
        XCTAssertEqual(v["hard"], 1)
        XCTAssertEqual(v["violations"]?.arrayValue?.first?["rule"], 9)
        XCTAssertEqual(v["violations"]?.arrayValue?.first?["people"], ["P16"])
        XCTAssertEqual(v["reportedScoreMatches"], false)
        let text = try run(["validate", fixture("small/problem.json"), fixture("small/rota-valid.json"), "--text"])
        XCTAssertTrue(text.out.contains("hard 0"))
    }

    func testRefusedInputExitsOneNamingTheField() throws {
        let dir = DaemonClient.temporaryDirectory()
        let bad = dir.appendingPathComponent("bad.json")
        try Data(#"{"weekStart":"2026-11-30","people":[{"id":"P1","sex":"M","home":{"lat":52,"lon":-1},"risk":{"rosh":"hi"}}]}"#.utf8).write(to: bad)
        let r = try run(["validate", bad.path, fixture("small/rota-valid.json")])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains(#"people[0].risk.rosh: expected one of low, medium, high, very_high, got "hi""#), r.err)
        let s = try run(["solve", bad.path])
        XCTAssertEqual(s.status, 1)
        XCTAssertEqual(try run(["validate", "/nonexistent.json", fixture("small/rota-valid.json")]).status, 1)
    }

    func testUsageMistakesExitTwo() throws {
        XCTAssertEqual(try run([]).status, 2)
        XCTAssertEqual(try run(["frobnicate"]).status, 2)
        XCTAssertEqual(try run(["validate", fixture("small/problem.json")]).status, 2)
        XCTAssertEqual(try run(["solve", fixture("small/problem.json"), "--time-limit", "soon"]).status, 2)
    }

    func testSolveWritesAValidRotaThatValidateAgreesWith() throws {
        let dir = DaemonClient.temporaryDirectory()
        let out = dir.appendingPathComponent("rota.json")
        let r = try run(["solve", fixture("region-400.json"), "--time-limit", "1", "--threads", "2", "--out", out.path])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("lower bound"), "progress and summary on stderr")
        let v = try JSONParser.parse(try run(["validate", fixture("region-400.json"), out.path]).out)
        XCTAssertEqual(v["hard"], 0)
        XCTAssertEqual(v["reportedScoreMatches"], true)
    }

    /// The benchmark the docs quote runs end to end: a row per size, every rota legal, the bound
    /// below the rota and the gap printed as the two say, today's greedy fill no better.
    func testBenchPrintsARowPerSizeWithTheBoundBelowTheRota() throws {
        let r = try run(["bench", "--sizes", "60,120", "--families", "standard,dense", "--time-limit", "1"])
        XCTAssertEqual(r.status, 0, r.err)
        let header = try XCTUnwrap(r.out.split(separator: "\n").first { $0.hasPrefix("| family") })
        let names = header.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let rows = r.out.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| family") }
            .map { $0.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }
        XCTAssertEqual(rows.map { "\($0[1]) \($0[2])" }, ["standard 60", "standard 120", "dense 60", "dense 120"])
        func column(_ row: [String], _ name: String) throws -> Double {
            let i = try XCTUnwrap(names.firstIndex(of: name), "column \(name)")
            return try XCTUnwrap(Double(row[i].replacingOccurrences(of: "%", with: "")), "\(name): \(row[i])")
        }
        for row in rows {
            let soft = try column(row, "final soft"), bound = try column(row, "lower bound")
            XCTAssertEqual(try column(row, "hard"), 0)
            XCTAssertLessThanOrEqual(bound, soft + 1e-6)
            XCTAssertEqual(try column(row, "gap"), 100 * (soft - bound) / soft, accuracy: 0.01)
            XCTAssertLessThanOrEqual(soft, try column(row, "greedy day-by-day soft"))
        }
    }

    func testGenerateIsRepeatableForASeed() throws {
        let a = try run(["generate", "--people", "50", "--seed", "9"])
        let b = try run(["generate", "--people", "50", "--seed", "9"])
        XCTAssertEqual(a.status, 0)
        XCTAssertEqual(a.out, b.out)
        XCTAssertEqual(try JSONParser.parse(a.out)["people"]?.arrayValue?.count, 50)
    }

    func testRepairKeepsWhatCanStandAndExportModelDescribesTheCandidates() throws {
        // Rule 9 broken on purpose: P16 at a placement 40 km away.
        let r = try run(["repair", fixture("small/problem.json"), fixture("small/rota-break-rule-9.json")])
        XCTAssertEqual(r.status, 0, r.err)
        let dir = DaemonClient.temporaryDirectory()
        let repaired = dir.appendingPathComponent("repaired.json")
        try Data(r.out.utf8).write(to: repaired)
        let v = try JSONParser.parse(try run(["validate", fixture("small/problem.json"), repaired.path]).out)
        XCTAssertEqual(v["hard"], 0)
        XCTAssertEqual(v["reportedScoreMatches"], true)
        let kept = try JSONParser.parse(r.out)["assignments"]?.arrayValue ?? []
        XCTAssertFalse(kept.contains { $0["personId"] == "P16" && $0["sessionId"] == "FAR-SAT" })
        XCTAssertTrue(kept.contains { $0["personId"] == "P18" && $0["sessionId"] == "FAR-SAT" })
        let model = try JSONParser.parse(try run(["export-model", fixture("small/problem.json")]).out)
        XCTAssertEqual(model["people"]?.arrayValue?.count, 30)
        XCTAssertEqual(model["candPerson"]?.arrayValue?.count, model["candSession"]?.arrayValue?.count)
        XCTAssertGreaterThan(model["candPerson"]?.arrayValue?.count ?? 0, 10)
    }
}
