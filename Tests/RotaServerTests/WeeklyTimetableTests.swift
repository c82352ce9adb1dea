import Foundation
import RotaJSON
import RotaTestSupport
import XCTest

/// Weekly entries and the week's document (TIMETABLE.md, issue 23), through the real binary.
final class WeeklyTimetableTests: XCTestCase {
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// The weekday of an ISO day in the week of 2026-11-30, or nil outside it.
    func weekday(_ day: String) -> String? {
        let week = ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"]
        return week.firstIndex(of: day).map { Self.weekdays[$0] }
    }

    /// A dated entry of the first week as a weekly one (entries outside it stay dated).
    func weeklyEntry(_ v: JSONValue) -> JSONValue {
        guard case .object(var o) = v, let day = o["day"]?.stringValue, let name = weekday(day) else { return v }
        o["day"] = nil
        o["weekday"] = .string(name)
        return .object(o)
    }

    /// The small fixture with every placement session, commitment and childcare window weekly.
    func weeklyFixture() throws -> JSONValue {
        var doc = try DaemonClient.fixture("small/problem.json").objectValue!
        doc["placements"] = .array(doc["placements"]!.arrayValue!.map { pl in
            var o = pl.objectValue!
            o["sessions"] = .array((o["sessions"]?.arrayValue ?? []).map(weeklyEntry))
            return .object(o)
        })
        doc["people"] = .array(doc["people"]!.arrayValue!.map { p in
            var o = p.objectValue!
            if let u = o["unavailable"]?.arrayValue { o["unavailable"] = .array(u.map(weeklyEntry)) }
            if var c = o["childcare"]?.objectValue, let w = c["windows"]?.arrayValue {
                c["windows"] = .array(w.map(weeklyEntry))
                o["childcare"] = .object(c)
            }
            return .object(o)
        })
        return .object(doc)
    }

    func write(_ v: JSONValue, _ name: String) throws -> String {
        let url = DaemonClient.temporaryDirectory().appendingPathComponent(name)
        try Data(JSONWriter.bytes(v)).write(to: url)
        return url.path
    }

    func testAWeeklyRegionsFirstWeekScoresEveryRotaAsTheDatedOneDoes() throws {
        let weekly = try write(try weeklyFixture(), "weekly.json")
        let dated = PackageRoot.fixture("small/problem.json").path
        var rotas = [PackageRoot.fixture("small/rota-valid.json").path]
        for rule in 1...12 { rotas.append(PackageRoot.fixture("small/rota-break-rule-\(rule).json").path) }
        for rota in rotas {
            let a = try DaemonClient.runCommand(["validate", dated, rota]), b = try DaemonClient.runCommand(["validate", weekly, rota])
            XCTAssertEqual(a.status, 0, a.err)
            XCTAssertEqual(b.status, 0, b.err)
            let va = try JSONParser.parse(Array(a.out.utf8)), vb = try JSONParser.parse(Array(b.out.utf8))
            XCTAssertEqual(va["hard"], vb["hard"], rota)
            XCTAssertEqual(va["soft"], vb["soft"], rota)
        }
    }

    func testALaterWeeksSessionsCommitmentsAndWindowsFallOnItsDays() throws {
        let weekly = try write(try weeklyFixture(), "weekly.json")
        let r = try DaemonClient.runCommand(["week", weekly, "--week", "2026-12-07"])
        XCTAssertEqual(r.status, 0, r.err)
        let doc = try JSONParser.parse(Array(r.out.utf8))
        XCTAssertEqual(doc["weekStart"], "2026-12-07")
        let days = doc["placements"]!.arrayValue!.flatMap { $0["sessions"]!.arrayValue!.compactMap { $0["day"]?.stringValue } }
        XCTAssertFalse(days.isEmpty)
        XCTAssertTrue(days.allSatisfy { $0 >= "2026-12-07" && $0 <= "2026-12-13" }, "\(days)")
        let original = try DaemonClient.fixture("small/problem.json")
        XCTAssertEqual(days.count, original["placements"]!.arrayValue!.flatMap { $0["sessions"]!.arrayValue! }.count)
        for person in doc["people"]!.arrayValue! {
            for u in person["unavailable"]?.arrayValue ?? [] { XCTAssertGreaterThanOrEqual(u["day"]!.stringValue!, "2026-12-07") }
            for w in person["childcare"]?["windows"]?.arrayValue ?? [] { XCTAssertGreaterThanOrEqual(w["day"]!.stringValue!, "2026-12-07") }
        }
        // And it solves: a later week is not an empty week.
        let path = try write(doc, "week2.json")
        let out = DaemonClient.temporaryDirectory().appendingPathComponent("r.json").path
        XCTAssertEqual(try DaemonClient.runCommand(["solve", path, "--time-limit", "0.5", "--quiet", "--out", out]).status, 0)
        let rota = try JSONParser.parse([UInt8](Data(contentsOf: URL(fileURLWithPath: out))))
        XCTAssertGreaterThan(rota["assignments"]?.arrayValue?.count ?? 0, 10)
    }

