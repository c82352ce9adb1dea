import Foundation
import RotaJSON
import RotaTestSupport
import XCTest

/// Every reproduction of issue 27 (hostile input and faults), through the real binary: each one
/// once crashed, hung, leaked or answered under the wrong id.
final class HostileInputTests: XCTestCase {
    let week: JSONValue = "2026-11-30"

    func loaded(_ fixture: String = "small/problem.json") throws -> DaemonClient {
        let c = try DaemonClient(dataDir: DaemonClient.temporaryDirectory())
        _ = c.call("dataset.load", try DaemonClient.dataset(fixture))
        return c
    }

    // MARK: Numbers with a range

    func testAbsurdTravelLimitsAreRefusedNamingThePathAndNothingIsStored() throws {
        let c = try loaded()
        defer { _ = c.closeAndWait() }
        for bad: JSONValue in [1e300, 2147483648, 1e15, 5000] {
            let e = c.error("dataset.upsert", ["policy": ["maxTravelKm": bad]])
            XCTAssertEqual(e.code, -32602)
            XCTAssertEqual(e["data"]?["path"], "params.policy.maxTravelKm")
        }
        XCTAssertEqual(c.call("dataset.get")["policy"]?["maxTravelKm"], 25, "nothing refused was stored")
        let person = c.error("dataset.upsert", ["people": [["id": "X1", "sex": "M", "home": ["lat": 52, "lon": -1], "maxTravelKm": 1e300]]])
        XCTAssertEqual(person["data"]?["path"], "params.people[0].maxTravelKm")
        let zone = c.error("dataset.upsert", ["people": [["id": "X1", "sex": "M", "home": ["lat": 52, "lon": -1],
                                                          "exclusionZones": [["lat": 52, "lon": -1, "radiusKm": 1e300]]]]])
        XCTAssertEqual(zone["data"]?["path"], "params.people[0].exclusionZones[0].radiusKm")
        // The largest accepted limit still solves, quickly, and reschedules.
        _ = c.call("dataset.upsert", ["policy": ["maxTravelKm": 1000]])
        let rota = c.call("rota.generate", ["weekStart": week, "timeLimitMs": 300, "seed": 1])
        XCTAssertEqual(rota["score"]?["hard"], 0)
        let started = Date()
        let person0 = rota["assignments"]?.arrayValue?.first?["personId"] ?? "P01"
        XCTAssertNotNil(c.call("reschedule.request", ["weekStart": week, "personId": person0, "unavailable": [["day": "2026-12-05", "start": "00:00", "end": "24:00"]]])["options"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    }

    func testWeeksWithStartersButNoPlacementSessionIsAnsweredWithARota() throws {
        let c = try loaded("region-400.json")
        defer { _ = c.closeAndWait() }
        for w in ["2026-11-23", "2026-12-14", "2026-12-21", "2031-01-06"] {
            let rota = c.call("rota.generate", ["weekStart": .string(w), "timeLimitMs": 300, "seed": 1])
            XCTAssertEqual(rota["weekStart"]?.stringValue, w)
            XCTAssertEqual(rota["score"]?["hard"], 0)
        }
        XCTAssertEqual(c.call("server.health")["weeks"]?.arrayValue?.count, 4, "the daemon is still up")
    }

    func testDegenerateRegionsAreSolvedByTheCommandLine() throws {
        let base = try DaemonClient.fixture("small/problem.json").objectValue!
        let dir = DaemonClient.temporaryDirectory()
        let people = base["people"]!.arrayValue!
        let variants: [(String, (inout JSONObject) -> Void)] = [
            ("no people", { $0["people"] = [] }),
            ("one person", { $0["people"] = .array([people[0]]) }),
            ("no placements", { $0["placements"] = []; $0["people"] = .array(people.map { p in var o = p.objectValue!; o["currentPlacementId"] = nil; return .object(o) }) }),
            ("no interpreters", { $0["interpreters"] = [] }),
            ("nobody with hours left", { $0["people"] = .array(people.map { p in
                guard var o = p.objectValue, var u = o["upw"]?.objectValue else { return p }
                u["hoursCompleted"] = u["hoursOrdered"]
                o["upw"] = .object(u)
                return .object(o)
            }) }),
            ("nothing at all", { o in o = JSONObject([("weekStart", "2026-11-30")]) }),
        ]
        for (name, change) in variants {
            var doc = base
            change(&doc)
            let path = dir.appendingPathComponent("p.json").path
            try Data(JSONWriter.bytes(.object(doc))).write(to: URL(fileURLWithPath: path))
            let out = dir.appendingPathComponent("r.json").path
            for threads in ["1", "2"] {
                let solved = try DaemonClient.runCommand(["solve", path, "--time-limit", "0.5", "--threads", threads, "--quiet", "--out", out])
                XCTAssertEqual(solved.status, 0, "\(name): \(solved.err.suffix(400))")
                let verdict = try DaemonClient.runCommand(["validate", path, out])
                XCTAssertEqual(verdict.status, 0, name)
                XCTAssertEqual(try JSONParser.parse(Array(verdict.out.utf8))["reportedScoreMatches"], true, name)
            }
        }
    }

    func testTheCommandLineNamesTheFileThePathAndTheReason() throws {
        var doc = try DaemonClient.fixture("small/problem.json").objectValue!
        doc["policy"] = ["maxTravelKm": 1e300]
        let path = DaemonClient.temporaryDirectory().appendingPathComponent("region.json").path
        try Data(JSONWriter.bytes(.object(doc))).write(to: URL(fileURLWithPath: path))
        let r = try DaemonClient.runCommand(["solve", path, "--time-limit", "1", "--quiet"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("\(path): policy.maxTravelKm: must be at most 1000"), r.err)
    }

    // MARK: The transport

    func testAClientThatClosesStdoutEndsTheDaemonCleanly() throws {
        let dir = DaemonClient.temporaryDirectory()
        let p = Process()
        p.executableURL = DaemonClient.binary
        p.arguments = ["serve", "--data-dir", dir.path]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = FileHandle.nullDevice
        try p.run()
        // The client reads nothing and goes away; then it still writes a change and a read.
        try output.fileHandleForReading.close()
        let upsert = #"{"jsonrpc":"2.0","id":1,"method":"dataset.upsert","params":{"people":[{"id":"P40","sex":"M","home":{"lat":52.6,"lon":-1.1}}]}}"#
        input.fileHandleForWriting.write(Data((upsert + "\n" + #"{"jsonrpc":"2.0","id":2,"method":"server.health"}"# + "\n").utf8))
        let deadline = Date().addingTimeInterval(10)
        while p.isRunning && Date() < deadline { usleep(10_000) }
        XCTAssertFalse(p.isRunning, "the daemon noticed its client had gone")
        XCTAssertEqual(p.terminationReason, .exit, "no SIGPIPE")
        XCTAssertEqual(p.terminationStatus, 0)
        let again = try DaemonClient(dataDir: dir)
        defer { _ = again.closeAndWait() }
        XCTAssertEqual(again.call("dataset.get", ["people": ["P40"]])["missing"]?["people"], [], "the change was carried out and is on disk")
    }

    func testSIGTERMEndsTheDaemonCleanly() throws {
        let c = try loaded()
        _ = c.call("server.health")
        c.process.terminate()
        c.process.waitUntilExit()
        XCTAssertEqual(c.process.terminationReason, .exit)
        XCTAssertEqual(c.process.terminationStatus, 0)
    }

    func testIdsAreEchoedExactlyOrRefused() throws {
        let c = try DaemonClient(dataDir: DaemonClient.temporaryDirectory())
        defer { _ = c.closeAndWait() }
        func raw(_ line: String) -> String {
            let before = c.rawLines.count
            c.sendLine(line)
            let deadline = Date().addingTimeInterval(10)
            while c.rawLines.count == before && Date() < deadline { usleep(2000) }
            return c.rawLines.count > before ? c.rawLines[before] : ""
        }
        XCTAssertTrue(raw(#"{"jsonrpc":"2.0","id":9007199254740991,"method":"server.health"}"#).contains(#""id":9007199254740991,"result""#))
        for bad in ["9007199254740993", "1e999", "1.5", "-9007199254740992"] {
            let a = raw(#"{"jsonrpc":"2.0","id":\#(bad),"method":"server.health"}"#)
            XCTAssertTrue(a.contains(#""id":null"#) && a.contains("-32600"), "id \(bad): \(a)")
        }
    }

    // MARK: Bounded work

    func testRepeatedIdsAreAnsweredOnceAndLongListsAreRefused() throws {
        let c = try loaded()
        defer { _ = c.closeAndWait() }
        let repeated = c.call("dataset.get", ["people": .array(Array(repeating: "P01", count: 5_000))])
        XCTAssertEqual(repeated["people"]?.arrayValue?.count, 1)
        let tooMany = c.error("dataset.get", ["people": .array((0..<20_000).map { .string("P\($0)") })])
        XCTAssertEqual(tooMany.code, -32602)
        XCTAssertEqual(tooMany["data"]?["path"], "params.people")
    }

    func testAnAnswerOverTheResponseLimitIsRefusedAndTheDaemonCarriesOn() throws {
        let c = try DaemonClient(dataDir: DaemonClient.temporaryDirectory(), extraArguments: ["--max-response-bytes", "4096"])
        defer { _ = c.closeAndWait() }
        _ = c.call("dataset.load", try DaemonClient.dataset("small/problem.json"))
        let ids = c.call("dataset.get")["ids"]!["people"]!
        XCTAssertEqual(c.error("dataset.get", ["people": ids]).code, -32007)
        XCTAssertNotNil(c.call("dataset.get", ["people": ["P01"]])["people"])
    }

    // MARK: Privacy and rights

    func testAProviderIsNotToldWhichConfidentialRuleASessionBreaks() throws {
        let c = try loaded()
        defer { _ = c.closeAndWait() }
        let rota = c.call("rota.generate", ["weekStart": week, "timeLimitMs": 300, "seed": 1])
        // Someone at a placement session; then a new risk assessment says very high.
        let placements = c.call("dataset.get", ["placements": .array((c.call("dataset.get")["ids"]?["placements"]?.arrayValue) ?? [])])["placements"]!.arrayValue!
        let sessionOwner = Dictionary(uniqueKeysWithValues: placements.flatMap { pl in
            (pl["sessions"]?.arrayValue ?? []).map { ($0["id"]!.stringValue!, pl) } })
        let a = rota["assignments"]!.arrayValue!.first { sessionOwner[$0["sessionId"]!.stringValue!] != nil }!
        let placement = sessionOwner[a["sessionId"]!.stringValue!]!
        var person = c.call("dataset.get", ["people": [a["personId"]!]])["people"]!.arrayValue![0].objectValue!
        person["risk"] = ["rosh": "very_high"]
        _ = c.call("dataset.upsert", ["people": [.object(person)]])
        let full = c.call("allocation.check", ["weekStart": week, "placementId": placement["id"]!])
        XCTAssertTrue(full["violations"]?.arrayValue?.contains { $0["rule"] == 6 } ?? false, "the scheduler sees rule 6")
        let provider: JSONValue = ["role": "provider", "id": placement["provider"]!]
        let seen = c.call("allocation.check", ["weekStart": week, "placementId": placement["id"]!, "actor": provider])
        let violations = seen["violations"]?.arrayValue ?? []
        XCTAssertTrue(violations.contains { $0["title"] == "needs the scheduler's attention" && $0["sessions"] == [a["sessionId"]!] })
        for v in violations { XCTAssertFalse([6, 7, 8, 9].contains(v["rule"]), JSONWriter.string(v)) }
        XCTAssertFalse(JSONWriter.string(seen).lowercased().contains("risk"))
    }

    func testOnlyTheCallerOrASchedulerMayCancelAGenerate() throws {
        let c = try loaded("region-400.json")
        defer { _ = c.closeAndWait() }
        let officer: JSONValue = ["role": "officer", "id": "PO-1"]
        let long = c.start("rota.generate", ["weekStart": week, "timeLimitMs": 4000, "seed": 1])
        usleep(300_000)
        c.send(["jsonrpc": "2.0", "method": "$/cancelRequest", "params": ["id": .int(long), "actor": officer]])
        c.send(["jsonrpc": "2.0", "method": "$/cancelRequest", "params": ["id": .int(long), "actor": ["role": "provider", "id": "Family Hub"]]])
        usleep(300_000)
        _ = c.call("server.health")
        XCTAssertNil(c.messages.first { $0["id"] == .int(long) }, "an officer's and a provider's cancel were ignored")
        c.send(["jsonrpc": "2.0", "method": "$/cancelRequest", "params": ["id": .int(long)]])
        XCTAssertEqual(c.answer(long, timeout: 10)?["error"]?.code, -32004, "a scheduler's cancel stops it")
    }

    func testANotificationThatChangesDataIsCarriedOutAndNotAnswered() throws {
        let c = try loaded()
        defer { _ = c.closeAndWait() }
        let before = c.messages.count
        c.send(["jsonrpc": "2.0", "method": "dataset.upsert", "params": ["people": [["id": "P77", "sex": "M", "home": ["lat": 52.6, "lon": -1.1]]]]])
        XCTAssertEqual(c.call("dataset.get", ["people": ["P77"]])["missing"]?["people"], [])
        XCTAssertEqual(c.messages.count, before + 1, "only the dataset.get was answered")
    }
}

/// The bounded fuzz run CI does (`rota fuzz`; docs/RELIABILITY.md has the long one).
final class FuzzRunTests: XCTestCase {
    func testTwoThousandMutatedDocumentsAndRequestsCrashNothingAndChangeNothingRefused() throws {
        let r = try DaemonClient.runCommand(["fuzz", "--cases", "2000", "--seed", "1"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("fuzz: 2000 cases, seed 1, 0 failures"), r.out + r.err)
        XCTAssertTrue(r.out.contains("data unchanged each time"), r.out)
    }
}

/// The bounded soak CI does (`rota soak`; docs/RELIABILITY.md has the 100,000-request one).
final class SoakRunTests: XCTestCase {
    func testAMixedLoadIsAnsweredInFullAndLeavesAValidRota() throws {
        let r = try DaemonClient.runCommand(["soak", "--requests", "1000", "--people", "120", "--seed", "2"])
        XCTAssertEqual(r.status, 0, r.out + r.err)
        XCTAssertTrue(r.out.contains("soak: 1000 requests answered"), r.out)
        XCTAssertTrue(r.out.contains("soak: 0 failures"), r.out + r.err)
    }
}
