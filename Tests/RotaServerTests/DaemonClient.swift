import Foundation
import RotaJSON
import RotaTestSupport
import XCTest

/// Starts the real `rota serve` binary and talks to it over pipes, as a client system would.
final class DaemonClient: @unchecked Sendable {

    static var binary: URL {
        for config in ["debug", "release"] {
            let u = PackageRoot.url.appendingPathComponent(".build/\(config)/rota")
            if FileManager.default.isExecutableFile(atPath: u.path) { return u }
        }
        return PackageRoot.url.appendingPathComponent(".build/debug/rota")
    }

    let process = Process()
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    let dataDir: URL
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    /// Every message received, in order of arrival.
    private(set) var received: [JSONValue] = []
    /// Every line received, as text (to check what a JSON parser would normalise away).
    private var receivedLines: [String] = []
    private var nextId = 1000

    init(dataDir: URL, extraArguments: [String] = []) throws {
        self.dataDir = dataDir
        process.executableURL = Self.binary
        process.arguments = ["serve", "--data-dir", dataDir.path] + extraArguments
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        stdout.fileHandleForReading.readabilityHandler = { [weak self] h in
            let data = h.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock()
            self.buffer.append(contentsOf: data)
            while let nl = self.buffer.firstIndex(of: 0x0A) {
                let line = Array(self.buffer[..<nl])
                self.buffer.removeSubrange(...nl)
                self.receivedLines.append(String(decoding: line, as: UTF8.self))
                if let v = try? JSONParser.parse(line, limits: JSONParseLimits(maxDepth: 64, maxBytes: Int.max)) { self.received.append(v) }
            }
            self.lock.unlock()
        }
        try process.run()
    }

    /// A fresh data folder, removed when the test process ends (a test may restart a daemon on
    /// it, so it outlives any one client).
    static func temporaryDirectory() -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("rota-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        TemporaryDirectories.shared.remember(u)
        return u
    }

    func sendLine(_ text: String) {
        stdin.fileHandleForWriting.write(Data((text + "\n").utf8))
    }

    func send(_ v: JSONValue) { sendLine(JSONWriter.string(v)) }

    /// Sends a request; returns its id.
    @discardableResult
    func start(_ method: String, _ params: JSONValue = [:]) -> Int {
        lock.lock()
        nextId += 1
        let id = nextId
        lock.unlock()
        send(.obj([("jsonrpc", "2.0"), ("id", .int(id)), ("method", .string(method)), ("params", params)]))
        return id
    }

    /// Waits for the answer with this id.
    func answer(_ id: Int, timeout: TimeInterval = 60) -> JSONValue? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            lock.lock()
            let hit = received.first { $0["id"] == .int(id) }
            lock.unlock()
            if let hit { return hit }
            usleep(2000)
        }
        return nil
    }

    /// Request and wait: the `result`, or fails the test.
    func call(_ method: String, _ params: JSONValue = [:], file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
        let id = start(method, params)
        guard let a = answer(id) else { XCTFail("no answer to \(method)", file: file, line: line); return .null }
        guard let r = a["result"] else { XCTFail("\(method) failed: \(JSONWriter.string(a))", file: file, line: line); return .null }
        return r
    }

    /// Request and wait: the `error` object, or fails the test.
    func error(_ method: String, _ params: JSONValue = [:], file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
        let id = start(method, params)
        guard let a = answer(id) else { XCTFail("no answer to \(method)", file: file, line: line); return .null }
        guard let e = a["error"] else { XCTFail("\(method) did not fail: \(JSONWriter.string(a).prefix(300))", file: file, line: line); return .null }
        return e
    }

    var messages: [JSONValue] { lock.lock(); defer { lock.unlock() }; return received }
    var rawLines: [String] { lock.lock(); defer { lock.unlock() }; return receivedLines }

    /// Runs the real `rota` binary once: its exit status, stdout and stderr.
    static func runCommand(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func closeAndWait() -> Int32 {
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func kill9() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    var stderrText: String { String(decoding: stderr.fileHandleForReading.availableData, as: UTF8.self) }

    static func fixture(_ name: String) throws -> JSONValue {
        try JSONParser.parse([UInt8](Data(contentsOf: PackageRoot.fixture(name))))
    }

    /// A problem fixture without its weekStart: the params of dataset.load.
    static func dataset(_ name: String) throws -> JSONValue {
        guard case .object(var o) = try fixture(name) else { return .null }
        o["weekStart"] = nil
        return .object(o)
    }
}

extension JSONValue {
    var code: Int? { self["code"]?.doubleValue.map(Int.init) }
}

/// The data folders the tests made, removed at exit: thousands of test daemons' journals
/// otherwise pile up in the temporary directory run after run.
final class TemporaryDirectories: @unchecked Sendable {
    static let shared = TemporaryDirectories()
    private let lock = NSLock()
    private var made: [URL] = []

    private init() {
        atexit { TemporaryDirectories.shared.removeAll() }
    }

    func remember(_ u: URL) {
        lock.lock()
        made.append(u)
        lock.unlock()
    }

    func removeAll() {
        lock.lock()
        let all = made
        made = []
        lock.unlock()
        for u in all { try? FileManager.default.removeItem(at: u) }
    }
}