    func testExceptFromAndUntilAreHonoured() throws {
        var doc = try weeklyFixture().objectValue!
        var placements = doc["placements"]!.arrayValue!
        var first = placements[0].objectValue!
        let sessions = first["sessions"]!.arrayValue!
        guard case .object(var s0) = sessions[0], let weekdayName = s0["weekday"]?.stringValue else { return XCTFail("no weekly session") }
        let offset = Self.weekdays.firstIndex(of: weekdayName)!
        let inWeek2 = String(format: "2026-12-%02d", 7 + offset)
        s0["except"] = [.string(inWeek2)]
        var s1 = s0
        s1["id"] = "ONLY-FROM-WEEK-3"
        s1["except"] = nil
        s1["from"] = "2026-12-14"
        var s2 = s0
        s2["id"] = "UNTIL-WEEK-1"
        s2["except"] = nil
        s2["until"] = "2026-12-06"
        first["sessions"] = .array([.object(s0), .object(s1), .object(s2)] + sessions.dropFirst())
        placements[0] = .object(first)
        doc["placements"] = .array(placements)
        let path = try write(.object(doc), "weekly.json")
        func ids(_ week: String) throws -> Set<String> {
            let r = try DaemonClient.runCommand(["week", path, "--week", week])
            let d = try JSONParser.parse(Array(r.out.utf8))
            return Set(d["placements"]!.arrayValue![0]["sessions"]!.arrayValue!.compactMap { $0["id"]?.stringValue })
        }
        let id0 = s0["id"]!.stringValue!
        XCTAssertEqual(try ids("2026-11-30").intersection([id0, "ONLY-FROM-WEEK-3", "UNTIL-WEEK-1"]), [id0, "UNTIL-WEEK-1"])
        XCTAssertEqual(try ids("2026-12-07").intersection([id0, "ONLY-FROM-WEEK-3", "UNTIL-WEEK-1"]), [], "the bank holiday and the bounds")
        XCTAssertEqual(try ids("2026-12-14").intersection([id0, "ONLY-FROM-WEEK-3", "UNTIL-WEEK-1"]), [id0, "ONLY-FROM-WEEK-3"])
    }

    func testABadWeekdayIsRefusedNamingThePath() throws {
        var doc = try weeklyFixture().objectValue!
        var placements = doc["placements"]!.arrayValue!
        var first = placements[0].objectValue!
        var s0 = first["sessions"]!.arrayValue![0].objectValue!
        s0["weekday"] = "Sat"
        first["sessions"] = .array([.object(s0)])
        placements[0] = .object(first)
        doc["placements"] = .array(placements)
        let path = try write(.object(doc), "bad.json")
        let r = try DaemonClient.runCommand(["validate", path, PackageRoot.fixture("small/rota-valid.json").path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("placements[0].sessions[0].weekday: expected Monday…Sunday, got \"Sat\""), r.err)
    }

    func testTheDaemonKeepsWeeklyEntriesAndBuildsEachWeeksDocument() throws {
        let c = try DaemonClient(dataDir: DaemonClient.temporaryDirectory())
        defer { _ = c.closeAndWait() }
        var dataset = try weeklyFixture().objectValue!
        dataset["weekStart"] = nil
        _ = c.call("dataset.load", .object(dataset))
        // Stored as written (weekly), and every week has its sessions.
        let stored = c.call("dataset.get", ["placements": ["PARK"]])["placements"]?.arrayValue?.first
        XCTAssertTrue(stored?["sessions"]?.arrayValue?.contains { $0["weekday"] == "Saturday" } ?? false, "\(stored ?? .null)")
        let rota = c.call("rota.generate", ["weekStart": "2026-12-14", "timeLimitMs": 300, "seed": 1])
        XCTAssertGreaterThan(rota["assignments"]?.arrayValue?.count ?? 0, 10)
        XCTAssertEqual(c.call("rota.validate", ["weekStart": "2026-12-14"])["hard"], 0)
        // Attendance at a weekly session names its day, and only a day it runs.
        XCTAssertEqual(c.error("attendance.record", ["personId": "P01", "sessionId": "PARK-SAT", "hours": 7]).code, -32602)
        XCTAssertEqual(c.error("attendance.record", ["personId": "P01", "sessionId": "PARK-SAT", "day": "2026-12-11", "hours": 7]).code, -32602)
        XCTAssertNotNil(c.call("attendance.record", ["personId": "P01", "sessionId": "PARK-SAT", "day": "2026-12-12", "hours": 7])["hoursCompleted"])
        let next = c.call("week.problem", ["weekStart": "2026-12-14"])["people"]?.arrayValue?.first { $0["id"] == "P01" }
        XCTAssertEqual(next?["currentPlacementId"], "PARK")
    }
}
