import Foundation
import RotaJSON
import XCTest
@testable import RotaServer

/// The daemon through the real binary: framing, error codes, notifications, limits.
final class DaemonProtocolTests: XCTestCase {
    var client: DaemonClient!

    override func setUpWithError() throws {
        client = try DaemonClient(dataDir: DaemonClient.temporaryDirectory())
    }

    override func tearDown() {
        _ = client.closeAndWait()
    }

    func rawAnswer(_ line: String) -> JSONValue? {
        let before = client.messages.count
        client.sendLine(line)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if client.messages.count > before { return client.messages[before] }
            usleep(2000)
        }
        return nil
    }

    func testMalformedLineIsAParseErrorWithNullId() {
        let a = rawAnswer("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ")
        XCTAssertEqual(a?["error"]?.code, -32700)
        XCTAssertEqual(a?["id"], .null)
    }

    func testNonObjectsAndWrongVersionAreInvalidRequests() {
        XCTAssertEqual(rawAnswer("42")?["error"]?.code, -32600)
        XCTAssertEqual(rawAnswer("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server.health\"}]")?["error"]?.code, -32600)
        let wrong = rawAnswer(#"{"jsonrpc":"1.0","id":"v","method":"server.health"}"#)
        XCTAssertEqual(wrong?["error"]?.code, -32600)
        XCTAssertEqual(wrong?["id"], "v", "the id is kept so the error can be paired")
        XCTAssertEqual(rawAnswer(#"{"jsonrpc":"2.0","id":{"a":1},"method":"server.health"}"#)?["error"]?.code, -32600)
    }

    func testUnknownMethod() {
        XCTAssertEqual(client.error("rota.teleport").code, -32601)
    }

    func testBadParamsNameThePath() {
        let e = client.error("rota.get", ["weekStart": "2026-12-01"])
        XCTAssertEqual(e.code, -32602)
        XCTAssertEqual(e["data"]?["path"], "params.weekStart")
        XCTAssertEqual(e["data"]?["reason"]?.stringValue?.contains("not a Monday"), true)
        let load = client.error("dataset.load", ["people": [["id": "P1", "sex": "X", "home": ["lat": 52, "lon": -1]]]])
        XCTAssertEqual(load["data"]?["path"], "params.people[0].sex")
        XCTAssertEqual(client.error("rota.get", ["weekStart": 7])["data"]?["path"], "params.weekStart")
        XCTAssertEqual(client.error("server.health", ["actor": ["role": "judge"]])["data"]?["path"], "params.actor.role")
    }

    func testANotificationGetsNoAnswer() {
        client.sendLine(#"{"jsonrpc":"2.0","method":"server.health"}"#)
        client.sendLine(#"{"jsonrpc":"2.0","method":"no.such.method"}"#)
        let r = client.call("server.health")
        XCTAssertNotNil(r["version"])
        usleep(200_000)
        XCTAssertEqual(client.messages.count, 1, "only the request with an id is answered")
    }

    func testAMalformedMessageWithoutAnIdIsAnsweredWithANullId() {
        // JSON-RPC 2.0: only a well-formed notification goes unanswered.
        for line in [#"{"jsonrpc":"1.0","method":"server.health"}"#, #"{"jsonrpc":"2.0","method":1,"params":"bar"}"#, #"{}"#] {
            let a = rawAnswer(line)
            XCTAssertEqual(a?["id"], .null, line)
            XCTAssertEqual(a?["error"]?.code, -32600, line)
        }
    }

    func testAOneMebibyteLineWorks() {
        let padding = String(repeating: "x", count: 120)
        let ids: [JSONValue] = (0..<9_000).map { .string(String(format: "NOBODY-%06d-", $0) + padding) }
        let params: JSONValue = .obj([("people", .array(ids))])
        XCTAssertGreaterThan(JSONWriter.string(params).utf8.count, 1 << 20)
        let r = client.call("dataset.get", params)
        XCTAssertEqual(r["missing"]?["people"]?.arrayValue?.count, 9_000)
    }

    func testAnOverLimitLineIsRefusedAndTheDaemonCarriesOn() throws {
        _ = client.closeAndWait()
        client = try DaemonClient(dataDir: DaemonClient.temporaryDirectory(), extraArguments: ["--max-request-bytes", "100000"])
        let big = String(repeating: "x", count: 300_000)
        let a = rawAnswer(#"{"jsonrpc":"2.0","id":1,"method":"server.health","params":{"pad":""# + big + #""}}"#)
        XCTAssertEqual(a?["error"]?.code, -32005)
        XCTAssertNotNil(client.call("server.health")["version"])
    }

    func testGarbageLinesNeverEndTheDaemon() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["{", "}", "[", "]", "\"", ":", ",", "jsonrpc", "2.0", "id", "method", "params", "null", "1e999",
                      "-", "\\u", "\u{00}", "dataset.load", "people", "\u{FF}", " "]
        for _ in 0..<300 {
            let n = Int.random(in: 1...40, using: &rng)
            client.sendLine((0..<n).map { _ in pieces.randomElement(using: &rng)! }.joined())
        }
        client.stdin.fileHandleForWriting.write(Data([0xFF, 0xFE, 0x22, 0x0A]))  // invalid UTF-8
        XCTAssertNotNil(client.call("server.health")["version"])
        XCTAssertTrue(client.process.isRunning)
    }

    func testShutdownAnswersThenExitsCleanly() {
        XCTAssertEqual(client.call("server.shutdown")["stopping"], true)
        client.process.waitUntilExit()
        XCTAssertEqual(client.process.terminationStatus, 0)
    }

    func testStdoutCarriesProtocolMessagesOnly() {
        _ = client.call("server.health")
        _ = client.error("rota.get", ["weekStart": "2026-11-30"])
        // Every line parsed as JSON-RPC: the reader drops anything else, so count what arrived.
        XCTAssertTrue(client.messages.allSatisfy { $0["jsonrpc"] == "2.0" })
    }
}

/// The service logic in-process, with a store that refuses to write.
final class ServiceStorageTests: XCTestCase {
    func testAFailedWriteIsReportedAndChangesNothing() throws {
        let store = MemoryStore()
        let service = try RotaService(store: store)
        _ = try service.handle(method: "dataset.upsert", params: ["people": [["id": "P1", "sex": "M", "home": ["lat": 52, "lon": -1]]]])
        store.failWrites = true
        do {
            _ = try service.handle(method: "dataset.upsert", params: ["people": [["id": "P2", "sex": "M", "home": ["lat": 52, "lon": -1]]]])
            XCTFail("a failed write must not be acknowledged")
        } catch {
            XCTAssertEqual(error.code, .storageFailure)
        }
        let counts = try service.handle(method: "dataset.get", params: [:])
        XCTAssertEqual(counts["counts"]?["people"], 1, "memory unchanged when the disk refused")
    }
}
