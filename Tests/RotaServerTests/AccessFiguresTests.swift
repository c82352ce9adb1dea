import Foundation
import RotaJSON
import RotaTestSupport
import XCTest

/// The `access` figures every rota carries (issue 26), recomputed here from the problem and the
/// rota's JSON alone, by PROTOCOL.md's definitions, without the engine's types.
final class AccessFiguresTests: XCTestCase {
    func testTheAccessFiguresOfASolvedRotaEqualARecomputationFromTheRota() throws {
        let dir = DaemonClient.temporaryDirectory()
        let problemPath = PackageRoot.fixture("region-400.json").path
        let rotaPath = dir.appendingPathComponent("rota.json").path
        let solved = try DaemonClient.runCommand(["solve", problemPath, "--time-limit", "2", "--seed", "3", "--quiet", "--out", rotaPath])
        XCTAssertEqual(solved.status, 0, solved.err)
        let problem = try JSONParser.parse([UInt8](Data(contentsOf: URL(fileURLWithPath: problemPath))))
        let rota = try JSONParser.parse([UInt8](Data(contentsOf: URL(fileURLWithPath: rotaPath))))
        let access = try XCTUnwrap(rota["access"])

        let weekStart = try XCTUnwrap(day(problem["weekStart"]?.stringValue ?? ""))
        let policy = problem["policy"]
        var hoursOf: [String: Double] = [:]
        for pl in problem["placements"]!.arrayValue! {
            for s in pl["sessions"]!.arrayValue! {
                let d = day(s["day"]!.stringValue!)!
                if d >= weekStart && d < weekStart + 7 { hoursOf[s["id"]!.stringValue!] = s["hours"]!.doubleValue! }
            }
        }
        var assigned: [String: Double] = [:]
        for a in rota["assignments"]!.arrayValue! { assigned[a["personId"]!.stringValue!, default: 0] += hoursOf[a["sessionId"]!.stringValue!] ?? 0 }
        let placed = Set(rota["programmeAllocations"]!.arrayValue!.map { $0["personId"]!.stringValue! })
        var expected: [String: (n: Int, with: Int, met: Double)] = [:]
        var starters: [String: (placed: Int, awaiting: Int)] = [:]
        for person in problem["people"]!.arrayValue! {
            let id = person["id"]!.stringValue!
            let female = person["sex"] == "F"
            var groups = ["all"]
            if person["needsInterpreter"]?.boolValue == true { groups.append("interpreter") }
            if person["womenOnly"]?.boolValue ?? female { groups.append("womenOnly") }
            if person["childcare"] != nil && person["childcare"] != .null { groups.append("childcare") }
            if ["high", "very_high"].contains(person["risk"]?["rosh"]?.stringValue ?? "low") { groups.append("roshHigh") }
            if let upw = person["upw"], upw != .null {
                let r = max(0, upw["hoursOrdered"]!.doubleValue! - upw["hoursCompleted"]!.doubleValue!)
                if r > 1e-9 {
                    let days = Double(day(upw["deadline"]!.stringValue!)! - weekStart)
                    let w = max(1, (days / 7).rounded(.up))
                    let minW = upw["minWeeklyHours"]?.doubleValue ?? policy?["minWeeklyHours"]?.doubleValue ?? 7
                    let maxW = upw["maxWeeklyHours"]?.doubleValue ?? policy?["maxWeeklyHours"]?.doubleValue ?? 28
                    let t = min(r, maxW, max(minW, r / w))
                    let a = assigned[id] ?? 0
                    for g in groups {
                        var e = expected[g] ?? (0, 0, 0)
                        e.n += 1
                        if a > 0 { e.with += 1 }
                        e.met += t > 0 ? min(1, a / t) : 1
                        expected[g] = e
                    }
                }
            }
            if person["programme"]?["status"] == "awaiting" {
                for g in groups {
                    var s = starters[g] ?? (0, 0)
                    if placed.contains(id) { s.placed += 1 } else { s.awaiting += 1 }
                    starters[g] = s
                }
            }
        }
        for g in ["all", "interpreter", "womenOnly", "childcare", "roshHigh"] {
            let e = expected[g] ?? (0, 0, 0)
            XCTAssertEqual(access[g]?["people"]?.doubleValue, Double(e.n), g)
            if e.n > 0 {
                XCTAssertEqual(access[g]?["withHours"]?.doubleValue ?? -1, Double(e.with) / Double(e.n), accuracy: 1e-4, g)
                XCTAssertEqual(access[g]?["targetMet"]?.doubleValue ?? -1, e.met / Double(e.n), accuracy: 1e-4, g)
            }
            XCTAssertEqual(access["starters"]?[g]?["placed"]?.doubleValue, Double(starters[g]?.placed ?? 0), g)
            XCTAssertEqual(access["starters"]?[g]?["awaiting"]?.doubleValue, Double(starters[g]?.awaiting ?? 0), g)
        }
        XCTAssertGreaterThan(expected["interpreter"]?.n ?? 0, 0, "the fixture has interpreter users")
        XCTAssertNotNil(access["byLanguage"]?.objectValue?.keys.first)
    }

