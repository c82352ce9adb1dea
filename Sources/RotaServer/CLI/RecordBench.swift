import Foundation
import RotaEngine
import RotaGenerator
import RotaJSON

/// `rota bench --record [--people N] [--records N]`: the region's record under load — pipelined
/// attendance (each acknowledged change fsync'd), single upserts one at a time, and the start-up
/// of a folder whose journal holds `records` changes, to the first answer.
enum RecordBench {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        let people = try args.int("--people", range: 10...200_000) ?? 20_000
        let records = try args.int("--records", range: 100...10_000_000) ?? 100_000
        let keep = try args.value("--keep")
        try args.finish()
        let dir = keep.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory.appendingPathComponent("rota-record-bench-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        defer { if keep == nil { try? FileManager.default.removeItem(at: dir) } }
        let problem = RegionGenerator(people: people, seed: 1).generate()
        let dataset = RecordCoding.dataset(Dataset(problem))  // the params of dataset.load
        // No compaction during the run: the start-up below replays the whole journal.
        let daemon = try DaemonChild(dataDir: dir, extraArguments: ["--compact-every", String(records * 2)])
        let loadStart = Date()
        _ = daemon.call("dataset.load", dataset, id: "load", timeout: 600)
        Diagnostics.out(String(format: "record benchmark: %d people, dataset.load %.2f s", people, Date().timeIntervalSince(loadStart)))
        let workers = problem.people.filter { $0.upw != nil }.map(\.id)
        let sessions = problem.placements.flatMap { $0.sessions.map(\.id) }
        func attendance(_ i: Int) -> String {
            #"{"jsonrpc":"2.0","id":\#(i),"method":"attendance.record","params":{"personId":"\#(workers[i % workers.count])","sessionId":"\#(sessions[(i / workers.count) % sessions.count])","hours":\#(1 + i % 7)}}"#
        }
        Diagnostics.out("| measure | requests | per second | p50 (ms) | p99 (ms) | max (ms) |")
        Diagnostics.out("|---|---:|---:|---:|---:|---:|")
        func row(_ name: String, _ seconds: Double, _ latencies: [Double]) {
            let sorted = latencies.sorted()
            func pct(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1000 }
            Diagnostics.out(String(format: "| %@ | %d | %.0f | %.2f | %.2f | %.2f |", name, latencies.count, Double(latencies.count) / seconds, pct(0.5), pct(0.99), (sorted.last ?? 0) * 1000))
        }
        let pipelined = min(10_000, records)
        let (s1, l1) = daemon.pipeline((0..<pipelined).map(attendance), window: 64)
        row("attendance.record, window 64", s1, l1)
        let upserts: [String] = problem.people.prefix(1_000).enumerated().map { i, p in
            var changed = p
            changed.interests = ["gardening-\(i)"]
            return #"{"jsonrpc":"2.0","id":\#(i),"method":"dataset.upsert","params":{"people":["# + JSONWriter.string(ProblemEncoder.person(changed)) + "]}}"
        }
        let (s2, l2) = daemon.pipeline(upserts, window: 1)
        row("dataset.upsert of one person, one at a time", s2, l2)
        // Fill the journal to `records` changes, then time a restart to its first answer.
        let rest = records - pipelined - upserts.count - 1
        if rest > 0 { _ = daemon.pipeline((pipelined..<(pipelined + rest)).map(attendance), window: 256) }
        _ = daemon.call("server.shutdown", id: "bye")
        daemon.process.waitUntilExit()
        let journalBytes = (try? FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("journal.log").path)[.size] as? Int) ?? 0
        let restart = Date()
        let again = try DaemonChild(dataDir: dir)
        let health = again.call("server.health", id: "first", timeout: 600)
        let seconds = Date().timeIntervalSince(restart)
        Diagnostics.out(String(format: "start-up with %.0f journal records (%.1f MiB): %.2f s to the first answer", health?["result"]?["journalSequence"]?.doubleValue ?? 0,
                               Double(journalBytes) / 1_048_576, seconds))
        _ = again.finish()
        return .success
    }
}
