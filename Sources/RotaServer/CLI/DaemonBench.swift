import Foundation
import RotaEngine
import RotaGenerator
import RotaJSON

/// The daemon throughput benchmark: start `rota serve`, load a generated region, generate its
/// rota, then pipeline requests over the pipe (a bounded window in flight) and time each answer.
enum DaemonBench {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        let people = try args.int("--people", range: 10...100_000) ?? 5000
        let count = try args.int("--requests", range: 100...10_000_000) ?? 50_000
        let window = try args.int("--window", range: 1...10_000) ?? 64
        try args.finish()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rota-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try DaemonChild(dataDir: dir)
        let client = PipeClient(write: server.writeFD, read: server.readFD)
        let problem = RegionGenerator(people: people, seed: 1).generate()
        _ = client.call(#"{"jsonrpc":"2.0","id":"load","method":"dataset.load","params":"# + JSONWriter.string(RecordCoding.dataset(Dataset(problem))) + "}")
        _ = client.call(#"{"jsonrpc":"2.0","id":"gen","method":"rota.generate","params":{"weekStart":"2026-11-30","timeLimitMs":3000}}"#)
        let ids = problem.placements.map(\.id)
        Diagnostics.out("daemon benchmark: \(people) people, \(ids.count) placements, rota loaded; \(count) requests each, window \(window)")
        Diagnostics.out("| method | requests/s | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |")
        Diagnostics.out("|---|---:|---:|---:|---:|---:|")
        for method in ["allocation.check", "server.health"] {
            let lines: [String] = (0..<count).map { i in
                method == "server.health"
                    ? #"{"jsonrpc":"2.0","id":\#(i),"method":"server.health"}"#
                    : #"{"jsonrpc":"2.0","id":\#(i),"method":"allocation.check","params":{"weekStart":"2026-11-30","placementId":"\#(ids[i % ids.count])"}}"#
            }
            let (seconds, latencies) = client.pipeline(lines, window: window)
            let sorted = latencies.sorted()
            func pct(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1000 }
            Diagnostics.out(String(format: "| %@ | %.0f | %.3f | %.3f | %.3f | %.3f |", method, Double(count) / seconds, pct(0.5), pct(0.95), pct(0.99), sorted.last! * 1000))
        }
        _ = client.call(#"{"jsonrpc":"2.0","id":"bye","method":"server.shutdown"}"#)
        server.process.waitUntilExit()
        return .success
    }
}

/// A minimal blocking JSON-RPC client over two file descriptors.
final class PipeClient {
    let wfd: Int32, rfd: Int32
    var buffer: [UInt8] = []
    init(write: Int32, read: Int32) { wfd = write; rfd = read }

    func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = Foundation.write(wfd, raw.baseAddress! + off, raw.count - off)
                if n <= 0 { if errno == EINTR { continue }; return }
                off += n
            }
        }
    }

    func readLine() -> [UInt8]? {
        while true {
            if let nl = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<nl])
                buffer.removeSubrange(...nl)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { Foundation.read(rfd, $0.baseAddress!, $0.count) }
            if n <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }

    /// Sends one request and waits for its answer (skipping notifications).
    func call(_ line: String) -> JSONValue? {
        writeAll(Array((line + "\n").utf8))
        while let l = readLine() {
            if let v = try? JSONParser.parse(l, limits: JSONParseLimits(maxDepth: 64, maxBytes: Int.max)), v["id"] != nil { return v }
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
                writeAll(Array((lines[next] + "\n").utf8))
                next += 1
            }
            guard let l = readLine() else { break }
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
}
