import Foundation
import RotaJSON
import RotaTestSupport
import XCTest

/// Reschedules and what officers and providers read, through the real binary (issue 24).
final class RescheduleTests: XCTestCase {
    let week: JSONValue = "2026-11-30"

    func session(_ id: String, _ day: String) -> JSONValue {
        ["id": .string(id), "day": .string(day), "start": "09:00", "end": "16:30", "hours": 7, "capacity": 1]
    }

    func person(_ id: String, _ name: String, lat: Double, lon: Double, unavailable: [JSONValue] = []) -> JSONValue {
        ["id": .string(id), "name": .string(name), "sex": "M", "home": ["lat": .number(lat), "lon": .number(lon)], "unavailable": .array(unavailable),
         "upw": ["hoursOrdered": 100, "hoursCompleted": 0, "deadline": "2027-06-01"]]
    }

    /// Ann lives by the allotment (Wednesday) and can also reach the park (Monday), whose one
    /// seat Bob takes; Bob can also go to the depot (Tuesday), which Ann cannot (she works then).
    func region(_ c: DaemonClient) {
        let placement = { (id: String, name: String, provider: String, lat: Double, sessions: [JSONValue]) -> JSONValue in
            ["id": .string(id), "name": .string(name), "provider": .string(provider), "kind": "group",
             "location": ["lat": .number(lat), "lon": -1.10], "sessions": .array(sessions)]
        }
        _ = c.call("dataset.load", [
            "policy": ["maxTravelKm": 25],
            "people": [person("ANN", "Ann Smith", lat: 52.70, lon: -1.10, unavailable: [["day": "2026-12-01", "start": "08:00", "end": "18:00"]]),
                       person("BOB", "Bob Jones", lat: 52.60, lon: -1.10)],
            "placements": [placement("PARK", "Abbey Park", "City Parks", 52.62, [session("PARK-MON", "2026-11-30")]),
                           placement("DEPOT", "Depot yard", "Depot Trust", 52.55, [session("DEPOT-TUE", "2026-12-01")]),
                           placement("ALLOT", "Riverside Allotments", "Allotment Society", 52.70, [session("ALLOT-WED", "2026-12-02")])],
        ])
        let rota = c.call("rota.generate", ["weekStart": week, "timeLimitMs": 300, "seed": 1])
        let held = Set(rota["assignments"]!.arrayValue!.map { "\($0["personId"]!.stringValue!)@\($0["sessionId"]!.stringValue!)" })
        XCTAssertEqual(held, ["ANN@ALLOT-WED", "BOB@PARK-MON"], "the fixture's premise")
        XCTAssertEqual(rota["access"]?["all"]?["people"], 2, "a generated rota carries its access figures")
        XCTAssertEqual(c.call("rota.get", ["weekStart": week])["access"]?["all"]?["targetMet"], 1)
    }

    func testARescheduleThatNeedsAnotherPersonMovedSaysWhoAndWhere() throws {
        let c = try DaemonClient(dataDir: DaemonClient.temporaryDirectory())
        defer { _ = c.closeAndWait() }
        region(c)
        // Ann starts a job on Wednesdays: the only seat left for her is Bob's.
        let wednesday: JSONValue = [["day": "2026-12-02", "start": "08:00", "end": "18:00"]]
        let answer = c.call("reschedule.request", ["weekStart": week, "personId": "ANN", "unavailable": wednesday])
        let best = answer["options"]!.arrayValue!.first!
        XCTAssertEqual(best["sessions"], ["PARK-MON"])
        XCTAssertEqual(best["shortfallHours"], 0)
        let move = best["moves"]!.arrayValue!.first!
        XCTAssertEqual(move["personId"], "BOB")
        XCTAssertEqual(move["from"]?["sessionId"], "PARK-MON")
        XCTAssertEqual(move["to"]?["sessionId"], "DEPOT-TUE")
        XCTAssertEqual(move["to"]?["placementName"], "Depot yard")
        XCTAssertEqual(best["added"]?.arrayValue?.first?["placementName"], "Abbey Park")
        XCTAssertEqual(best["added"]?.arrayValue?.first?["day"], "2026-11-30")
        XCTAssertEqual(best["added"]?.arrayValue?.first?["start"], "09:00")
        XCTAssertEqual(best["removed"]?.arrayValue?.first?["sessionId"], "ALLOT-WED")
        // Applied: both move, the week validates, and a later reschedule starts from it.
        _ = c.call("reschedule.request", ["weekStart": week, "personId": "ANN", "unavailable": wednesday, "apply": true])
        let stored = c.call("rota.get", ["weekStart": week])
        let held = Set(stored["assignments"]!.arrayValue!.map { "\($0["personId"]!.stringValue!)@\($0["sessionId"]!.stringValue!)" })
        XCTAssertEqual(held, ["ANN@PARK-MON", "BOB@DEPOT-TUE"])
        XCTAssertEqual(c.call("rota.validate", ["weekStart": week])["hard"], 0)
        XCTAssertEqual(c.call("dataset.get", ["people": ["ANN"]])["people"]?.arrayValue?.first?["unavailable"]?.arrayValue?.count, 2)
    }

