import Foundation
import RotaJSON
import RotaTestSupport
import XCTest

/// The region's record through the real binary (issue 22): the journal's faults, one daemon per
/// folder, versions and migration, a full disk, attendance as a log, protected published weeks,
/// and the allow-list of roles.
final class RegionRecordTests: XCTestCase {
    let week: JSONValue = "2026-11-30"

    func loaded(dir: URL = DaemonClient.temporaryDirectory(), _ extra: [String] = []) throws -> DaemonClient {
        let c = try DaemonClient(dataDir: dir, extraArguments: extra)
        _ = c.call("dataset.load", try DaemonClient.dataset("small/problem.json"))
        return c
    }

    /// Starts `rota serve` on `dir` expecting it to refuse: its exit status and stderr.
    func refusedStart(_ dir: URL) throws -> (Int32, String) {
        let r = try DaemonClient.runCommand(["serve", "--data-dir", dir.path])
        return (r.status, r.err)
    }

    func testADamagedRecordBeforeTheEndStopsTheStartNamingTheOffsetAndTouchesNothing() throws {
        let dir = DaemonClient.temporaryDirectory()
        let c = try loaded(dir: dir)
        _ = c.call("dataset.upsert", ["people": [["id": "P40", "sex": "M", "home": ["lat": 52.6, "lon": -1.1]]]])
        _ = c.call("dataset.upsert", ["people": [["id": "P41", "sex": "M", "home": ["lat": 52.6, "lon": -1.1]]]])
        XCTAssertEqual(c.closeAndWait(), 0)
        let journal = dir.appendingPathComponent("journal.log")
        var bytes = [UInt8](try Data(contentsOf: journal))
        bytes[20] ^= 0x40  // inside the first record's payload, with two records after it
        try Data(bytes).write(to: journal)
        let (status, err) = try refusedStart(dir)
        XCTAssertEqual(status, 1)
        XCTAssertTrue(err.contains("journal.log is damaged at byte 0"), err)
        XCTAssertEqual([UInt8](try Data(contentsOf: journal)), bytes, "the file is untouched")
    }

    func testALengthDamagedBeforeTheEndIsNotMistakenForATornLastRecord() throws {
        let dir = DaemonClient.temporaryDirectory()
        let c = try loaded(dir: dir)
        _ = c.call("dataset.upsert", ["people": [["id": "P40", "sex": "M", "home": ["lat": 52.6, "lon": -1.1]]]])
        XCTAssertEqual(c.closeAndWait(), 0)
        let journal = dir.appendingPathComponent("journal.log")
        var bytes = [UInt8](try Data(contentsOf: journal))
        bytes[3] = 0x7F  // the first record's length now runs past the end of the file
        try Data(bytes).write(to: journal)
        let (status, err) = try refusedStart(dir)
        XCTAssertEqual(status, 1)
        XCTAssertTrue(err.contains("damaged at byte 0") && err.contains("whole records follow"), err)
        XCTAssertEqual([UInt8](try Data(contentsOf: journal)), bytes, "nothing cut off")
    }

    func testASecondDaemonOnTheSameFolderIsRefusedAndTheFirstKeepsWorking() throws {
        let dir = DaemonClient.temporaryDirectory()
        let first = try loaded(dir: dir)
        defer { _ = first.closeAndWait() }
        let (status, err) = try refusedStart(dir)
        XCTAssertEqual(status, 1)
        XCTAssertTrue(err.contains("another rota serve is using the data folder \(dir.path)"), err)
        XCTAssertEqual(first.call("dataset.upsert", ["people": [["id": "P40", "sex": "M", "home": ["lat": 52.6, "lon": -1.1]]]])["people"], 31)
        XCTAssertEqual(first.call("server.health")["counts"]?["people"], 31)
    }

