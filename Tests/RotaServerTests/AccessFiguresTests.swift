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
