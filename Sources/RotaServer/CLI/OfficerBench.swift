import Foundation
import RotaEngine
import RotaGenerator
import RotaJSON

/// `rota bench --officer [--people N] [--requests N]`: what an officer waits for. A generated
/// region with its rota stored; then, one at a time, reschedule previews (a person with a
/// session becomes unavailable on that session's day) and `explain` of random people.
enum OfficerBench {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        let people = try args.int("--people", range: 10...200_000) ?? 5_000
        let count = try args.int("--requests", range: 10...1_000_000) ?? 1_000
        try args.finish()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rota-officer-bench-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let problem = RegionGenerator(people: people, seed: 1).generate()
        let dataset = RecordCoding.dataset(Dataset(problem))  // the params of dataset.load
        let daemon = try DaemonChild(dataDir: dir)
        let week = problem.weekStart.description
        _ = daemon.call("dataset.load", dataset, id: "load", timeout: 600)
        guard let rota = daemon.call("rota.generate", ["weekStart": .string(week), "timeLimitMs": 10_000, "seed": 1], id: "gen", timeout: 600)?["result"] else {
            Diagnostics.error("officer benchmark: no rota")
            return .inputRefused
        }
        var dayOf: [String: String] = [:]
        for pl in problem.placements { for s in pl.sessions { dayOf[s.id] = s.interval.day.description } }
        let assignments = (rota["assignments"]?.arrayValue ?? []).compactMap { a -> (String, String)? in
            guard let p = a["personId"]?.stringValue, let s = a["sessionId"]?.stringValue, let d = dayOf[s] else { return nil }
            return (p, d)
        }
        var rng = SplitMix64(seed: 7)
        let previews: [String] = (0..<count).map { i in
            let (p, d) = assignments[rng.below(assignments.count)]
            return #"{"jsonrpc":"2.0","id":\#(i),"method":"reschedule.request","params":{"weekStart":"\#(week)","personId":"\#(p)","unavailable":[{"day":"\#(d)","start":"00:00","end":"24:00"}]}}"#
        }
        let explains: [String] = (0..<count).map { i in
            #"{"jsonrpc":"2.0","id":\#(i),"method":"explain","params":{"weekStart":"\#(week)","personId":"\#(problem.people[rng.below(problem.people.count)].id)"}}"#
        }
        // The first of each builds the week's cached view and search state: measured apart.
        let (firstSeconds, _) = daemon.pipeline([previews[0]], window: 1)
        Diagnostics.out(String(format: "officer benchmark: %d people, %d assignments; the first preview (builds the week's search state) %.0f ms", people, assignments.count, firstSeconds * 1000))
        Diagnostics.out("| request | count | p50 (ms) | p99 (ms) | max (ms) |")
        Diagnostics.out("|---|---:|---:|---:|---:|")
        for (name, lines) in [("reschedule.request (preview)", previews), ("explain", explains)] {
            let (_, latencies) = daemon.pipeline(lines, window: 1)
            let sorted = latencies.sorted()
            func pct(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] * 1000 }
            Diagnostics.out(String(format: "| %@ | %d | %.2f | %.2f | %.2f |", name, sorted.count, pct(0.5), pct(0.99), sorted.last! * 1000))
        }
        _ = daemon.finish()
        return .success
    }
}