    func testAFolderFromANewerVersionIsRefused() throws {
        let dir = DaemonClient.temporaryDirectory()
        let format = #"{"format": "probation-rota-data", "version": 3}"#
        try Data(format.utf8).write(to: dir.appendingPathComponent("format.json"))
        let (status, err) = try refusedStart(dir)
        XCTAssertEqual(status, 1)
        XCTAssertTrue(err.contains("newer ProbationRota (format 3"), err)
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("format.json"), encoding: .utf8), format)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("journal.log").path))
    }

    func testTheOldLayoutIsMigratedOnFirstStart() throws {
        let dir = DaemonClient.temporaryDirectory()
        // dataset.json and weeks/ as the version before the journal wrote them.
        try Data(JSONWriter.bytes(try DaemonClient.dataset("small/problem.json"))).write(to: dir.appendingPathComponent("dataset.json"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("weeks"), withIntermediateDirectories: true)
        let rota = try DaemonClient.fixture("small/rota-valid.json")
        let weekFile: JSONValue = ["weekStart": week, "published": true, "rota": rota,
                                   "changes": [["at": "2026-11-29T10:00:00Z", "personId": "P01", "added": [], "removed": [], "note": "sessions dropped"]]]
        try Data(JSONWriter.bytes(weekFile)).write(to: dir.appendingPathComponent("weeks/2026-11-30.json"))
        let c = try DaemonClient(dataDir: dir)
        XCTAssertEqual(c.call("server.health")["counts"]?["people"], 30)
        let stored = c.call("rota.get", ["weekStart": week])
        XCTAssertEqual(stored["published"], true)
        XCTAssertEqual(stored["assignments"], rota["assignments"])
        XCTAssertEqual(stored["changes"]?.arrayValue?.first?["note"], "sessions dropped")
        XCTAssertTrue(c.stderrText.contains("migrated the data folder"))
        XCTAssertEqual(c.closeAndWait(), 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("migrated-v1/dataset.json").path))
        // The second start reads the journal's layout.
        let again = try DaemonClient(dataDir: dir)
        defer { _ = again.closeAndWait() }
        XCTAssertEqual(again.call("rota.get", ["weekStart": week])["assignments"], rota["assignments"])
    }

    func testAFullDiskRefusesTheChangeAndChangesNothing() throws {
        let dir = DaemonClient.temporaryDirectory()
        // A file-size limit of 256 KiB on the daemon stands in for a full disk.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "ulimit -f 512; exec \"$0\" serve --data-dir \"$1\"", DaemonClient.binary.path, dir.path]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = FileHandle.nullDevice
        try p.run()
        var buffer: [UInt8] = []
        func call(_ id: Int, _ method: String, _ params: JSONValue) -> JSONValue? {
            input.fileHandleForWriting.write(Data(JSONWriter.bytes(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params]) + [0x0A]))
            while true {
                if let nl = buffer.firstIndex(of: 0x0A) {
                    let line = Array(buffer[..<nl])
                    buffer.removeSubrange(...nl)
                    return try? JSONParser.parse(line)
                }
                let d = output.fileHandleForReading.availableData
                if d.isEmpty { return nil }
                buffer += d
            }
        }
        XCTAssertNotNil(call(1, "dataset.load", try DaemonClient.dataset("small/problem.json"))?["result"])
        // People with long interest lists until the journal passes the limit.
        var refused: JSONValue?
        for i in 0..<100 {
            let person: JSONValue = ["id": .string("BIG\(i)"), "sex": "M", "home": ["lat": 52.6, "lon": -1.1],
                                     "interests": .array((0..<900).map { .string("interest-\($0)-\(i)") })]
            let a = call(10 + i, "dataset.upsert", ["people": [person]])
            if a?["error"] != nil { refused = a; break }
        }
        XCTAssertEqual(refused?["error"]?.code, -32006, "the disk refused and the daemon said so")
        let counts = call(500, "server.health", [:])?["result"]?["counts"]?["people"]?.doubleValue ?? 0
        XCTAssertNotNil(call(501, "server.shutdown", [:]))
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        // What the daemon held is what the folder holds: the refused person is in neither.
        let again = try DaemonClient(dataDir: dir)
        defer { _ = again.closeAndWait() }
        XCTAssertEqual(again.call("server.health")["counts"]?["people"]?.doubleValue, counts)
        XCTAssertFalse(again.stderrText.contains("damaged"))
    }

    func testTheSameAttendanceTwiceCreditsOnceAndTheHistoryIsKept() throws {
        let c = try loaded()
        defer { _ = c.closeAndWait() }
        let first = c.call("attendance.record", ["personId": "P01", "sessionId": "PARK-SAT", "hours": 7])
        let again = c.call("attendance.record", ["personId": "P01", "sessionId": "PARK-SAT", "hours": 7])
        XCTAssertEqual(first["hoursCompleted"], again["hoursCompleted"], "a retry never credits twice")
        let officer: JSONValue = ["role": "officer", "id": "PO-3"]
        _ = c.call("attendance.record", ["personId": "P01", "sessionId": "PARK-SAT", "day": "2026-12-05", "hours": 6.5, "actor": officer])
        let list = c.call("attendance.list", ["personId": "P01"])["records"]?.arrayValue ?? []
        XCTAssertEqual(list.count, 1)
        XCTAssertEqual(list.first?["hours"], 6.5, "the later record replaced the earlier")
        XCTAssertEqual(list.first?["recordedBy"], officer)
        XCTAssertEqual(c.error("attendance.record", ["personId": "P01", "sessionId": "PARK-SAT", "day": "2026-12-04", "hours": 6]).code, -32602)
        let absent = c.call("attendance.record", ["personId": "P02", "sessionId": "PARK-SAT", "hours": 7, "status": "absent"])
        let before = c.call("dataset.get", ["people": ["P02"]])["people"]?.arrayValue?.first?["upw"]?["hoursCompleted"]
        XCTAssertEqual(absent["hoursCompleted"], before, "an absence credits nothing")
    }

    func testAttendanceBeforeAWeekCountsInThatWeeksDocument() throws {
        let c = try loaded()
        defer { _ = c.closeAndWait() }
        func completed(_ w: String) -> JSONValue? {
            c.call("week.problem", ["weekStart": .string(w)])["people"]?.arrayValue?.first { $0["id"] == "P01" }?["upw"]?["hoursCompleted"]
        }
        let stored = completed("2026-11-30")
        _ = c.call("attendance.record", ["personId": "P01", "sessionId": "PARK-SAT", "hours": 7])  // Saturday 5 December
        XCTAssertEqual(completed("2026-11-30"), stored, "not before the week it was worked in")
        XCTAssertEqual(completed("2026-12-07")?.doubleValue, (stored?.doubleValue ?? 0) + 7)
        let next = c.call("week.problem", ["weekStart": "2026-12-07"])["people"]?.arrayValue?.first { $0["id"] == "P01" }
        XCTAssertEqual(next?["currentPlacementId"], "PARK", "last attended placement carried forward")
    }

    func testAPublishedWeekIsProtectedUnlessForcedAndTheForcedChangeIsRecordedWithItsActor() throws {
        let c = try loaded()
        defer { _ = c.closeAndWait() }
        let rota = c.call("rota.generate", ["weekStart": week, "timeLimitMs": 300, "seed": 1])
        _ = c.call("rota.publish", ["weekStart": week])
        let a = rota["assignments"]!.arrayValue!.first!
        let person = a["personId"]!, session = a["sessionId"]!
        let refused = c.error("dataset.remove", ["people": [person]])
        XCTAssertEqual(refused.code, -32002)
        XCTAssertTrue(refused["message"]?.stringValue?.contains("week 2026-11-30") ?? false)
        XCTAssertEqual(refused["data"]?["weeks"]?.arrayValue?.first?["people"], [person])
        XCTAssertEqual(c.call("dataset.get", ["people": [person]])["missing"]?["people"], [], "nothing removed")
        // Cutting a session's capacity below its headcount is refused too.
        let placements = c.call("dataset.get", ["placements": .array(c.call("dataset.get")["ids"]!["placements"]!.arrayValue!)])["placements"]!.arrayValue!
        var placement = placements.first { ($0["sessions"]?.arrayValue ?? []).contains { $0["id"] == session } }!.objectValue!
        placement["sessions"] = .array(placement["sessions"]!.arrayValue!.map { s in
            guard s["id"] == session, case .object(var o) = s else { return s }
            o["capacity"] = 0
            return .object(o)
        })
        XCTAssertEqual(c.error("dataset.upsert", ["placements": [.object(placement)]]).code, -32002)
        // Forced: the person goes, and the week records it with the scheduler's name.
        let scheduler: JSONValue = ["role": "scheduler", "id": "SCH-1"]
        _ = c.call("dataset.remove", ["people": [person], "force": true, "actor": scheduler])
        let after = c.call("rota.get", ["weekStart": week])
        XCTAssertFalse(after["assignments"]!.arrayValue!.contains { $0["personId"] == person })
        let change = after["changes"]?.arrayValue?.last
        XCTAssertEqual(change?["personId"], person)
        XCTAssertEqual(change?["actor"], scheduler)
        XCTAssertEqual(change?["removed"], [session])
    }

    func testRolesAreAnAllowListAndServerMethodsSaysWhatTheCallerMayCall() throws {
        let c = try loaded()
        defer { _ = c.closeAndWait() }
        let officer: JSONValue = ["role": "officer", "id": "PO-1"]
        for method in ["dataset.load", "dataset.upsert", "dataset.remove", "rota.generate", "rota.publish", "server.shutdown"] {
            XCTAssertEqual(c.error(method, ["weekStart": week, "actor": officer]).code, -32003, method)
        }
        let mine = Set(c.call("server.methods", ["actor": officer])["methods"]!.arrayValue!.compactMap { $0["method"]?.stringValue })
        XCTAssertTrue(mine.isSuperset(of: ["explain", "reschedule.request", "attendance.record", "attendance.list", "week.problem", "server.methods"]))
        XCTAssertTrue(mine.isDisjoint(with: ["dataset.load", "dataset.upsert", "rota.generate", "server.shutdown", "dataset.import"]))
        let provider: JSONValue = ["role": "provider", "id": "Family Hub"]
        let theirs = Set(c.call("server.methods", ["actor": provider])["methods"]!.arrayValue!.compactMap { $0["method"]?.stringValue })
        XCTAssertEqual(theirs, ["allocation.check", "rota.get", "attendance.record", "server.health", "server.methods", "calendar.get"])
        XCTAssertEqual(c.error("attendance.record", ["personId": "P01", "sessionId": "PARK-SAT", "hours": 7, "actor": provider]).code, -32003,
                       "not their placement's session")
        let all = c.call("server.methods")["methods"]!.arrayValue!
        XCTAssertEqual(all.count, Set(all.compactMap { $0["method"]?.stringValue }).count)
        XCTAssertGreaterThanOrEqual(all.count, 17)
    }

    func testAnUpsertIsCheckedAgainstTheStoredRecordsNamingItsOwnFields() throws {
        let c = try loaded()
        defer { _ = c.closeAndWait() }
        let ids = c.call("dataset.get")["ids"]!
        let placements = c.call("dataset.get", ["placements": ids["placements"]!])["placements"]!.arrayValue!
        let (a, b) = (placements[0], placements[1])
        // The same placement again, unchanged: its own session ids are its own.
        XCTAssertEqual(c.call("dataset.upsert", ["placements": [a]])["placements"], 8)
        // A new placement that reuses another's session id.
        var copy = b.objectValue!
        copy["id"] = "NEW-PL"
        let dup = c.error("dataset.upsert", ["placements": [.object(copy)]])
        XCTAssertEqual(dup["data"]?["path"], "params.placements[0].sessions[0].id")
        XCTAssertTrue(dup["data"]?["reason"]?.stringValue?.contains("duplicate session id") ?? false)
        // Two placements trading a session in one request is fine: both are replaced.
        var a2 = a.objectValue!, b2 = b.objectValue!
        let sa = a2["sessions"]!.arrayValue!, sb = b2["sessions"]!.arrayValue!
        a2["sessions"] = .array(sa.dropFirst() + [sb[0]])
        b2["sessions"] = .array(Array(sb.dropFirst()) + [sa[0]])
        XCTAssertEqual(c.call("dataset.upsert", ["placements": [.object(a2), .object(b2)]])["placements"], 8)
        let bad = c.error("dataset.upsert", ["people": [["id": "P50", "sex": "M", "home": ["lat": 52, "lon": -1], "programme": ["programmeId": "NOPE", "status": "awaiting"]]]])
        XCTAssertEqual(bad["data"]?["path"], "params.people[0].programme.programmeId")
        let friend = c.call("dataset.upsert", ["people": [["id": "P51", "sex": "M", "home": ["lat": 52, "lon": -1], "nonAssociation": ["P52"]],
                                                          ["id": "P52", "sex": "M", "home": ["lat": 52, "lon": -1]]]])
        XCTAssertEqual(friend["people"], 32, "a reference to a person of the same request resolves")
    }

    func testVersionAndHelpForACommand() throws {
        let v = try DaemonClient.runCommand(["--version"])
        XCTAssertEqual(v.status, 0)
        XCTAssertTrue(v.out.hasPrefix("rota 0."))
        let h = try DaemonClient.runCommand(["help", "serve"])
        XCTAssertEqual(h.status, 0)
        XCTAssertTrue(h.out.contains("rota serve [--data-dir DIR]") && h.out.contains("journal"), h.out)
        XCTAssertEqual(try DaemonClient.runCommand(["help", "nonsense"]).status, 2)
    }
}

/// The kill -9 test CI runs (`rota crash-test`): 50 kills under a stream of changes with a
/// compaction every five, each restart checked for every acknowledged change.
final class CrashRunTests: XCTestCase {
    func testFiftyKillsUnderLoadLoseNothingAcknowledged() throws {
        let r = try DaemonClient.runCommand(["crash-test", "--kills", "50", "--seed", "3", "--compact-every", "5"])
        XCTAssertEqual(r.status, 0, r.out + r.err)
        XCTAssertTrue(r.out.contains("crash-test: 50 kills"), r.out)
        XCTAssertTrue(r.out.contains(", 0 failures"), r.out + r.err)
    }
}
