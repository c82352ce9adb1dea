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
        // The stored rota checks offline against the week's document the daemon solved.
        let doc = try write(c.call("week.problem", ["weekStart": "2026-12-14"]), "week.json")
        var storedRota = c.call("rota.get", ["weekStart": "2026-12-14"]).objectValue!
        storedRota["published"] = nil
        storedRota["changes"] = nil
        let verdict = try DaemonClient.runCommand(["validate", doc, try write(.object(storedRota), "rota.json")])
        XCTAssertEqual(try JSONParser.parse(Array(verdict.out.utf8))["hard"], 0, verdict.out + verdict.err)
        XCTAssertEqual(try JSONParser.parse(Array(verdict.out.utf8))["reportedScoreMatches"], true)
        // Attendance at a weekly session names its day, and only a day it runs.
        XCTAssertEqual(c.error("attendance.record", ["personId": "P01", "sessionId": "PARK-SAT", "hours": 7]).code, -32602)
        XCTAssertEqual(c.error("attendance.record", ["personId": "P01", "sessionId": "PARK-SAT", "day": "2026-12-11", "hours": 7]).code, -32602)
        XCTAssertNotNil(c.call("attendance.record", ["personId": "P01", "sessionId": "PARK-SAT", "day": "2026-12-12", "hours": 7])["hoursCompleted"])
        let next = c.call("week.problem", ["weekStart": "2026-12-14"])["people"]?.arrayValue?.first { $0["id"] == "P01" }
        XCTAssertEqual(next?["currentPlacementId"], "PARK")
    }
}

/// The completion forecast (TIMETABLE.md, issue 23).
final class ForecastTests: XCTestCase {
    /// Ann can reach one 7-hour Saturday session a week and has 70 hours left; Bob lives beyond
    /// every session.
    func region(annDeadline: String) -> JSONValue {
        func person(_ id: String, lat: Double, deadline: String) -> JSONValue {
            ["id": .string(id), "sex": "M", "home": ["lat": .number(lat), "lon": -1.10],
             "upw": ["hoursOrdered": 70, "hoursCompleted": 0, "deadline": .string(deadline)]]
        }
        return ["weekStart": "2026-11-30",
                "people": [person("ANN", lat: 52.60, deadline: annDeadline), person("BOB", lat: 54.60, deadline: "2028-01-01")],
                "placements": [["id": "PARK", "name": "Abbey Park", "provider": "City Parks", "kind": "group", "location": ["lat": 52.61, "lon": -1.10],
                                "sessions": [["id": "PARK-SAT", "weekday": "Saturday", "start": "09:00", "end": "16:30", "hours": 7, "capacity": 1]]]]]
    }

    func forecast(_ doc: JSONValue, text: Bool = false) throws -> (JSONValue?, String) {
        let url = DaemonClient.temporaryDirectory().appendingPathComponent("weekly.json")
        try Data(JSONWriter.bytes(doc)).write(to: url)
        let rotas = DaemonClient.temporaryDirectory().path
        var args = ["forecast", url.path, "--weeks", "12", "--threads", "1", "--moves", "2000", "--seed", "1",
                    "--week-seconds", "1", "--first-week-seconds", "1", "--rotas", rotas]
        if text { args.append("--text") }
        let r = try DaemonClient.runCommand(args)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: rotas).count, 12, "a rota per week")
        return (text ? nil : try JSONParser.parse(Array(r.out.utf8)), r.out)
    }

    func testAnOrderWithOneSessionAWeekCompletesInWeekTenAndIsAtRiskWhenItsDeadlineIsSooner() throws {
        let (onTime, _) = try forecast(region(annDeadline: "2028-01-01"))
        let orders = onTime!["orders"]!.arrayValue!
        let ann = orders.first { $0["personId"] == "ANN" }!
        XCTAssertEqual(ann["plannedHours"]?.arrayValue?.count, 12)
        XCTAssertEqual(ann["plannedHours"]!.arrayValue!, Array(repeating: 7, count: 10) + [0, 0], "nothing once the order is done")
        XCTAssertEqual(ann["projectedCompletion"], "2027-02-06", "the Saturday of week 10")
        XCTAssertEqual(ann["atRisk"], false)
        let bob = orders.first { $0["personId"] == "BOB" }!
        XCTAssertEqual(bob["projectedCompletion"], .null)
        XCTAssertEqual(bob["atRisk"], true)
        XCTAssertEqual(onTime!["summary"]?["orders"], 2)
        XCTAssertEqual(onTime!["summary"]?["atRisk"], 1)
        XCTAssertEqual(onTime!["summary"]?["hoursPlanned"], 70)
        let (late, _) = try forecast(region(annDeadline: "2027-01-31"))
        let ann2 = late!["orders"]!.arrayValue!.first { $0["personId"] == "ANN" }!
        XCTAssertEqual(ann2["projectedCompletion"], "2027-02-06")
        XCTAssertEqual(ann2["atRisk"], true)
    }

    func testTheTextFormPutsTheOrdersAtRiskFirstWithWhy() throws {
        let (_, text) = try forecast(region(annDeadline: "2027-01-31"), text: true)
        XCTAssertTrue(text.hasPrefix("Completion forecast: 12 weeks from 2026-11-30; 2 orders, 2 at risk"), text)
        XCTAssertTrue(text.contains("ANN: 70 h left, projected to finish 2027-02-06, deadline 2027-01-31"), text)
        XCTAssertTrue(text.contains("BOB: 70 h left, no finish in sight at this pace"), text)
        XCTAssertTrue(text.contains("why: "), text)
    }

    func testTheDaemonForecastsFromTheRecordWithProgress() throws {
        let c = try DaemonClient(dataDir: DaemonClient.temporaryDirectory())
        defer { _ = c.closeAndWait() }
        var dataset = region(annDeadline: "2028-01-01").objectValue!
        dataset["weekStart"] = nil
        _ = c.call("dataset.load", .object(dataset))
        // Ann worked last Saturday: 63 hours left at the forecast's start.
        _ = c.call("attendance.record", ["personId": "ANN", "sessionId": "PARK-SAT", "day": "2026-11-28", "hours": 7])
        let answer = c.call("forecast.get", ["fromWeek": "2026-11-30", "weeks": 10, "weekMs": 200, "seed": 1])
        let ann = answer["orders"]!.arrayValue!.first { $0["personId"] == "ANN" }!
        XCTAssertEqual(ann["hoursRemaining"], 63)
        XCTAssertEqual(ann["projectedCompletion"], "2027-01-30", "the Saturday of week 9")
        XCTAssertGreaterThanOrEqual(c.messages.filter { $0["method"] == "forecast/progress" }.count, 10)
    }
}
