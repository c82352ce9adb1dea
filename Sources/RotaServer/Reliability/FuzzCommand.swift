import Foundation
import RotaEngine
import RotaGenerator
import RotaJSON
import RotaSolver

/// `rota fuzz [--cases N] [--seed S]`: seeded mutations of valid documents and requests.
///
/// Half the cases go to the decoders in-process (a problem document through `ProblemDecoder`,
/// and when it is accepted a short solve and the exact score; a request line through
/// `Envelope.decode`); half go to a running `rota serve`. For the daemon every line must be
/// answered (or, a notification, not), each answer a well-formed JSON-RPC response under the
/// id that was sent, and a refused request must leave the stored data exactly as it was (read
/// back after every case). A crash, a hang or a broken promise ends the run with exit 1 and
/// the line that did it.
enum FuzzCommand {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        let cases = try args.int("--cases", range: 1...100_000_000) ?? 2_000
        let seed = try args.int("--seed", range: 0...Int(Int32.max)) ?? 1
        try args.finish()
        var fuzz = Fuzz(seed: UInt64(seed))
        let started = Date()
        let documents = fuzz.documents(cases / 2)
        Diagnostics.out(String(format: "in-process: %d documents, %d accepted and solved, %d request lines decoded (%.1f s)",
                               documents.decoded, documents.accepted, documents.envelopes, Date().timeIntervalSince(started)))
        let daemonStarted = Date()
        let daemon = try fuzz.daemon(cases - cases / 2)
        Diagnostics.out(String(format: "daemon: %d lines sent, %d answered (%d refused, data unchanged each time), %d notifications; peak memory %.0f MiB (%.1f s)",
                               daemon.sent, daemon.answered, daemon.refused, daemon.unanswered, daemon.peakMiB, Date().timeIntervalSince(daemonStarted)))
        for f in daemon.failures.prefix(20) { Diagnostics.error("fuzz failure: \(f)") }
        Diagnostics.out("fuzz: \(cases) cases, seed \(seed), \(daemon.failures.count) failures")
        return daemon.failures.isEmpty ? .success : .inputRefused
    }
}

struct Fuzz {
    var mutator: Mutator
    let seed: UInt64
    let problem: Problem
    let week = "2026-11-30"

    init(seed: UInt64) {
        self.seed = seed
        mutator = Mutator(seed: seed)
        problem = RegionGenerator(people: 40, seed: seed, weekStart: CalendarDay(iso: "2026-11-30")!).generate()
    }

    var document: JSONValue { ProblemEncoder.encode(problem) }

    /// Mutated problem documents and request lines, decoded in this process.
    mutating func documents(_ count: Int) -> (decoded: Int, accepted: Int, envelopes: Int) {
        let doc = document
        let requests = seedRequests()
        var accepted = 0, envelopes = 0
        for i in 0..<count {
            if i % 2 == 0 {
                let (_, line) = mutator.mutate(doc)
                guard let json = try? JSONParser.parse(line, limits: InputLimits.standard.parse),
                      let p = (try? ProblemDecoder.decode(json)).map({ $0.document(forWeek: $0.weekStart) }) else { continue }
                accepted += 1
                var options = SolveOptions()
                options.threads = 1
                options.maxMoves = 3_000
                options.timeLimitSeconds = 0.3
                options.boundSeconds = 0.02
                let result = Solver.solve(p, options: options)
                _ = Scorer.score(result.rota, in: Region(p))
            } else {
                let (_, line) = mutator.mutate(requests[mutator.rng.below(requests.count)])
                _ = Envelope.decode(line)
                envelopes += 1
            }
        }
        return ((count + 1) / 2, accepted, envelopes)
    }

    /// A valid request of every method that does not run long, about records that exist.
    func seedRequests() -> [JSONValue] {
        let people = problem.people.map(\.id), placements = problem.placements.map(\.id)
        let sessions = problem.placements.flatMap { $0.sessions.map(\.id) }
        func req(_ id: Int, _ method: String, _ params: JSONValue) -> JSONValue {
            .obj([("jsonrpc", "2.0"), ("id", .int(id)), ("method", .string(method)), ("params", params)])
        }
        let p0 = JSONValue.string(people[0]), p1 = JSONValue.string(people[1])
        let person = ProblemEncoder.person(problem.people[2])
        return [
            req(1, "dataset.get", ["people": [p0, p1], "placements": [.string(placements[0])]]),
            req(2, "dataset.upsert", ["people": [person], "policy": ["maxTravelKm": 30, "weights": ["travelKm": 2]]]),
            req(3, "dataset.remove", ["interpreters": ["NOBODY"]]),
            req(4, "rota.get", ["weekStart": .string(week)]),
            req(5, "rota.validate", ["weekStart": .string(week)]),
            req(6, "allocation.check", ["weekStart": .string(week), "placementId": .string(placements[0]),
                                        "actor": ["role": "provider", "id": .string(problem.placements[0].provider)]]),
            req(7, "reschedule.request", ["weekStart": .string(week), "personId": p0,
                                          "unavailable": [["day": "2026-12-05", "start": "08:00", "end": "18:00"]], "dropSessionIds": []]),
            req(8, "explain", ["weekStart": .string(week), "personId": p1, "actor": ["role": "officer", "id": "PO-1"]]),
            req(9, "attendance.record", ["personId": p0, "sessionId": .string(sessions[0]), "hours": 3.5]),
            req(10, "server.health", [:]),
            .obj([("jsonrpc", "2.0"), ("method", "dataset.get"), ("params", ["people": [p0]])]),
        ]
    }