    func testADropIsHonouredAndADropOfASessionNotHeldIsRefused() throws {
        let c = try DaemonClient(dataDir: DaemonClient.temporaryDirectory())
        defer { _ = c.closeAndWait() }
        region(c)
        let refused = c.error("reschedule.request", ["weekStart": week, "personId": "BOB", "dropSessionIds": ["ALLOT-WED"]])
        XCTAssertEqual(refused.code, -32602)
        XCTAssertEqual(refused["data"]?["path"], "params.dropSessionIds[0]")
        let answer = c.call("reschedule.request", ["weekStart": week, "personId": "BOB", "dropSessionIds": ["PARK-MON"], "apply": true])
        for option in answer["options"]!.arrayValue! {
            XCTAssertFalse(option["sessions"]!.arrayValue!.contains("PARK-MON"), "a dropped session is never offered back")
        }
        let bob = c.call("rota.get", ["weekStart": week])["assignments"]!.arrayValue!.filter { $0["personId"] == "BOB" }
        XCTAssertEqual(bob.map { $0["sessionId"] }, ["DEPOT-TUE"])
        XCTAssertEqual(c.call("rota.validate", ["weekStart": week])["hard"], 0)
    }

    func testNoOptionAtAllIsAClearAnswerAndChangesNothing() throws {
        let c = try DaemonClient(dataDir: DaemonClient.temporaryDirectory())
        defer { _ = c.closeAndWait() }
        region(c)
        let before = c.call("rota.get", ["weekStart": week])
        // Ann cannot come all week.
        let days = ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"]
        let allWeek: JSONValue = .array(days.map { ["day": .string($0), "start": "00:00", "end": "24:00"] })
        let answer = c.call("reschedule.request", ["weekStart": week, "personId": "ANN", "unavailable": allWeek])
        let only = answer["options"]!.arrayValue!
        XCTAssertEqual(only.count, 1)
        XCTAssertEqual(only.first?["sessions"], [])
        XCTAssertEqual(only.first?["shortfallHours"], 7)
        XCTAssertTrue(answer["message"]?.stringValue?.contains("no option gives ANN their weekly hours") ?? false)
        XCTAssertEqual(c.call("rota.get", ["weekStart": week]), before, "a preview changes nothing")
    }

    func testEveryAppliedRescheduleKeepsEveryRuleOnARealRegion() throws {
        let c = try DaemonClient(dataDir: DaemonClient.temporaryDirectory())
        defer { _ = c.closeAndWait() }
        _ = c.call("dataset.load", try DaemonClient.dataset("region-400.json"))
        let rota = c.call("rota.generate", ["weekStart": week, "timeLimitMs": 1000, "seed": 2])
        let hardBefore = c.call("rota.validate", ["weekStart": week])["hard"]
        let assignments = rota["assignments"]!.arrayValue!
        for k in stride(from: 0, to: min(assignments.count, 120), by: 12) {
            let a = assignments[k]
            let answer = c.call("reschedule.request", ["weekStart": week, "personId": a["personId"]!, "dropSessionIds": [a["sessionId"]!], "apply": true])
            for option in answer["options"]!.arrayValue! {
                let ids = option["sessions"]!.arrayValue!.compactMap(\.stringValue)
                XCTAssertEqual(Set(ids).count, ids.count)
                XCTAssertFalse(option["sessions"]!.arrayValue!.contains(a["sessionId"]!))
            }
            XCTAssertEqual(c.call("rota.validate", ["weekStart": week])["hard"], hardBefore, "after dropping \(a)")
        }
    }

