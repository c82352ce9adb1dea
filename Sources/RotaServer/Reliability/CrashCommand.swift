import Foundation
import RotaEngine
import RotaGenerator
import RotaJSON

/// `rota crash-test [--kills N] [--seed S] [--compact-every N]`: streams changes to `rota serve`
/// — new people, attendance, applied reschedules on a published week — notes which were
/// acknowledged, and kills the daemon with SIGKILL at random moments (with compaction every few
/// changes, many kills land inside one). After each restart every acknowledged change must be
/// there, each attendance must read as its last acknowledged value or a later one sent, and the
/// published week must validate as it did.
enum CrashCommand {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        let kills = try args.int("--kills", range: 1...100_000) ?? 50
        let seed = try args.int("--seed", range: 0...Int(Int32.max)) ?? 1
        let compactEvery = try args.int("--compact-every", range: 1...1_000_000) ?? 5
        try args.finish()
        signal(SIGPIPE, SIG_IGN)  // the daemon dies under our writes on purpose
        var test = CrashTest(seed: UInt64(seed), compactEvery: compactEvery)
        let failures = try test.run(kills: kills)
        for f in failures.prefix(20) { Diagnostics.error("crash-test failure: \(f)") }
        Diagnostics.out("crash-test: \(test.killed) kills, \(test.acknowledged) changes acknowledged, about \(test.compactions) compactions, \(failures.count) failures")
        return failures.isEmpty ? .success : .inputRefused
    }
}

struct CrashTest {
    var rng: SplitMix64
    let compactEvery: Int
    let problem: Problem
    let week = "2026-11-30"
    let dir: URL
    var killed = 0, acknowledged = 0, compactions = 0
    /// Acknowledged new people.
    var people: Set<String> = []
    /// Per attendance key, the hours of every write in the order sent, and how many of them
    /// were acknowledged at least up to which index.
    var attendance: [String: (sent: [Double], lastAcked: Int)] = [:]
    var publishedHard: JSONValue = .null

    init(seed: UInt64, compactEvery: Int) {
        rng = SplitMix64(seed: seed)
        self.compactEvery = compactEvery
        problem = RegionGenerator(people: 60, seed: seed, weekStart: CalendarDay(iso: "2026-11-30")!).generate()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("rota-crash-\(getpid())-\(seed)")
    }

    func start() throws -> DaemonChild { try DaemonChild(dataDir: dir, extraArguments: ["--compact-every", String(compactEvery)]) }

