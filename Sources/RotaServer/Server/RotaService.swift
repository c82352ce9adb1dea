import Dispatch
import Foundation
import RotaEngine
import RotaJSON
import RotaSolver

/// The daemon's logic, without I/O: the region's data, each week's rota, and one handler per
/// method of PROTOCOL.md. Not thread-safe by itself: `Daemon` calls it from one serial queue;
/// only the solve of `rota.generate` runs elsewhere, on a snapshot.
public final class RotaService: @unchecked Sendable {
    public static let version = "0.1.0"

    let store: RotaStore
    let limits: InputLimits
    /// The region's data; its `weekStart` is meaningless (a week is chosen per request).
    private(set) var dataset: Problem
    private(set) var weeks: [CalendarDay: WeekRecord] = [:]
    private var views: [CalendarDay: WeekView] = [:]
    /// Weeks with a generate running, and the id of that request.
    var generating: [CalendarDay: RequestID] = [:]
    let started = Date()
    public private(set) var warnings: [String] = []

    public init(store: RotaStore, limits: InputLimits = .standard) throws(StorageError) {
        self.store = store
        self.limits = limits
        let stored = try store.load()
        dataset = stored.dataset ?? Problem(weekStart: CalendarDay(daysSinceEpoch: 4))
        for w in stored.weeks { weeks[w.weekStart] = w }
        warnings = stored.warnings
    }

    // MARK: Dispatch

    /// Answers one request; throws the error to send instead.
    public func handle(method: String, params: JSONValue) throws(ResponseError) -> JSONValue {
        let actor = try Actor(params: params)
        guard Self.methods.contains(method) else { throw ResponseError(.methodNotFound, "method not found: \(method)") }
        guard actor.mayCall(method) else {
            throw ResponseError(.notPermitted, "a \(actor.role.rawValue) may not call \(method)")
        }
        let p = try Params(params)
        switch method {
        case "dataset.load": return try datasetLoad(params)
        case "dataset.upsert": return try datasetUpsert(p)
        case "dataset.get": return try datasetGet(p)
        case "dataset.remove": return try datasetRemove(p)
        case "rota.get": return try rotaGet(p, actor)
        case "rota.publish": return try rotaPublish(p)
        case "rota.validate": return try rotaValidate(p)
        case "allocation.check": return try allocationCheck(p, actor)
        case "reschedule.request": return try rescheduleRequest(p)
        case "explain": return try explain(p)
        case "attendance.record": return try attendanceRecord(p)
        case "server.health": return health()
        case "server.shutdown": return .obj([("stopping", true)])
        default: throw ResponseError(.internalError, "\(method) is handled by the daemon loop")
        }
    }

    public static let methods: Set<String> = [
        "dataset.load", "dataset.upsert", "dataset.get", "dataset.remove", "rota.generate", "rota.get", "rota.publish",
        "rota.validate", "allocation.check", "reschedule.request", "explain", "attendance.record", "server.health", "server.shutdown",
    ]

    // MARK: Dataset

    func counts(_ p: Problem) -> JSONValue {
        .obj([("people", .int(p.people.count)), ("placements", .int(p.placements.count)),
              ("sessions", .int(p.placements.reduce(0) { $0 + $1.sessions.count })),
              ("programmes", .int(p.programmes.count)), ("groups", .int(p.programmes.reduce(0) { $0 + $1.groups.count })),
              ("interpreters", .int(p.interpreters.count))])
    }

    /// Stores a new dataset (on disk first) and drops every derived view.
    func commit(dataset new: Problem) throws(ResponseError) {
        do { try store.saveDataset(new) } catch { throw ResponseError(.storageFailure, "could not save the dataset: \(error.description)") }
        dataset = new
        views = [:]
    }

    func commit(week: WeekRecord) throws(ResponseError) {
        do { try store.saveWeek(week) } catch { throw ResponseError(.storageFailure, "could not save week \(week.weekStart): \(error.description)") }
        weeks[week.weekStart] = week
        views[week.weekStart] = nil
    }