    /// Days since 1970-01-01 of an ISO date.
    func day(_ iso: String) -> Int? {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var c = DateComponents()
        (c.year, c.month, c.day) = (parts[0], parts[1], parts[2])
        c.timeZone = TimeZone(identifier: "UTC")
        guard let d = Calendar(identifier: .gregorian).date(from: c) else { return nil }
        return Int(d.timeIntervalSince1970 / 86_400)
    }
}

/// Two women who attend women-only settings only, and a park work party that is mixed.
enum WhatIfFixture {
    /// Two women who attend women-only settings only, and a park work party that is mixed.
    static func region() -> JSONValue {
        func woman(_ id: String) -> JSONValue {
            ["id": .string(id), "sex": "F", "home": ["lat": 52.60, "lon": -1.10], "upw": ["hoursOrdered": 60, "hoursCompleted": 0, "deadline": "2027-06-01"]]
        }
        return ["weekStart": "2026-11-30",
                "people": [woman("W1"), woman("W2"),
                           ["id": "M1", "sex": "M", "home": ["lat": 52.70, "lon": -1.10], "upw": ["hoursOrdered": 60, "hoursCompleted": 0, "deadline": "2027-06-01"]]],
                "placements": [["id": "PARK", "name": "Abbey Park", "provider": "City Parks", "kind": "group", "location": ["lat": 52.61, "lon": -1.10],
                                "sessions": [["id": "PARK-SAT", "day": "2026-12-05", "start": "09:00", "end": "16:30", "hours": 7, "capacity": 4]]],
                               ["id": "YARD", "name": "Depot yard", "provider": "Depot Trust", "kind": "group", "location": ["lat": 52.70, "lon": -1.10],
                                "sessions": [["id": "YARD-SUN", "day": "2026-12-06", "start": "09:00", "end": "16:30", "hours": 7, "capacity": 4]]]]]
    }
}

