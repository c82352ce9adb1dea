import RotaEngine
import RotaJSON

/// `dataset.load`: a problem document without `weekStart` replaces the standing data.
enum DatasetLoadMethod: RotaMethod {
    static let name = "dataset.load"
    static let roles: Set<Actor.Role> = []
    struct Input { var dataset: Dataset; var force: Bool }

    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> Input {
        try params.run { r throws(InputError) in
            var document = r.object
            document["actor"] = nil
            document["force"] = nil
            let problem = try ProblemDecoder.decode(.object(document), basePolicy: Policy(), limits: r.limits, requireWeekStart: false, basePath: "params")
            return Input(dataset: Dataset(problem), force: try r.bool("force", default: false))
        }
    }

    static func run(_ input: Input, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue {
        let weeks = try service.protectPublishedWeeks(after: input.dataset, force: input.force, actor: actor)
        try service.commit(.datasetLoaded(input.dataset, weeks: weeks), by: actor)
        return service.counts()
    }
}

/// `dataset.upsert`: records replace those with the same id, others are added. References are
/// checked on the merged data, and errors name the request's own field.
enum DatasetUpsertMethod: RotaMethod {
    static let name = "dataset.upsert"
    static let roles: Set<Actor.Role> = []
    struct Input {
        var upsert = DatasetUpsert()
        /// The request path of each record, by kind and id.
        var origin: [ReferenceCheck.Kind: [String: String]] = [:]
        /// The policy's fields, which override the stored policy field by field.
        var policy: FieldReader?
        var force = false
    }

    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> Input {
        var input = Input()
        func records<T>(_ key: String, _ kind: ReferenceCheck.Kind, id: (T) -> String,
                        _ decode: (FieldReader) throws(InputError) -> T) throws(ResponseError) -> [T] {
            let items = try params.run { r throws(InputError) in try r.optionalArray(key, maxCount: r.limits.maxPeople) } ?? []
            var out: [T] = []
            for item in items {
                let record = try params.run { r throws(InputError) in try decode(FieldReader(item.value, path: item.path, limits: r.limits)) }
                guard input.origin[kind, default: [:]].updateValue(item.path, forKey: id(record)) == nil else {
                    throw .invalidParams(path: item.path + ".id", "\"\(id(record))\" appears twice in this request")
                }
                out.append(record)
            }
            return out
        }
        input.upsert.people = try records("people", .people, id: \.id, ProblemDecoder.decodePerson)
        input.upsert.placements = try records("placements", .placements, id: \.id, ProblemDecoder.decodePlacement)
        input.upsert.programmes = try records("programmes", .programmes, id: \.id, ProblemDecoder.decodeProgramme)
        input.upsert.interpreters = try records("interpreters", .interpreters, id: \.id, ProblemDecoder.decodeInterpreter)
        input.policy = try params.run { r throws(InputError) in try r.nested("policy") }
        if let policy = input.policy {
            _ = try params.run { _ throws(InputError) in try ProblemDecoder.decodePolicy(policy, base: Policy()) }  // refuse bad fields before any state is read
        }
        input.force = try params.run { r throws(InputError) in try r.bool("force", default: false) }
        return input
    }

    static func run(_ input: Input, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue {
        var upsert = input.upsert
        if let policy = input.policy {
            do { upsert.policy = try ProblemDecoder.decodePolicy(policy, base: service.dataset.policy) } catch { throw .invalidParams(error) }
        }
        do {
            try service.record.index.check(upsert) { kind, id in input.origin[kind]?[id] ?? "params.\(kind.rawValue)" }
        } catch { throw .invalidParams(error) }
        // Only a change of placements or programmes can break a published week.
        var weeks: [WeekRecord] = []
        if !upsert.placements.isEmpty || !upsert.programmes.isEmpty {
            var trial = service.record
            trial.apply(.datasetUpserted(upsert, weeks: []))
            weeks = try service.protectPublishedWeeks(after: trial.dataset, force: input.force, actor: actor)
        }
        try service.commit(.datasetUpserted(upsert, weeks: weeks), by: actor)
        return service.counts()
    }
}

/// `dataset.get`: records by id with defaults applied, and `missing`; without params, counts,
/// policy and every id.
enum DatasetGetMethod: RotaMethod {
    static let name = "dataset.get"
    static let roles: Set<Actor.Role> = [.officer]
    struct Input { var people, placements, programmes, interpreters: [String]? }

    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> Input {
        Input(people: try params.ids("people"), placements: try params.ids("placements"),
              programmes: try params.ids("programmes"), interpreters: try params.ids("interpreters"))
    }