    func datasetLoad(_ params: JSONValue) throws(ResponseError) -> JSONValue {
        var problem: Problem
        do {
            problem = try ProblemDecoder.decode(params, basePolicy: Policy(), limits: limits, requireWeekStart: false, basePath: "params")
        } catch { throw .invalidParams(error) }
        problem.weekStart = dataset.weekStart
        try commit(dataset: problem)
        return counts(problem)
    }

    func datasetUpsert(_ p: Params) throws(ResponseError) -> JSONValue {
        var merged = dataset
        // Where each merged record came from, to name the request's own fields in errors.
        var origin: [ReferenceCheck.Kind: [Int: String]] = [:]
        func upsert<T>(_ key: String, _ kind: ReferenceCheck.Kind, _ list: inout [T], id: (T) -> String,
                       decode: (FieldReader) throws(InputError) -> T) throws(ResponseError) {
            let items = try p.run { r throws(InputError) in try r.optionalArray(key, maxCount: limits.maxPeople) } ?? []
            var index: [String: Int] = [:]
            for (i, e) in list.enumerated() { index[id(e)] = i }
            var seen = Set<String>()
            for item in items {
                let record = try p.run { _ throws(InputError) in try decode(FieldReader(item.value, path: item.path, limits: limits)) }
                guard seen.insert(id(record)).inserted else {
                    throw .invalidParams(path: item.path + ".id", "\"\(id(record))\" appears twice in this request")
                }
                if let i = index[id(record)] {
                    list[i] = record
                    origin[kind, default: [:]][i] = item.path
                } else {
                    index[id(record)] = list.count
                    origin[kind, default: [:]][list.count] = item.path
                    list.append(record)
                }
            }
        }
        try upsert("people", .people, &merged.people, id: \.id, decode: ProblemDecoder.decodePerson)
        try upsert("placements", .placements, &merged.placements, id: \.id, decode: ProblemDecoder.decodePlacement)
        try upsert("programmes", .programmes, &merged.programmes, id: \.id, decode: ProblemDecoder.decodeProgramme)
        try upsert("interpreters", .interpreters, &merged.interpreters, id: \.id, decode: ProblemDecoder.decodeInterpreter)
        if let policy = try p.run({ r throws(InputError) in try r.nested("policy") }) {
            merged.policy = try p.run { _ throws(InputError) in try ProblemDecoder.decodePolicy(policy, base: merged.policy) }
        }
        do {
            try ReferenceCheck.check(merged) { kind, i in
                origin[kind]?[i] ?? "stored \(kind.rawValue) \"\(Self.recordId(merged, kind, i))\""
            }
        } catch { throw .invalidParams(error) }
        try commit(dataset: merged)
        return counts(merged)
    }

    static func recordId(_ p: Problem, _ kind: ReferenceCheck.Kind, _ i: Int) -> String {
        switch kind {
        case .people: return p.people[i].id
        case .placements: return p.placements[i].id
        case .programmes: return p.programmes[i].id
        case .interpreters: return p.interpreters[i].id
        }
    }

    func datasetGet(_ p: Params) throws(ResponseError) -> JSONValue {
        let asked = (people: try p.ids("people"), placements: try p.ids("placements"),
                     programmes: try p.ids("programmes"), interpreters: try p.ids("interpreters"))
        if asked.people == nil && asked.placements == nil && asked.programmes == nil && asked.interpreters == nil {
            return .obj([
                ("counts", counts(dataset)),
                ("policy", ProblemEncoder.policy(dataset.policy)),
                ("ids", .obj([("people", .strings(dataset.people.map(\.id))), ("placements", .strings(dataset.placements.map(\.id))),
                              ("programmes", .strings(dataset.programmes.map(\.id))), ("interpreters", .strings(dataset.interpreters.map(\.id)))])),
            ])
        }
        var missing: [(String, JSONValue)] = []
        var out: [(String, JSONValue)] = []
        func pick<T>(_ key: String, _ ids: [String]?, _ list: [T], id: (T) -> String, encode: (T) -> JSONValue) {
            guard let ids else { return }
            let index = Dictionary(list.map { (id($0), $0) }, uniquingKeysWith: { a, _ in a })
            out.append((key, .array(ids.compactMap { index[$0].map(encode) })))
            missing.append((key, .strings(ids.filter { index[$0] == nil })))
        }
        pick("people", asked.people, dataset.people, id: \.id, encode: ProblemEncoder.person)
        pick("placements", asked.placements, dataset.placements, id: \.id, encode: ProblemEncoder.placement)
        pick("programmes", asked.programmes, dataset.programmes, id: \.id, encode: ProblemEncoder.programme)
        pick("interpreters", asked.interpreters, dataset.interpreters, id: \.id, encode: ProblemEncoder.interpreter)
        out.append(("missing", .obj(missing)))
        return .obj(out)
    }

