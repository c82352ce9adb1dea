import Foundation
import RotaEngine
import RotaGenerator
import RotaJSON

/// `rota soak [--requests N] [--people N] [--seed S] [--window N]`: a long mixed load on one
/// `rota serve` — reads, upserts, attendance, generates, reschedule previews and applications,
/// explanations — with a bounded window in flight. Every answer is checked (well formed, under
/// an id that was sent, a result where one is due, only the conflicts a busy week can give),
/// the stored rota is re-validated at the end, and the daemon's peak memory is reported after
/// the warm-up and at the end, so that growth shows.
enum SoakCommand {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        let count = try args.int("--requests", range: 1...10_000_000) ?? 100_000
        let people = try args.int("--people", range: 10...20_000) ?? 400
        let seed = try args.int("--seed", range: 0...Int(Int32.max)) ?? 1
        let window = try args.int("--window", range: 1...1_000) ?? 16
        try args.finish()
        let week = "2026-11-30"
        let problem = RegionGenerator(people: people, seed: UInt64(seed), weekStart: CalendarDay(iso: week)!).generate()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rota-soak-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let child = try DaemonChild(dataDir: dir)
        let dataset = RecordCoding.dataset(Dataset(problem))  // the params of dataset.load
        guard child.call("dataset.load", dataset, id: "load")?["result"] != nil,
              let first = child.call("rota.generate", ["weekStart": .string(week), "timeLimitMs": 2000, "seed": 1], id: "generate")?["result"] else {
            Diagnostics.error("soak: the daemon did not load and solve the region")
            return .inputRefused
        }
        let warmMiB = child.peakMemoryMiB ?? 0
        var mix = RequestMix(problem: problem, week: week, rota: first, seed: UInt64(seed))
        var outstanding: [Int: String] = [:]
        var failures: [String] = []
        var byMethod: [String: Int] = [:]
        var conflicts = 0
        var next = 0, done = 0
        let started = Date()
        while done < count && failures.count < 20 {
            while next < count && outstanding.count < window {
                let (method, params) = mix.next()
                outstanding[next] = method
                guard child.send(.obj([("jsonrpc", "2.0"), ("id", .int(next)), ("method", .string(method)), ("params", params)])) else {
                    failures.append("the daemon is gone at request \(next)")
                    break
                }
                next += 1
            }
            guard let line = child.readLine(timeout: 120) else { failures.append("no answer within 120 s, or the daemon died, after \(done) answers"); break }
            guard let a = try? JSONParser.parse(line, limits: JSONParseLimits(maxDepth: 64, maxBytes: Int.max)) else {
                failures.append("an answer that is not JSON"); continue
            }
            if a["id"] == nil { continue }  // progress notification
            guard let idValue = a["id"]?.doubleValue, let method = outstanding.removeValue(forKey: Int(idValue)) else {
                failures.append("an answer under an id nobody is waiting for: \(JSONWriter.string(a["id"] ?? .null))"); continue
            }
            done += 1
            byMethod[method, default: 0] += 1
            if let e = a["error"] {
                // Two generates of one week at once, or a publish racing one: the only refusals due.
                if e["code"] == -32002 && (method == "rota.generate" || method == "reschedule.request") { conflicts += 1; continue }
                failures.append("\(method) #\(Int(idValue)) refused: \(JSONWriter.string(e).prefix(300))")
            } else if a["result"] == nil || a["jsonrpc"] != "2.0" {
                failures.append("\(method) #\(Int(idValue)): a malformed answer")
            }
        }
        let seconds = Date().timeIntervalSince(started)
        let endMiB = child.peakMemoryMiB ?? 0
        let verdict = child.call("rota.validate", ["weekStart": .string(week)], id: "final-validate")?["result"]
        if verdict?["hard"] != first["score"]?["hard"] {
            let broken = (verdict?["violations"]?.arrayValue ?? []).prefix(5).map { JSONWriter.string($0) }.joined(separator: "; ")
            failures.append("the stored rota breaks \(JSONWriter.string(verdict?["hard"] ?? .null)) rules, the generated one \(JSONWriter.string(first["score"]?["hard"] ?? .null)): \(broken)")
        }
        let status = child.finish()
        if status != 0 { failures.append("the daemon exited with \(status)") }
        Diagnostics.out(String(format: "soak: %d requests answered in %.1f s (%.0f/s), window %d, %d people; %d generate conflicts", done, seconds, Double(done) / seconds, window, people, conflicts))
        Diagnostics.out("by method: " + byMethod.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        Diagnostics.out(String(format: "daemon peak memory: %.0f MiB after the warm-up, %.0f MiB at the end", warmMiB, endMiB))
        for f in failures { Diagnostics.error("soak failure: \(f)") }
        Diagnostics.out("soak: \(failures.count) failures")
        return failures.isEmpty ? .success : .inputRefused
    }
}