    func testExplainLeadsWithASentenceAndStaysSmallUnlessDetailIsAsked() throws {
        let c = try DaemonClient(dataDir: DaemonClient.temporaryDirectory())
        defer { _ = c.closeAndWait() }
        _ = c.call("dataset.load", try DaemonClient.dataset("region-400.json"))
        let rota = c.call("rota.generate", ["weekStart": week, "timeLimitMs": 1000, "seed": 2])
        let short = rota["unmet"]!.arrayValue!.compactMap { $0["personId"] }.prefix(10)
        XCTAssertFalse(short.isEmpty)
        for p in short + ["P00001", "P00002"] {
            let e = c.call("explain", ["weekStart": week, "personId": p])
            XCTAssertLessThan(JSONWriter.bytes(e).count, 8 * 1024, "\(p)")
            let summary = e["summary"]?.stringValue ?? ""
            XCTAssertFalse(summary.isEmpty)
            XCTAssertNil(e["otherSessions"])
            XCTAssertFalse(summary.range(of: #"\d+ a "#, options: .regularExpression) != nil, "reads as English: \(summary)")
            if (e["shortfallHours"]?.doubleValue ?? 0) > 0 { XCTAssertTrue(summary.hasPrefix("short "), summary) }
            for reason in e["unmetReasons"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                XCTAssertNil(reason.range(of: #"\d+ a "#, options: .regularExpression), reason)
            }
        }
        let detailed = c.call("explain", ["weekStart": week, "personId": short.first!, "detail": true])
        XCTAssertGreaterThan(detailed["otherSessions"]?.arrayValue?.count ?? 0, 100)
        XCTAssertNotNil(detailed["otherSessions"]?.arrayValue?.first?["placementName"])
    }

    func testNamesReachTheProviderOfThePersonsPlacementAndNoOther() throws {
        let c = try DaemonClient(dataDir: DaemonClient.temporaryDirectory())
        defer { _ = c.closeAndWait() }
        region(c)
        let parks: JSONValue = ["role": "provider", "id": "City Parks"]
        let allotments: JSONValue = ["role": "provider", "id": "Allotment Society"]
        let check = c.call("allocation.check", ["weekStart": week, "placementId": "PARK", "actor": parks])
        XCTAssertEqual(check["sessions"]?.arrayValue?.first?["attendees"]?.arrayValue?.first?["name"], "Bob Jones")
        let theirs = c.call("rota.get", ["weekStart": week, "actor": parks])
        XCTAssertEqual(theirs["assignments"]?.arrayValue?.map { $0["name"] }, ["Bob Jones"])
        XCTAssertFalse(JSONWriter.string(theirs).contains("Ann Smith"), "not a name from another provider's placement")
        let other = c.call("rota.get", ["weekStart": week, "actor": allotments])
        XCTAssertFalse(JSONWriter.string(other).contains("Bob Jones"))
        XCTAssertEqual(c.error("dataset.get", ["people": ["BOB"], "actor": parks]).code, -32003)
        // The supervisor signs Bob in; another provider cannot.
        XCTAssertEqual(c.call("attendance.record", ["personId": "BOB", "sessionId": "PARK-MON", "hours": 6.5, "actor": parks])["personId"], "BOB")
        XCTAssertEqual(c.call("attendance.list", ["personId": "BOB"])["records"]?.arrayValue?.first?["recordedBy"], parks)
        XCTAssertEqual(c.error("attendance.record", ["personId": "BOB", "sessionId": "PARK-MON", "hours": 6.5, "actor": allotments]).code, -32003)
        // A published change that touches a provider's sessions reaches it, without the reason.
        _ = c.call("rota.publish", ["weekStart": week])
        _ = c.call("reschedule.request", ["weekStart": week, "personId": "BOB", "dropSessionIds": ["PARK-MON"], "apply": true])
        let changes = c.call("rota.get", ["weekStart": week, "actor": parks])["changes"]?.arrayValue ?? []
        XCTAssertEqual(changes.first?["removed"], ["PARK-MON"])
        XCTAssertEqual(changes.first?["name"], "Bob Jones")
        XCTAssertNil(changes.first?["note"])
    }
}