    func datasetRemove(_ p: Params) throws(ResponseError) -> JSONValue {
        var next = dataset
        var missing: [(String, JSONValue)] = []
        func drop<T>(_ key: String, _ list: inout [T], id: (T) -> String) throws(ResponseError) {
            guard let ids = try p.ids(key) else { return }
            let set = Set(ids)
            let present = Set(list.map(id))
            list.removeAll { set.contains(id($0)) }
            missing.append((key, .strings(ids.filter { !present.contains($0) })))
        }
        try drop("people", &next.people, id: \.id)
        try drop("placements", &next.placements, id: \.id)
        try drop("programmes", &next.programmes, id: \.id)
        try drop("interpreters", &next.interpreters, id: \.id)
        // A person who has left probation leaves no dangling non-association behind.
        let people = Set(next.people.map(\.id))
        for i in next.people.indices { next.people[i].nonAssociation.removeAll { !people.contains($0) } }
        let programmes = Set(next.programmes.map(\.id))
        let stranded = next.people.filter { $0.programme.map { !programmes.contains($0.programmeId) } ?? false }.map(\.id)
        if !stranded.isEmpty {
            throw ResponseError(.conflict, "people still need the programme being removed: \(stranded.prefix(10).joined(separator: ", "))",
                                data: .obj([("people", .strings(stranded))]))
        }
        try commit(dataset: next)
        return .obj([("counts", counts(next)), ("missing", .obj(missing))])
    }

    // MARK: Weeks

    func problem(for week: CalendarDay) -> Problem {
        var p = dataset
        p.weekStart = week
        return p
    }

    func record(_ week: CalendarDay) throws(ResponseError) -> WeekRecord {
        guard let r = weeks[week] else { throw ResponseError(.notFound, "no rota for week \(week); call rota.generate first") }
        return r
    }

    func view(_ week: CalendarDay) throws(ResponseError) -> WeekView {
        if let v = views[week] { return v }
        let v = WeekView(problem: problem(for: week), rota: try record(week).rota)
        views[week] = v
        return v
    }

    /// Checks `rota.generate` may start; returns the snapshot to solve.
    func prepareGenerate(_ params: JSONValue, id: RequestID) throws(ResponseError) -> (CalendarDay, Problem, SolveOptions) {
        let actor = try Actor(params: params)
        guard actor.mayCall("rota.generate") else { throw ResponseError(.notPermitted, "a \(actor.role.rawValue) may not call rota.generate") }
        let p = try Params(params)
        let week = try p.weekStart()
        var options = SolveOptions()
        if let ms = try p.run({ r throws(InputError) in try r.optionalInteger("timeLimitMs", min: 0, max: 3_600_000) }) {
            options.timeLimitSeconds = Double(ms) / 1000
        }
        if let seed = try p.run({ r throws(InputError) in try r.optionalInteger("seed", min: 0, max: Int(Int32.max)) }) {
            options.seed = UInt64(seed)
        }
        if weeks[week]?.published == true {
            throw ResponseError(.conflict, "week \(week) is published; change it through reschedule.request")
        }
        if generating[week] != nil {
            throw ResponseError(.conflict, "a rota.generate for week \(week) is already running; cancel it with $/cancelRequest or wait")
        }
        generating[week] = id
        return (week, problem(for: week), options)
    }

    /// Stores a finished generate (unless the week was published meanwhile).
    func finishGenerate(week: CalendarDay, rota: Rota) throws(ResponseError) -> JSONValue {
        generating[week] = nil
        if weeks[week]?.published == true { throw ResponseError(.conflict, "week \(week) was published while the rota was being generated") }
        try commit(week: WeekRecord(weekStart: week, rota: rota))
        return RotaEncoder.encode(rota)
    }