    struct DaemonOutcome {
        var sent = 0, answered = 0, refused = 0, unanswered = 0
        var peakMiB = 0.0
        var failures: [String] = []
    }

    /// Mutated requests sent to a running daemon, each followed by a read-back of the data.
    mutating func daemon(_ count: Int) throws -> DaemonOutcome {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rota-fuzz-\(getpid())-\(seed)")
        try? FileManager.default.removeItem(at: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let child = try DaemonChild(dataDir: dir)
        var out = DaemonOutcome()
        let dataset = RecordCoding.dataset(Dataset(problem))  // the params of dataset.load
        let requests = seedRequests()
        func reset() -> Bool {
            child.call("dataset.load", dataset, id: "reset-load")?["result"] != nil
                && child.call("rota.generate", ["weekStart": .string(week), "timeLimitMs": 200, "seed": 1], id: "reset-generate")?["result"] != nil
        }
        guard reset() else {
            out.failures.append("the daemon did not load the base region")
            _ = child.finish()
            return out
        }
        var state = fingerprint(child, tag: "start")
        for i in 0..<count {
            if i > 0 && i % 500 == 0 {
                guard reset() else { out.failures.append("the daemon stopped answering at case \(i)"); break }
                state = fingerprint(child, tag: "reset-\(i)")
            }
            let (kind, line) = mutator.mutate(requests[mutator.rng.below(requests.count)])
            let expected = Envelope.decode(line)
            out.sent += 1
            guard child.send(line) else { out.failures.append("case \(i) (\(kind)): the daemon is gone after \(String(decoding: line.prefix(300), as: UTF8.self))"); break }
            // Whatever arrives before the read-back's answers is the answer to the line.
            let probe = "probe-\(i)"
            guard child.send(.obj([("jsonrpc", "2.0"), ("id", .string(probe)), ("method", "server.health")])) else {
                out.failures.append("case \(i) (\(kind)): the daemon is gone"); break
            }
            var answers: [JSONValue] = []
            var gone = false
            while true {
                guard let l = child.readLine(timeout: 60) else { gone = true; break }
                guard let v = try? JSONParser.parse(l, limits: JSONParseLimits(maxDepth: 64, maxBytes: Int.max)) else {
                    out.failures.append("case \(i): an answer that is not JSON: \(String(decoding: l.prefix(200), as: UTF8.self))")
                    continue
                }
                if v["id"] == .string(probe) { break }
                if v["id"] == nil && v["method"] != nil { continue }  // progress notification
                answers.append(v)
            }
            if gone {
                out.failures.append("case \(i) (\(kind)): no answer in 60 s or the daemon died, after \(String(decoding: line.prefix(300), as: UTF8.self))")
                break
            }
            let text = String(decoding: line.prefix(300), as: UTF8.self)
            // A blank line is a keep-alive; a notification is never answered; anything else is.
            let expectedId: JSONValue?
            switch expected {
            case _ where line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }): expectedId = Optional.none
            case .request(let id, _, _): expectedId = id.json
            case .invalid(let id, _): expectedId = id?.json ?? .null
            case .notification: expectedId = Optional.none
            }
            guard let expectedId else {
                if !answers.isEmpty { out.failures.append("case \(i) (\(kind)): a notification was answered: \(text)") }
                out.unanswered += 1
                state = fingerprint(child, tag: "\(i)")
                continue
            }
            guard answers.count == 1, let a = answers.first else {
                out.failures.append("case \(i) (\(kind)): \(answers.count) answers to \(text)")
                continue
            }
            out.answered += 1
            if let problem = wellFormed(a, id: expectedId) { out.failures.append("case \(i) (\(kind)): \(problem): \(text)") }
            let after = fingerprint(child, tag: "\(i)")
            if a["error"] != nil {
                out.refused += 1
                if after != state { out.failures.append("case \(i) (\(kind)): a refused request changed the stored data: \(text)") }
            }
            state = after
        }
        out.peakMiB = child.peakMemoryMiB ?? 0
        let status = child.finish()
        if status != 0 { out.failures.append("the daemon exited with \(status) at the end") }
        return out
    }

    /// Everything the daemon stores, read back through the protocol (the stored records of
    /// every kind, each week's rota with its changes).
    func fingerprint(_ child: DaemonChild, tag: String) -> String {
        let all = child.call("dataset.get", id: "fp-ids-\(tag)")?["result"] ?? .null
        var params: [(String, JSONValue)] = []
        for kind in ["people", "placements", "programmes", "interpreters"] { params.append((kind, all["ids"]?[kind] ?? [])) }
        let records = child.call("dataset.get", .obj(params), id: "fp-records-\(tag)")?["result"] ?? .null
        let rota = child.call("rota.get", ["weekStart": .string(week)], id: "fp-rota-\(tag)")?["result"] ?? .null
        return JSONWriter.string(.array([all, records, rota]))
    }

    /// Why an answer is not a well-formed JSON-RPC 2.0 response to `id`, or nil.
    func wellFormed(_ a: JSONValue, id: JSONValue) -> String? {
        guard a["jsonrpc"] == "2.0" else { return "no jsonrpc 2.0" }
        guard a["id"] == id else { return "answered under id \(JSONWriter.string(a["id"] ?? .null)), sent \(JSONWriter.string(id))" }
        switch (a["result"], a["error"]) {
        case (_?, nil): return nil
        case (nil, let e?):
            guard let code = e["code"]?.doubleValue, code == code.rounded(), e["message"]?.stringValue != nil else { return "a malformed error" }
            return nil
        default: return "neither or both of result and error"
        }
    }
}