/// Capacity what-if (issue 26): on files and in the daemon.
final class WhatIfTests: XCTestCase {
    func testAWomenOnlySettingRaisesTheWomenOnlyFigureAndTheNewRotaIsValidForTheChangedRegion() throws {
        let dir = DaemonClient.temporaryDirectory()
        let problem = dir.appendingPathComponent("p.json"), rota = dir.appendingPathComponent("r.json")
        let changes = dir.appendingPathComponent("c.json"), after = dir.appendingPathComponent("r2.json")
        try Data(JSONWriter.bytes(WhatIfFixture.region())).write(to: problem)
        try Data(#"{"placements": [{"id": "PARK", "womenOnly": true}]}"#.utf8).write(to: changes)
        XCTAssertEqual(try DaemonClient.runCommand(["solve", problem.path, "--time-limit", "0.5", "--quiet", "--out", rota.path]).status, 0)
        let r = try DaemonClient.runCommand(["whatif", problem.path, rota.path, changes.path, "--time-limit", "0.5", "--out", after.path])
        XCTAssertEqual(r.status, 0, r.err)
        let figures = try JSONParser.parse(Array(r.out.utf8))
        XCTAssertEqual(figures["before"]?["access"]?["womenOnly"]?["targetMet"], 0)
        XCTAssertEqual(figures["after"]?["access"]?["womenOnly"]?["targetMet"], 1)
        XCTAssertEqual(figures["after"]?["shortfallHours"], 0)
        XCTAssertLessThan(figures["after"]?["soft"]?.doubleValue ?? .infinity, figures["before"]?["soft"]?.doubleValue ?? 0)
        // The new rota against the changed region: no rule broken.
        var changed = WhatIfFixture.region().objectValue!
        var placements = changed["placements"]!.arrayValue!
        var park = placements[0].objectValue!
        park["womenOnly"] = true
        placements[0] = .object(park)
        changed["placements"] = .array(placements)
        try Data(JSONWriter.bytes(.object(changed))).write(to: problem)
        let verdict = try DaemonClient.runCommand(["validate", problem.path, after.path])
        XCTAssertEqual(try JSONParser.parse(Array(verdict.out.utf8))["hard"], 0, verdict.out)
        // A weekly session in CHANGES applies by its occurrence in the rota's week.
        // (The problem file now runs the park women-only; its Saturday is closed, so only the new Sundays serve.)
        try Data(#"{"addSessions": [{"placementId": "PARK", "session": {"id": "PARK-SUN", "weekday": "Sunday", "start": "09:00", "end": "16:30", "hours": 7, "capacity": 2}}], "setCapacity": [{"sessionId": "PARK-SAT", "capacity": 0}]}"#.utf8).write(to: changes)
        let weekly = try DaemonClient.runCommand(["whatif", problem.path, rota.path, changes.path, "--time-limit", "0.5"])
        XCTAssertEqual(weekly.status, 0, weekly.err)
        let weeklyRota = try JSONParser.parse(Array(weekly.out.utf8))["rota"]
        XCTAssertTrue(weeklyRota?["assignments"]?.arrayValue?.contains { $0["sessionId"] == "PARK-SUN" } ?? false, "the women take the new Sunday seats")
        // An id that names nothing is refused naming the file and the path.
        try Data(#"{"setCapacity": [{"sessionId": "NOPE", "capacity": 3}]}"#.utf8).write(to: changes)
        let bad = try DaemonClient.runCommand(["whatif", problem.path, rota.path, changes.path, "--time-limit", "0.2"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.err.contains("c.json: setCapacity[0].sessionId: no placement session \"NOPE\""), bad.err)
    }

    func testADaemonWhatIfAndSuggestLeaveStoredDataAndRotaUnchanged() throws {
        let c = try DaemonClient(dataDir: DaemonClient.temporaryDirectory())
        defer { _ = c.closeAndWait() }
        var dataset = WhatIfFixture.region().objectValue!
        dataset["weekStart"] = nil
        _ = c.call("dataset.load", .object(dataset))
        _ = c.call("rota.generate", ["weekStart": "2026-11-30", "timeLimitMs": 300])
        let ids = c.call("dataset.get")["ids"]!
        let beforeData = c.call("dataset.get", ["people": ids["people"]!, "placements": ids["placements"]!])
        let beforeRota = c.call("rota.get", ["weekStart": "2026-11-30"])
        let answer = c.call("capacity.whatIf", ["weekStart": "2026-11-30", "timeLimitMs": 300,
                                                "changes": ["addSessions": [["placementId": "PARK", "session": ["id": "PARK-WO", "day": "2026-12-06", "start": "09:00", "end": "16:30", "hours": 7, "capacity": 2]]],
                                                            "placements": [["id": "PARK", "womenOnly": true]]]])
        XCTAssertEqual(answer["after"]?["access"]?["womenOnly"]?["withHours"], 1)
        XCTAssertNotNil(answer["rota"]?["assignments"])
        XCTAssertEqual(c.call("dataset.get", ["people": ids["people"]!, "placements": ids["placements"]!]), beforeData)
        XCTAssertEqual(c.call("rota.get", ["weekStart": "2026-11-30"]), beforeRota)
        let suggested = c.call("capacity.suggest", ["weekStart": "2026-11-30", "candidates": 3, "timeLimitMs": 1500])
        XCTAssertEqual(suggested["suggestions"]?.arrayValue?.first?["change"]?["placements"]?.arrayValue?.first?["id"], "PARK")
        XCTAssertEqual(c.call("dataset.get", ["people": ids["people"]!, "placements": ids["placements"]!]), beforeData)
        XCTAssertEqual(c.call("rota.get", ["weekStart": "2026-11-30"]), beforeRota)
        let bad = c.error("capacity.whatIf", ["weekStart": "2026-11-30", "changes": ["placements": [["id": "NOPE", "womenOnly": true]]]])
        XCTAssertEqual(bad["data"]?["path"], "params.changes.placements[0].id")
    }
}

/// Capacity suggestions (issue 26).
final class SuggestTests: XCTestCase {
    /// Suggests for `region`, re-runs the best with whatif, and returns both answers.
    func suggestAndRerun(_ region: JSONValue) throws -> (best: JSONValue, rerun: JSONValue) {
        let dir = DaemonClient.temporaryDirectory()
        let problem = dir.appendingPathComponent("p.json"), rota = dir.appendingPathComponent("r.json"), changes = dir.appendingPathComponent("c.json")
        try Data(JSONWriter.bytes(region)).write(to: problem)
        XCTAssertEqual(try DaemonClient.runCommand(["solve", problem.path, "--time-limit", "0.5", "--quiet", "--out", rota.path]).status, 0)
        let r = try DaemonClient.runCommand(["suggest", problem.path, rota.path, "--candidates", "6", "--time-limit", "3"])
        XCTAssertEqual(r.status, 0, r.err)
        let best = try XCTUnwrap(JSONParser.parse(Array(r.out.utf8))["suggestions"]?.arrayValue?.first)
        try Data(JSONWriter.bytes(best["change"]!)).write(to: changes)
        let rerun = try DaemonClient.runCommand(["whatif", problem.path, rota.path, changes.path, "--time-limit", "0.5"])
        return (best, try JSONParser.parse(Array(rerun.out.utf8)))
    }

    /// One person near a Saturday work party, and whatever stands in their way.
    func onePerson(_ person: [(String, JSONValue)]) -> JSONValue {
        var p: [(String, JSONValue)] = [("id", "X1"), ("sex", "M"), ("home", ["lat": 52.60, "lon": -1.10]),
                                        ("upw", ["hoursOrdered": 60, "hoursCompleted": 0, "deadline": "2027-06-01"])]
        p += person
        return ["weekStart": "2026-11-30", "people": [.obj(p)],
                "placements": [["id": "PARK", "name": "Abbey Park", "provider": "City Parks", "kind": "group", "location": ["lat": 52.61, "lon": -1.10],
                                "sessions": [["id": "PARK-SAT", "day": "2026-12-05", "start": "09:00", "end": "16:30", "hours": 7, "capacity": 4]]]]]
    }

    func testAnInterpreterIsSuggestedFirstForAPolishSpeakerWithNone() throws {
        let (best, rerun) = try suggestAndRerun(onePerson([("language", "pl"), ("needsInterpreter", true)]))
        XCTAssertEqual(best["change"]?["addInterpreters"]?.arrayValue?.first?["languages"], ["pl"])
        XCTAssertTrue(best["summary"]?.stringValue?.hasPrefix("A Polish interpreter on Saturday") ?? false, "\(best["summary"] ?? .null)")
        XCTAssertEqual(rerun["before"]?["access"]?["interpreter"]?["targetMet"], 0)
        XCTAssertEqual(rerun["after"]?["access"]?["interpreter"]?["targetMet"], 1)
    }

    func testASchoolHoursSessionOrACrecheIsSuggestedFirstForAParentWithNoSessionInSchoolHours() throws {
        let windows: JSONValue = .array(["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"].map { ["day": .string($0), "start": "09:00", "end": "15:00"] })
        let (best, rerun) = try suggestAndRerun(onePerson([("childcare", ["windows": windows])]))
        let kind = best["change"]?["addSessions"] != nil ? "session" : (best["change"]?["placements"]?.arrayValue?.first?["childcareOnSite"] == true ? "creche" : "other")
        XCTAssertNotEqual(kind, "other", "\(best)")
        XCTAssertEqual(rerun["before"]?["access"]?["childcare"]?["targetMet"], 0)
        XCTAssertGreaterThan(rerun["after"]?["access"]?["childcare"]?["targetMet"]?.doubleValue ?? 0, 0.5)
    }

    func testTheResourceThatServesWomenShortOfHoursIsSuggestedFirstAndItsChangeDoesWhatItClaims() throws {
        let dir = DaemonClient.temporaryDirectory()
        let problem = dir.appendingPathComponent("p.json"), rota = dir.appendingPathComponent("r.json"), changes = dir.appendingPathComponent("c.json")
        try Data(JSONWriter.bytes(WhatIfFixture.region())).write(to: problem)
        XCTAssertEqual(try DaemonClient.runCommand(["solve", problem.path, "--time-limit", "0.5", "--quiet", "--out", rota.path]).status, 0)
        let r = try DaemonClient.runCommand(["suggest", problem.path, rota.path, "--candidates", "4", "--time-limit", "2"])
        XCTAssertEqual(r.status, 0, r.err)
        let answer = try JSONParser.parse(Array(r.out.utf8))
        let best = try XCTUnwrap(answer["suggestions"]?.arrayValue?.first)
        XCTAssertEqual(best["change"]?["placements"]?.arrayValue?.first?["id"], "PARK")
        XCTAssertEqual(best["change"]?["placements"]?.arrayValue?.first?["womenOnly"], true)
        XCTAssertEqual(best["shortfallHoursRecovered"], 14)
        XCTAssertTrue(best["summary"]?.stringValue?.contains("Abbey Park as a women-only placement, for 2 women") ?? false, "\(best["summary"] ?? .null)")
        // Re-run with whatif: it gives what it claims.
        try Data(JSONWriter.bytes(best["change"]!)).write(to: changes)
        let rerun = try DaemonClient.runCommand(["whatif", problem.path, rota.path, changes.path, "--time-limit", "0.5"])
        let figures = try JSONParser.parse(Array(rerun.out.utf8))
        XCTAssertEqual(figures["after"]?["shortfallHours"], best["after"]?["shortfallHours"])
        XCTAssertEqual(figures["after"]?["access"]?["womenOnly"]?["targetMet"], 1)
    }
}

/// The manager's report (issue 26): one self-contained page. `scripts/check-report.sh` renders
/// it in headless Chromium to be looked at.
final class ReportTests: XCTestCase {
    func testTheReportIsOneSelfContainedPageWithTheAccessTableChartShortfallsAndSuggestions() throws {
        let dir = DaemonClient.temporaryDirectory()
        let rota = dir.appendingPathComponent("r.json").path, html = dir.appendingPathComponent("report.html").path
        let problem = PackageRoot.fixture("region-400.json").path
        XCTAssertEqual(try DaemonClient.runCommand(["solve", problem, "--time-limit", "1", "--quiet", "--out", rota]).status, 0)
        let r = try DaemonClient.runCommand(["report", problem, rota, "--html", html, "--suggestions", "3", "--time-limit", "3"])
        XCTAssertEqual(r.status, 0, r.err)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>"))
        for part in ["<h2>Access by need</h2>", "<svg", "Women-only setting", "Parents (school hours)", "People left short, by why",
                     "What would bring them in", "@media print"] {
            XCTAssertTrue(page.contains(part), part)
        }
        XCTAssertEqual(page.components(separatedBy: "<rect").count - 1, 10, "a track and a bar for each of five needs")
        XCTAssertFalse(page.contains("src=\"http") || page.contains("href=\"http") || page.contains("<script"), "no external assets")
        XCTAssertGreaterThan(page.components(separatedBy: "<ol class=\"suggestions\"><li>").count, 1, "at least one suggestion")
        // With a forecast at hand, the orders at risk by need.
        let forecast = dir.appendingPathComponent("f.json").path
        XCTAssertEqual(try DaemonClient.runCommand(["forecast", problem, "--weeks", "2", "--week-seconds", "0.3", "--first-week-seconds", "0.3", "--out", forecast]).status, 0)
        XCTAssertEqual(try DaemonClient.runCommand(["report", problem, rota, "--html", html, "--suggestions", "0", "--forecast", forecast]).status, 0)
        let withForecast = try String(contentsOfFile: html, encoding: .utf8)
        XCTAssertTrue(withForecast.contains("Orders at risk of missing their deadline"))
        XCTAssertTrue(withForecast.contains("Need an interpreter"))
    }
}