/// The soak's requests: mostly reads, a steady stream of attendance and upserts, reschedule
/// previews, and now and then a generate or an applied reschedule.
struct RequestMix {
    let problem: Problem
    let week: String
    var rng: SplitMix64
    /// People with an order and nothing this week: their attendance (at last week's sessions)
    /// lowers their hours left without making this week's rota ask too much of them (rule 11).
    let idle: [String]
    let sessions: [String]
    let timeOfSession: [String: Interval]
    let assigned: [(person: String, session: String)]

    init(problem: Problem, week: String, rota: JSONValue, seed: UInt64) {
        self.problem = problem
        self.week = week
        rng = SplitMix64(seed: seed &+ 17)
        assigned = (rota["assignments"]?.arrayValue ?? []).compactMap { a in
            guard let p = a["personId"]?.stringValue, let s = a["sessionId"]?.stringValue else { return nil }
            return (p, s)
        }
        let busy = Set(assigned.map(\.person))
        idle = problem.people.filter { $0.upw != nil && !busy.contains($0.id) }.map(\.id)
        sessions = problem.placements.flatMap { $0.sessions.map(\.id) }
        timeOfSession = Dictionary(problem.placements.flatMap { $0.sessions.map { ($0.id, $0.interval) } }, uniquingKeysWith: { a, _ in a })
    }

    mutating func next() -> (String, JSONValue) {
        let w = JSONValue.string(week)
        let roll = rng.below(1000)
        let person = problem.people[rng.below(problem.people.count)]
        let placement = problem.placements[rng.below(problem.placements.count)]
        switch roll {
        case 0..<250:
            return ("dataset.get", ["people": [.string(person.id)], "placements": [.string(placement.id)]])
        case 250..<330:
            var changed = person
            changed.interests = [["gardening", "cooking", "painting", "retail"][rng.below(4)]]
            return ("dataset.upsert", ["people": [ProblemEncoder.person(changed)]])
        case 330..<530 where !idle.isEmpty && !sessions.isEmpty:
            return ("attendance.record", ["personId": .string(idle[rng.below(idle.count)]),
                                          "sessionId": .string(sessions[rng.below(sessions.count)]), "hours": 0.25])
        case 530..<640 where !assigned.isEmpty:
            // The person cannot come at the time of one of their first sessions (the rota moves on
            // as reschedules apply, so the time is named, not the session).
            let a = assigned[rng.below(assigned.count)]
            guard let at = timeOfSession[a.session] else { return ("server.health", [:]) }
            return ("reschedule.request", ["weekStart": w, "personId": .string(a.person),
                                           "unavailable": [ProblemEncoder.interval(at)], "apply": .bool(rng.below(50) == 0)])
        case 640..<740:
            return ("explain", ["weekStart": w, "personId": .string(person.id), "actor": ["role": "officer", "id": "PO-7"]])
        case 740..<850:
            return ("allocation.check", ["weekStart": w, "placementId": .string(placement.id),
                                         "actor": ["role": "provider", "id": .string(placement.provider)]])
        case 850..<852:
            return ("rota.generate", ["weekStart": w, "timeLimitMs": 300, "seed": .int(rng.below(1000))])
        case 852..<900:
            return ("rota.validate", ["weekStart": w])
        case 900..<950:
            return ("rota.get", ["weekStart": w])
        default:
            return ("server.health", [:])
        }
    }
}