    static func run(_ input: Input, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue {
        let d = service.dataset, index = service.record.index
        if input.people == nil && input.placements == nil && input.programmes == nil && input.interpreters == nil {
            return .obj([
                ("counts", service.counts()),
                ("policy", ProblemEncoder.policy(d.policy)),
                ("ids", .obj([("people", .strings(d.people.map(\.id))), ("placements", .strings(d.placements.map(\.id))),
                              ("programmes", .strings(d.programmes.map(\.id))), ("interpreters", .strings(d.interpreters.map(\.id)))])),
            ])
        }
        var missing: [(String, JSONValue)] = []
        var out: [(String, JSONValue)] = []
        func pick<T>(_ key: String, _ ids: [String]?, _ list: [T], _ positions: [String: Int], encode: (T) -> JSONValue) {
            guard let ids else { return }
            out.append((key, .array(ids.compactMap { positions[$0].map { encode(list[$0]) } })))
            missing.append((key, .strings(ids.filter { positions[$0] == nil })))
        }
        pick("people", input.people, d.people, index.people, encode: ProblemEncoder.person)
        pick("placements", input.placements, d.placements, index.placements, encode: ProblemEncoder.placement)
        pick("programmes", input.programmes, d.programmes, index.programmes, encode: ProblemEncoder.programme)
        pick("interpreters", input.interpreters, d.interpreters, index.interpreters, encode: ProblemEncoder.interpreter)
        out.append(("missing", .obj(missing)))
        return .obj(out)
    }
}

/// `dataset.remove`: ids per kind. Removed people leave others' `nonAssociation`; removing a
/// programme people still need is a conflict.
enum DatasetRemoveMethod: RotaMethod {
    static let name = "dataset.remove"
    static let roles: Set<Actor.Role> = []
    struct Input { var removal = DatasetRemoval(); var asked: [(String, [String])] = []; var force = false }

    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> Input {
        var input = Input()
        input.removal.people = try params.ids("people") ?? []
        input.removal.placements = try params.ids("placements") ?? []
        input.removal.programmes = try params.ids("programmes") ?? []
        input.removal.interpreters = try params.ids("interpreters") ?? []
        for key in ["people", "placements", "programmes", "interpreters"] { if let ids = try params.ids(key) { input.asked.append((key, ids)) } }
        input.force = try params.run { r throws(InputError) in try r.bool("force", default: false) }
        return input
    }

    static func run(_ input: Input, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue {
        var trial = service.record
        trial.apply(.datasetRemoved(input.removal, weeks: []))
        let next = trial.dataset
        let programmes = Set(next.programmes.map(\.id))
        let stranded = next.people.filter { $0.programme.map { !programmes.contains($0.programmeId) } ?? false }.map(\.id)
        if !stranded.isEmpty {
            throw ResponseError(.conflict, "people still need the programme being removed: \(stranded.prefix(10).joined(separator: ", "))",
                                data: .obj([("people", .strings(stranded))]))
        }
        let weeks = try service.protectPublishedWeeks(after: next, force: input.force, actor: actor)
        let index = service.record.index
        let missing: [(String, JSONValue)] = input.asked.map { key, ids in
            let known: [String: Int]
            switch key {
            case "people": known = index.people
            case "placements": known = index.placements
            case "programmes": known = index.programmes
            default: known = index.interpreters
            }
            return (key, .strings(ids.filter { known[$0] == nil }))
        }
        try service.commit(.datasetRemoved(input.removal, weeks: weeks), by: actor)
        return .obj([("counts", service.counts()), ("missing", .obj(missing))])
    }
}

extension RotaService {
    /// The published weeks a dataset change leaves, or the refusal: without `force`, a change
    /// that breaks a published week is a conflict naming the weeks and the people affected.
    func protectPublishedWeeks(after: Dataset, force: Bool, actor: Actor) throws(ResponseError) -> [WeekRecord] {
        let impacts = PublishedWeekGuard.impact(of: after, before: dataset, weeks: record.weeks)
        guard !impacts.isEmpty else { return [] }
        guard force else {
            let text = impacts.map { "week \($0.week) (\($0.people.prefix(10).joined(separator: ", ")))" }.joined(separator: "; ")
            throw ResponseError(.conflict, "the change would break published \(impacts.count == 1 ? "week" : "weeks") \(text); reschedule first, or send \"force\": true to record it in the week's changes",
                                data: .obj([("weeks", .array(impacts.map { i in
                                    .obj([("weekStart", .string(i.week.description)), ("people", .strings(i.people)),
                                          ("entries", .array(i.entries.map { .obj([("personId", .string($0.personId)), ("sessionId", .string($0.sessionId)), ("why", .string($0.why))]) }))])
                                }))]))
        }
        return PublishedWeekGuard.forced(impacts, weeks: record.weeks, actor: actor, at: Self.timestamp())
    }
}
