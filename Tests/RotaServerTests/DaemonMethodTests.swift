import Foundation
import RotaJSON
import XCTest

/// Every method of PROTOCOL.md end to end, with roles, privacy, concurrency and durability.
final class DaemonMethodTests: XCTestCase {
    let week: JSONValue = "2026-11-30"

    func loaded(_ fixture: String = "small/problem.json", dir: URL = DaemonClient.temporaryDirectory()) throws -> DaemonClient {
        let c = try DaemonClient(dataDir: dir)
        let counts = c.call("dataset.load", try DaemonClient.dataset(fixture))
        XCTAssertGreaterThan(counts["people"]?.doubleValue ?? 0, 0)
        return c
    }

    func generated(_ c: DaemonClient, ms: Int = 400) -> JSONValue {
        c.call("rota.generate", ["weekStart": week, "timeLimitMs": .int(ms), "seed": 3])
    }

    func testDatasetMethods() throws {
        let c = try loaded()
        defer { _ = c.closeAndWait() }
        let all = c.call("dataset.get")
        XCTAssertEqual(all["counts"]?["people"], 30)
        XCTAssertEqual(all["ids"]?["placements"]?.arrayValue?.count, 8)
        let some = c.call("dataset.get", ["people": ["P01", "P99"]])
        XCTAssertEqual(some["people"]?.arrayValue?.first?["id"], "P01")
        XCTAssertEqual(some["people"]?.arrayValue?.first?["language"], "en", "defaults applied")
        XCTAssertEqual(some["missing"]?["people"], ["P99"])
        // Upsert: change one person, add one.
        let counts = c.call("dataset.upsert", ["people": [
            ["id": "P01", "sex": "M", "home": ["lat": 52.63, "lon": -1.13], "supervisionNotes": true],
            ["id": "P31", "sex": "F", "home": ["lat": 52.63, "lon": -1.13]],
        ]])
        XCTAssertEqual(counts["people"], 31)
        XCTAssertEqual(c.call("dataset.get", ["people": ["P01"]])["people"]?.arrayValue?.first?["supervisionNotes"], true)
        // A reference to nobody names the request's own field, and changes nothing.
        let bad = c.error("dataset.upsert", ["people": [["id": "P32", "sex": "M", "home": ["lat": 52, "lon": -1], "nonAssociation": ["GHOST"]]]])
        XCTAssertEqual(bad.code, -32602)
        XCTAssertEqual(bad["data"]?["path"], "params.people[0].nonAssociation[0]")
        XCTAssertEqual(c.call("dataset.get")["counts"]?["people"], 31)
        // Remove: the co-defendant link goes with the person.
        let removed = c.call("dataset.remove", ["people": ["P16", "P404"]])
        XCTAssertEqual(removed["counts"]?["people"], 30)
        XCTAssertEqual(removed["missing"]?["people"], ["P404"])
        XCTAssertEqual(c.call("dataset.get", ["people": ["P15"]])["people"]?.arrayValue?.first?["nonAssociation"], [])
        XCTAssertEqual(c.error("dataset.remove", ["programmes": ["TSP"]]).code, -32002, "people still need TSP")
    }

    func testGenerateGetValidatePublishAndConflicts() throws {
        let c = try loaded()
        defer { _ = c.closeAndWait() }
        XCTAssertEqual(c.error("rota.get", ["weekStart": week]).code, -32001)
        let rota = generated(c)
        XCTAssertEqual(rota["score"]?["hard"], 0)
        XCTAssertFalse(rota["assignments"]?.arrayValue?.isEmpty ?? true)
        XCTAssertTrue(c.messages.contains { $0["method"] == "rota/progress" && $0["params"]?["weekStart"] == week })
        let got = c.call("rota.get", ["weekStart": week])
        XCTAssertEqual(got["assignments"], rota["assignments"])
        XCTAssertEqual(got["published"], false)
        let v = c.call("rota.validate", ["weekStart": week])
        XCTAssertEqual(v["hard"], 0)
        XCTAssertEqual(v["reportedScoreMatches"], true)
        let given = c.call("rota.validate", ["weekStart": week, "rota": try DaemonClient.fixture("small/rota-break-rule-7.json")])
        XCTAssertEqual(given["violations"]?.arrayValue?.first?["rule"], 7)
        XCTAssertEqual(c.error("rota.validate", ["weekStart": week, "rota": ["weekStart": week, "assignments": [["personId": "P01"]]]])["data"]?["path"],
                       "params.rota.assignments[0].sessionId")
        let published = c.call("rota.publish", ["weekStart": week])
        XCTAssertEqual(published["published"], true)
        XCTAssertEqual(c.error("rota.generate", ["weekStart": week]).code, -32002, "a published week is not regenerated")
    }

