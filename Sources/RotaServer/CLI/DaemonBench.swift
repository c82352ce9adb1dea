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
        let problem = RegionGenerator(people: people, seed: 1).generate()
        _ = server.call("dataset.load", RecordCoding.dataset(Dataset(problem)), id: "load", timeout: 600)
        _ = server.call("rota.generate", ["weekStart": "2026-11-30", "timeLimitMs": 3000], id: "gen", timeout: 600)
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
            let (seconds, latencies) = server.pipeline(lines, window: window)
            let sorted = latencies.sorted()
            func pct(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1000 }
            Diagnostics.out(String(format: "| %@ | %.0f | %.3f | %.3f | %.3f | %.3f |", method, Double(count) / seconds, pct(0.5), pct(0.95), pct(0.99), sorted.last! * 1000))
        }
        _ = server.call("server.shutdown", id: "bye")
        server.process.waitUntilExit()
        return .success
    }
}
