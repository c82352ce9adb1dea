import Foundation
import RotaJSON

/// A `rota serve` started from this same binary on a data folder, spoken to over pipes as a
/// client system would: for the fuzz, soak and daemon benchmarks.
final class DaemonChild {
    let process = Process()
    let dataDir: URL
    private let input = Pipe(), output = Pipe()
    private var buffer: [UInt8] = []

    init(dataDir: URL, extraArguments: [String] = []) throws {
        self.dataDir = dataDir
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        process.arguments = ["serve", "--data-dir", dataDir.path] + extraArguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    private var writeFD: Int32 { input.fileHandleForWriting.fileDescriptor }
    private var readFD: Int32 { output.fileHandleForReading.fileDescriptor }

    /// Writes one line (a newline is added). False when the daemon has gone.
    @discardableResult
    func send(_ line: [UInt8]) -> Bool {
        var bytes = line
        bytes.append(0x0A)
        return bytes.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = Foundation.write(writeFD, raw.baseAddress! + off, raw.count - off)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                off += n
            }
            return true
        }
    }

    func send(_ v: JSONValue) -> Bool { send(JSONWriter.bytes(v)) }

    /// The next line the daemon writes, or nil when it has closed its end or `timeout` passed.
    func readLine(timeout: Double) -> [UInt8]? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let nl = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<nl])
                buffer.removeSubrange(...nl)
                return line
            }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return nil }
            var ready = pollfd(fd: readFD, events: Int16(POLLIN), revents: 0)
            let polled = poll(&ready, 1, Int32(min(left, 1) * 1000) + 1)
            if polled < 0 && errno == EINTR { continue }
            if polled <= 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { Foundation.read(readFD, $0.baseAddress!, $0.count) }
            if n <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }

    /// Sends a request and returns its answer (notifications on the way are skipped).
    func call(_ method: String, _ params: JSONValue = .object(JSONObject()), id: String, timeout: Double = 120) -> JSONValue? {
        guard send(.obj([("jsonrpc", "2.0"), ("id", .string(id)), ("method", .string(method)), ("params", params)])) else { return nil }
        while let line = readLine(timeout: timeout) {
            if let v = try? JSONParser.parse(line, limits: JSONParseLimits(maxDepth: 64, maxBytes: Int.max)), v["id"] == .string(id) { return v }
        }
        return nil
    }

    /// Sends `lines` keeping at most `window` unanswered; returns wall seconds and each latency.
    func pipeline(_ lines: [String], window: Int) -> (Double, [Double]) {
        var sentAt = [UInt64](repeating: 0, count: lines.count)
        var latencies: [Double] = []
        latencies.reserveCapacity(lines.count)
        var next = 0, done = 0
        let start = DispatchTime.now().uptimeNanoseconds
        while done < lines.count {
            while next < lines.count && next - done < window {
                sentAt[next] = DispatchTime.now().uptimeNanoseconds
                send(Array(lines[next].utf8))
                next += 1
            }
            guard let l = readLine(timeout: 600) else { break }
            let now = DispatchTime.now().uptimeNanoseconds
            // The id is the request's index: read it without a full parse.
            if let r = l.firstRange(of: Array(#""id":"#.utf8)) {
                var i = r.upperBound, id = 0
                while i < l.count, l[i] >= 0x30, l[i] <= 0x39 { id = id * 10 + Int(l[i] - 0x30); i += 1 }
                if id < sentAt.count { latencies.append(Double(now - sentAt[id]) / 1e9) }
            }
            done += 1
        }
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, latencies)
    }

    /// The daemon's peak resident memory so far (`VmHWM`), in MiB; nil where /proc is absent.
    var peakMemoryMiB: Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return nil }
        return kb / 1024
    }

    /// Closes stdin and waits: the daemon's exit status.
    func finish() -> Int32 {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }
}