    func testSecondGenerateForTheSameWeekIsAConflictAndCancelStopsTheFirst() throws {
        let c = try loaded("region-400.json")
        defer { _ = c.closeAndWait() }
        let first = c.start("rota.generate", ["weekStart": week, "timeLimitMs": 20_000])
        usleep(300_000)
        XCTAssertEqual(c.error("rota.generate", ["weekStart": week, "timeLimitMs": 100]).code, -32002)
        c.send(.obj([("jsonrpc", "2.0"), ("method", "$/cancelRequest"), ("params", .obj([("id", .int(first))]))]))
        let answer = c.answer(first, timeout: 15)
        XCTAssertEqual(answer?["error"]?.code, -32004)
        XCTAssertEqual(c.error("rota.get", ["weekStart": week]).code, -32001, "a cancelled generate stores nothing")
    }

    func testRequestsAreAnsweredWhileAGenerateRuns() throws {
        let c = try loaded("region-400.json")
        defer { _ = c.closeAndWait() }
        _ = generated(c, ms: 300)
        let long = c.start("rota.generate", ["weekStart": "2026-12-07", "timeLimitMs": 4000])
        let started = Date()
        let health = c.call("server.health")
        XCTAssertEqual(health["generating"], ["2026-12-07"])
        let placement = c.call("dataset.get")["ids"]?["placements"]?.arrayValue?.first ?? .null
        let check = c.call("allocation.check", ["weekStart": week, "placementId": placement])
        XCTAssertNotNil(check["sessions"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 2, "answered without waiting for the generate")
        XCTAssertNil(c.messages.first { $0["id"] == .int(long) }, "the generate is still running")
        XCTAssertNotNil(c.answer(long, timeout: 30)?["result"])
    }

    func testProviderSeesOnlyWhatAProviderNeeds() throws {
        let c = try loaded()
        defer { _ = c.closeAndWait() }
        _ = c.call("dataset.upsert", ["people": [["id": "P07", "sex": "F", "womenOnly": false, "home": ["lat": 52.603, "lon": -1.115],
                                                  "childcare": ["windows": []], "supervisionNotes": true,
                                                  "upw": ["hoursOrdered": 100, "hoursCompleted": 20, "deadline": "2027-06-01"]]]])
        _ = generated(c)
        let provider: JSONValue = ["role": "provider", "id": "Family Hub"]
        let check = c.call("allocation.check", ["weekStart": week, "placementId": "CRECHE", "actor": provider])
        let text = JSONWriter.string(check)
        for secret in ["rosh", "mappa", "childRisk", "vulnerableAdult", "nonAssociation", "exclusion", "\"home\"", "\"lat\"", "risk", "\"message\"", "\"people\""] {
            XCTAssertFalse(text.contains(secret), "provider view leaks \(secret): \(text)")
        }
        let attendees = check["sessions"]?.arrayValue?.flatMap { $0["attendees"]?.arrayValue ?? [] } ?? []
        for a in attendees {
            XCTAssertEqual(Set(a.objectValue?.keys ?? []), ["personId", "name", "interpreter", "interpreterBooked", "childcareOnSite", "supervisionNotes"])
        }
        if let gina = attendees.first(where: { $0["personId"] == "P07" }) {
            XCTAssertEqual(gina["childcareOnSite"], true)
            XCTAssertEqual(gina["supervisionNotes"], true)
        }
        XCTAssertEqual(c.error("allocation.check", ["weekStart": week, "placementId": "PARK", "actor": provider]).code, -32003)
        XCTAssertEqual(c.error("dataset.get", ["actor": provider]).code, -32003)
        XCTAssertEqual(c.error("explain", ["weekStart": week, "personId": "P01", "actor": provider]).code, -32003)
        let rota = c.call("rota.get", ["weekStart": week, "actor": provider])
        XCTAssertTrue(rota["assignments"]?.arrayValue?.allSatisfy { $0["sessionId"] == "CRECHE-THU" } ?? false)
        XCTAssertNil(rota["unmet"])
        XCTAssertNil(rota["score"])
        // Officers read everything but do not publish.
        let officer: JSONValue = ["role": "officer", "id": "PO-12"]
        XCTAssertNotNil(c.call("explain", ["weekStart": week, "personId": "P01", "actor": officer])["sessions"])
        XCTAssertEqual(c.error("rota.publish", ["weekStart": week, "actor": officer]).code, -32003)
    }

    func testExplainRescheduleAndAttendance() throws {
        let c = try loaded()
        defer { _ = c.closeAndWait() }
        _ = generated(c)
        let ali = c.call("explain", ["weekStart": week, "personId": "P26", "detail": true])
        XCTAssertEqual(ali["shortfallHours"], 7)
        XCTAssertTrue(ali["summary"]?.stringValue?.hasPrefix("short 7 h") ?? false, "\(ali["summary"] ?? .null)")
        XCTAssertTrue(ali["ruledOutByRule"]?.arrayValue?.contains { $0["rule"] == 5 } ?? false)
        let reasons = ali["otherSessions"]?.arrayValue?.flatMap { $0["ruledOutBy"]?.arrayValue ?? [] }.compactMap { $0["rule"]?.doubleValue } ?? []
        XCTAssertTrue(reasons.contains(5), "the missing interpreter is named")
        XCTAssertEqual(c.error("explain", ["weekStart": week, "personId": "NOBODY"]).code, -32001)
        _ = c.call("rota.publish", ["weekStart": week])
        // P04 takes a new job on Monday and Thursday afternoons.
        let options = c.call("reschedule.request", ["weekStart": week, "personId": "P04",
                                                    "unavailable": [["day": "2026-11-30", "start": "08:00", "end": "18:00"],
                                                                    ["day": "2026-12-03", "start": "08:00", "end": "18:00"]]])
        XCTAssertFalse(options["options"]?.arrayValue?.isEmpty ?? true)
        XCTAssertTrue(options["options"]?.arrayValue?.allSatisfy { $0["hardChange"]?.doubleValue ?? 1 <= 0 } ?? false)
        let applied = c.call("reschedule.request", ["weekStart": week, "personId": "P04", "apply": true,
                                                    "unavailable": [["day": "2026-11-30", "start": "08:00", "end": "18:00"],
                                                                    ["day": "2026-12-03", "start": "08:00", "end": "18:00"]]])
        XCTAssertNotNil(applied["difference"])
        let after = c.call("rota.get", ["weekStart": week])
        let moves = applied["applied"]?["moves"]?.arrayValue?.count ?? 0
        XCTAssertEqual(after["changes"]?.arrayValue?.count, 1 + moves, "a published week records the difference, and each other person moved")
        XCTAssertEqual(after["changes"]?.arrayValue?.first?["personId"], "P04")
        XCTAssertEqual(c.call("rota.validate", ["weekStart": week])["hard"], 0)
        let mine = after["assignments"]?.arrayValue?.filter { $0["personId"] == "P04" }.compactMap { $0["sessionId"]?.stringValue } ?? []
        XCTAssertFalse(mine.contains { ["SHOP-MON", "LIB-MON", "LIB-THU", "CRECHE-THU"].contains($0) })
        let credited = c.call("attendance.record", ["personId": "P01", "sessionId": "PARK-SAT", "hours": 7])
        XCTAssertEqual(credited["hoursCompleted"], 27)
        XCTAssertEqual(c.error("attendance.record", ["personId": "P01", "sessionId": "NOPE", "hours": 7]).code, -32001)
        XCTAssertEqual(c.error("attendance.record", ["personId": "P01", "sessionId": "PARK-SAT", "hours": -1]).code, -32602)
    }

    func testAcknowledgedChangesSurviveKill9AndATornWriteIsDiscarded() throws {
        let dir = DaemonClient.temporaryDirectory()
        let c = try loaded(dir: dir)
        _ = generated(c)
        _ = c.call("attendance.record", ["personId": "P01", "sessionId": "PARK-SAT", "hours": 7])
        c.kill9()
        // A record torn by the crash: its header promises more bytes than the file holds.
        let journal = dir.appendingPathComponent("journal.log")
        let before = try Data(contentsOf: journal)
        let handle = try FileHandle(forWritingTo: journal)
        handle.seekToEndOfFile()
        handle.write(Data([0xFF, 0x00, 0x00, 0x00, 0x12, 0x34, 0x56, 0x78]) + Data("{\"seq\":".utf8))
        try handle.close()
        let again = try DaemonClient(dataDir: dir)
        defer { _ = again.closeAndWait() }
        XCTAssertEqual(again.call("attendance.record", ["personId": "P01", "sessionId": "PARK-SAT", "hours": 7])["hoursCompleted"], 27,
                       "the first record survived, and recording it again replaced it")
        XCTAssertEqual(again.call("rota.validate", ["weekStart": week])["hard"], 0)
        XCTAssertTrue(again.stderrText.contains("discarded a torn last record"))
        XCTAssertGreaterThan(try Data(contentsOf: journal).count, before.count, "the torn bytes were cut off and the retry appended")
    }

    func testDamagedDataStopsTheStartWithAClearMessage() throws {
        let dir = DaemonClient.temporaryDirectory()
        try Data("{\"people\": [".utf8).write(to: dir.appendingPathComponent("dataset.json"))
        let c = try DaemonClient(dataDir: dir)
        c.process.waitUntilExit()
        XCTAssertEqual(c.process.terminationStatus, 1)
        XCTAssertTrue(c.stderrText.contains("dataset.json"))
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("dataset.json"), encoding: .utf8), "{\"people\": [", "touches nothing")
    }
}