    mutating func run(kills: Int) throws -> [String] {
        try? FileManager.default.removeItem(at: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        var failures: [String] = []
        let dataset = RecordCoding.dataset(Dataset(problem))  // the params of dataset.load
        let first = try start()
        guard first.call("dataset.load", dataset, id: "load")?["result"] != nil,
              first.call("rota.generate", ["weekStart": .string(week), "timeLimitMs": 300, "seed": 1], id: "gen")?["result"] != nil,
              first.call("rota.publish", ["weekStart": .string(week)], id: "pub")?["result"] != nil,
              let verdict = first.call("rota.validate", ["weekStart": .string(week)], id: "val")?["result"] else {
            return ["the daemon did not load, solve and publish the region"]
        }
        publishedHard = verdict["hard"] ?? .null
        _ = first.finish()
        let workers = problem.people.filter { $0.upw != nil }.map(\.id)
        let sessions = problem.placements.flatMap { pl in pl.sessions.map { ($0.id, $0.interval) } }
        var counter = 0
        for round in 0..<kills {
            let child = try start()
            failures += verify(child, round: round)
            if failures.count > 20 { _ = child.finish(); break }
            // Stream changes, several in flight; the kill comes at a random moment.
            let pid = child.process.processIdentifier
            let delay = 0.02 + Double(rng.below(250)) / 1000
            DispatchQueue.global().asyncAfter(deadline: .now() + delay) { kill(pid, SIGKILL) }
            var inFlight: [String: (kind: String, key: String, index: Int)] = [:]
            var alive = true
            while alive {
                while inFlight.count < 8 {
                    counter += 1
                    let id = "c\(counter)"
                    let roll = rng.below(10)
                    let request: JSONValue
                    if roll < 4 {
                        let personId = "NEW-\(counter)"
                        request = ["jsonrpc": "2.0", "id": .string(id), "method": "dataset.upsert",
                                   "params": ["people": [["id": .string(personId), "sex": "M", "home": ["lat": 52.6, "lon": -1.1]]]]]
                        inFlight[id] = ("person", personId, 0)
                    } else if roll < 9 || workers.isEmpty {
                        let person = workers[rng.below(workers.count)], session = sessions[rng.below(sessions.count)].0
                        let key = "\(person)|\(session)"
                        let hours = Double(1 + rng.below(95)) / 4
                        var entry = attendance[key] ?? ([], -1)
                        entry.sent.append(hours)
                        attendance[key] = entry
                        request = ["jsonrpc": "2.0", "id": .string(id), "method": "attendance.record",
                                   "params": ["personId": .string(person), "sessionId": .string(session), "hours": .number(hours)]]
                        inFlight[id] = ("attendance", key, entry.sent.count - 1)
                    } else {
                        let (_, at) = sessions[rng.below(sessions.count)]
                        let person = workers[rng.below(workers.count)]
                        request = ["jsonrpc": "2.0", "id": .string(id), "method": "reschedule.request",
                                   "params": ["weekStart": .string(week), "personId": .string(person), "unavailable": [ProblemEncoder.interval(at)], "apply": true]]
                        inFlight[id] = ("reschedule", person, 0)
                    }
                    if !child.send(request) { alive = false; break }
                }
                guard alive, let line = child.readLine(timeout: 10),
                      let answer = try? JSONParser.parse(line, limits: JSONParseLimits(maxDepth: 64, maxBytes: Int.max)) else { break }
                guard let id = answer["id"]?.stringValue, let what = inFlight.removeValue(forKey: id) else { continue }
                guard answer["result"] != nil else {
                    failures.append("round \(round): \(what.kind) refused: \(JSONWriter.string(answer["error"] ?? .null).prefix(200))")
                    continue
                }
                acknowledged += 1
                switch what.kind {
                case "person": people.insert(what.key)
                case "attendance":
                    if var e = attendance[what.key], what.index > e.lastAcked { e.lastAcked = what.index; attendance[what.key] = e }
                default: break
                }
            }
            child.process.waitUntilExit()
            if child.process.terminationReason == .uncaughtSignal && child.process.terminationStatus == SIGKILL { killed += 1 }
        }
        let last = try start()
        failures += verify(last, round: kills)
        _ = last.finish()
        return failures
    }

    /// Every acknowledged change is there; the published week validates as it did.
    mutating func verify(_ child: DaemonChild, round: Int) -> [String] {
        var failures: [String] = []
        guard let health = child.call("server.health", id: "h-\(round)", timeout: 30)?["result"] else {
            return ["round \(round): the daemon did not start after a kill"]
        }
        _ = health
        let ids = Set(child.call("dataset.get", id: "ids-\(round)")?["result"]?["ids"]?["people"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let lost = people.subtracting(ids)
        if !lost.isEmpty { failures.append("round \(round): acknowledged people lost: \(lost.sorted().prefix(5))") }
        var byPerson: [String: [String: Double]] = [:]
        for (key, e) in attendance where e.lastAcked >= 0 {
            let parts = key.split(separator: "|").map(String.init)
            if byPerson[parts[0]] == nil {
                var m: [String: Double] = [:]
                for r in child.call("attendance.list", ["personId": .string(parts[0])], id: "al-\(round)-\(parts[0])")?["result"]?["records"]?.arrayValue ?? [] {
                    if let s = r["sessionId"]?.stringValue, let h = r["hours"]?.doubleValue { m[s] = h }
                }
                byPerson[parts[0]] = m
            }
            let stored = byPerson[parts[0]]?[parts[1]]
            // The last acknowledged write, or one sent after it (written but not answered).
            let allowed = Set(e.sent[e.lastAcked...])
            if stored.map({ !allowed.contains($0) }) ?? true {
                failures.append("round \(round): attendance \(key) reads \(stored.map { "\($0)" } ?? "nothing"), acknowledged \(e.sent[e.lastAcked])")
            }
        }
        let verdict = child.call("rota.validate", ["weekStart": .string(week)], id: "v-\(round)")?["result"]
        if verdict?["hard"] != publishedHard {
            failures.append("round \(round): the published week breaks \(JSONWriter.string(verdict?["hard"] ?? .null)) rules, it broke \(JSONWriter.string(publishedHard))")
        }
        if FileManager.default.fileExists(atPath: dir.appendingPathComponent("snapshot.json").path) {
            compactions = Int(health["journalSequence"]?.doubleValue ?? 0) / max(1, compactEvery)
        }
        return failures
    }
}