    func rotaGet(_ p: Params, _ actor: Actor) throws(ResponseError) -> JSONValue {
        let week = try p.weekStart()
        let r = try record(week)
        if actor.role == .provider { return try ProviderView.rota(r, view(week), provider: actor.id) }
        var json = RotaEncoder.encode(r.rota)
        if case .object(var o) = json {
            o["published"] = .bool(r.published)
            o["changes"] = .array(r.changes.map(FileStore.encode))
            json = .object(o)
        }
        return json
    }

    func rotaPublish(_ p: Params) throws(ResponseError) -> JSONValue {
        let week = try p.weekStart()
        var r = try record(week)
        if generating[week] != nil { throw ResponseError(.conflict, "a rota.generate for week \(week) is running; wait for it or cancel it") }
        if !r.published {
            r.published = true
            try commit(week: r)
        }
        return try rotaGet(p, .scheduler)
    }

    func rotaValidate(_ p: Params) throws(ResponseError) -> JSONValue {
        let week = try p.weekStart()
        if let given = try p.run({ r throws(InputError) in r.value("rota") }) {
            let rota = try p.run { _ throws(InputError) in try RotaDecoder.decode(given, limits: limits, basePath: "params.rota") }
            let report = Scorer.score(rota, in: Region(problem(for: week)))
            return report.json(reportedScoreMatches: report.matches(rota.score))
        }
        let v = try view(week)
        return v.report.json(reportedScoreMatches: v.report.matches(try record(week).rota.score))
    }

    func allocationCheck(_ p: Params, _ actor: Actor) throws(ResponseError) -> JSONValue {
        let week = try p.weekStart()
        let placementId = try p.string("placementId")
        guard let pl = dataset.placements.first(where: { $0.id == placementId }) else {
            throw ResponseError(.notFound, "no placement \"\(placementId)\"")
        }
        if actor.role == .provider && pl.provider != actor.id {
            throw ResponseError(.notPermitted, "placement \(placementId) belongs to another provider")
        }
        return ProviderView.allocation(placementId: placementId, view: try view(week), full: actor.role != .provider)
    }

    // MARK: People

    func personIndex(_ id: String, path: String) throws(ResponseError) -> Int {
        guard let i = dataset.people.firstIndex(where: { $0.id == id }) else { throw ResponseError(.notFound, "no person \"\(id)\"", data: .obj([("path", .string(path))])) }
        return i
    }

    func attendanceRecord(_ p: Params) throws(ResponseError) -> JSONValue {
        let pid = try p.string("personId")
        let sid = try p.string("sessionId")
        let hours = try p.run { r throws(InputError) in try r.number("hours", min: 0, max: 24) }
        let i = try personIndex(pid, path: "params.personId")
        guard dataset.placements.contains(where: { $0.sessions.contains { $0.id == sid } }) else {
            throw ResponseError(.notFound, "no placement session \"\(sid)\"", data: .obj([("path", "params.sessionId")]))
        }
        guard dataset.people[i].upw != nil else { throw ResponseError(.conflict, "\(pid) has no unpaid-work order to credit") }
        var next = dataset
        next.people[i].upw!.hoursCompleted += hours
        try commit(dataset: next)
        let order = next.people[i].upw!
        return .obj([("personId", .string(pid)), ("hoursCompleted", .number(order.hoursCompleted)),
                     ("hoursRemaining", .number(order.remainingHours))])
    }

    func health() -> JSONValue {
        .obj([("version", .string(Self.version)), ("counts", counts(dataset)),
              ("weeks", .strings(weeks.keys.sorted().map(\.description))),
              ("published", .strings(weeks.values.filter(\.published).map(\.weekStart.description).sorted())),
              ("generating", .strings(generating.keys.sorted().map(\.description))),
              ("dataFolder", .string(store.location)), ("uptimeSeconds", .number((Date().timeIntervalSince(started) * 1000).rounded() / 1000))])
    }
}
