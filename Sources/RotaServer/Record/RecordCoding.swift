import RotaEngine
import RotaJSON

/// The JSON of the region's record on disk: journal entries and the snapshot (docs/STORAGE.md).
/// Records reuse the problem document's own encoders and decoders, so what is stored reads
/// back through the same checks as what a client sends.
enum RecordCoding {
    // MARK: Encoding

    static func encode(_ e: JournalEntry) -> JSONValue {
        .obj([("seq", .number(Double(e.sequence))), ("at", .string(e.at)), ("actor", actor(e.actor)), ("change", change(e.change))])
    }

    static func actor(_ a: Actor) -> JSONValue { .obj([("role", .string(a.role.rawValue)), ("id", .string(a.id))]) }

    static func dataset(_ d: Dataset) -> JSONValue {
        .obj([("policy", ProblemEncoder.policy(d.policy)), ("people", .array(d.people.map(ProblemEncoder.person))),
              ("placements", .array(d.placements.map(ProblemEncoder.placement))),
              ("programmes", .array(d.programmes.map(ProblemEncoder.programme))),
              ("interpreters", .array(d.interpreters.map(ProblemEncoder.interpreter)))])
    }

    static func week(_ w: WeekRecord) -> JSONValue {
        .obj([("weekStart", .string(w.weekStart.description)), ("published", .bool(w.published)),
              ("rota", RotaEncoder.encode(w.rota)), ("changes", .array(w.changes.map(rotaChange)))])
    }

    static func rotaChange(_ c: RotaChange) -> JSONValue {
        .obj([("at", .string(c.at)), ("personId", .string(c.personId)), ("added", .strings(c.added)),
              ("removed", .strings(c.removed)), ("note", .string(c.note)), ("actor", actor(c.actor))])
    }

    static func attendance(_ r: AttendanceRecord) -> JSONValue {
        .obj([("personId", .string(r.personId)), ("sessionId", .string(r.sessionId)), ("day", .string(r.day.description)),
              ("hours", .number(r.hours)), ("status", .string(r.status.rawValue)), ("recordedBy", actor(r.recordedBy)), ("at", .string(r.at))])
    }

    static func change(_ c: RecordChange) -> JSONValue {
        switch c {
        case .datasetLoaded(let d, let weeks):
            return .obj([("kind", "datasetLoaded"), ("dataset", dataset(d)), ("weeks", .array(weeks.map(week)))])
        case .datasetUpserted(let u, let weeks):
            var m: [(String, JSONValue)] = [("kind", "datasetUpserted"), ("people", .array(u.people.map(ProblemEncoder.person))),
                                            ("placements", .array(u.placements.map(ProblemEncoder.placement))),
                                            ("programmes", .array(u.programmes.map(ProblemEncoder.programme))),
                                            ("interpreters", .array(u.interpreters.map(ProblemEncoder.interpreter)))]
            if let p = u.policy { m.append(("policy", ProblemEncoder.policy(p))) }
            m.append(("weeks", .array(weeks.map(week))))
            return .obj(m)
        case .datasetRemoved(let r, let weeks):
            return .obj([("kind", "datasetRemoved"), ("people", .strings(r.people)), ("placements", .strings(r.placements)),
                         ("programmes", .strings(r.programmes)), ("interpreters", .strings(r.interpreters)), ("weeks", .array(weeks.map(week)))])
        case .attendanceRecorded(let a):
            // Who recorded it and when are the entry's own `actor` and `at`.
            return .obj([("kind", "attendanceRecorded"), ("personId", .string(a.personId)), ("sessionId", .string(a.sessionId)),
                         ("day", .string(a.day.description)), ("hours", .number(a.hours)), ("status", .string(a.status.rawValue))])
        case .rotaStored(let w):
            return .obj([("kind", "rotaStored"), ("week", week(w))])
        case .published(let d):
            return .obj([("kind", "published"), ("weekStart", .string(d.description))])
        case .rescheduled(let personId, let unavailable, let w):
            return .obj([("kind", "rescheduled"), ("personId", .string(personId)), ("unavailable", ProblemEncoder.intervals(unavailable)), ("week", week(w))])
        }
    }

    // MARK: Decoding (of what this program wrote: a failure means damage)

    static func entry(_ json: JSONValue) throws(InputError) -> JournalEntry {
        let r = try FieldReader(json, path: "")
        let seq = try r.number("seq", min: 1)
        guard let c = try r.nested("change") else { throw r.missing("change") }
        let at = try r.string("at"), who = try actor(r.nested("actor"))
        return JournalEntry(sequence: UInt64(exactly: seq) ?? 0, at: at, actor: who, change: try change(c, actor: who, at: at))
    }

    static func actor(_ r: FieldReader?) throws(InputError) -> Actor {
        guard let r else { return .scheduler }
        let role = try r.enumeration("role", "scheduler, provider, officer", default: .scheduler) { Actor.Role(rawValue: $0) }
        return Actor(role: role, id: try r.optionalString("id") ?? "")
    }

    static func dataset(_ json: JSONValue, path: String) throws(InputError) -> Dataset {
        Dataset(try ProblemDecoder.decode(json, limits: storedLimits, requireWeekStart: false, basePath: path))
    }

    static func week(_ r: FieldReader) throws(InputError) -> WeekRecord {
        let rota = try RotaDecoder.decode(r.value("rota") ?? .null, limits: storedLimits, basePath: r.childPath("rota"))
        var changes: [RotaChange] = []
        for item in try r.optionalArray("changes", maxCount: Int.max) ?? [] {
            let c = try FieldReader(item.value, path: item.path)
            changes.append(RotaChange(at: try c.string("at"), personId: try c.string("personId"), added: try c.optionalStrings("added", maxCount: Int.max) ?? [],
                                      removed: try c.optionalStrings("removed", maxCount: Int.max) ?? [], note: try c.optionalString("note") ?? "",
                                      actor: try actor(c.nested("actor"))))
        }
        return WeekRecord(weekStart: try r.day("weekStart"), rota: rota, published: try r.bool("published", default: false), changes: changes)
    }

    static func weeks(_ r: FieldReader, _ key: String) throws(InputError) -> [WeekRecord] {
        var out: [WeekRecord] = []
        for item in try r.optionalArray(key, maxCount: Int.max) ?? [] { out.append(try week(FieldReader(item.value, path: item.path))) }
        return out
    }

    static func attendance(_ r: FieldReader) throws(InputError) -> AttendanceRecord {
        AttendanceRecord(personId: try r.string("personId"), sessionId: try r.string("sessionId"), day: try r.day("day"),
                         hours: try r.number("hours", min: 0), status: try r.enumeration("status", "attended, absent", default: .attended) { AttendanceRecord.Status(rawValue: $0) },
                         recordedBy: try actor(r.nested("recordedBy")), at: try r.optionalString("at") ?? "")
    }

    static func change(_ r: FieldReader, actor: Actor, at: String) throws(InputError) -> RecordChange {
        let kind = try r.string("kind")
        func list<T>(_ key: String, _ decode: (FieldReader) throws(InputError) -> T) throws(InputError) -> [T] {
            var out: [T] = []
            for item in try r.optionalArray(key, maxCount: Int.max) ?? [] { out.append(try decode(FieldReader(item.value, path: item.path, limits: storedLimits))) }
            return out
        }
        switch kind {
        case "datasetLoaded":
            return .datasetLoaded(try dataset(r.value("dataset") ?? .null, path: r.childPath("dataset")), weeks: try weeks(r, "weeks"))
        case "datasetUpserted":
            var u = DatasetUpsert()
            u.people = try list("people", ProblemDecoder.decodePerson)
            u.placements = try list("placements", ProblemDecoder.decodePlacement)
            u.programmes = try list("programmes", ProblemDecoder.decodeProgramme)
            u.interpreters = try list("interpreters", ProblemDecoder.decodeInterpreter)
            if let p = try r.nested("policy") { u.policy = try ProblemDecoder.decodePolicy(p, base: Policy()) }
            return .datasetUpserted(u, weeks: try weeks(r, "weeks"))
        case "datasetRemoved":
            var d = DatasetRemoval()
            d.people = try r.optionalStrings("people", maxCount: Int.max) ?? []
            d.placements = try r.optionalStrings("placements", maxCount: Int.max) ?? []
            d.programmes = try r.optionalStrings("programmes", maxCount: Int.max) ?? []
            d.interpreters = try r.optionalStrings("interpreters", maxCount: Int.max) ?? []
            return .datasetRemoved(d, weeks: try weeks(r, "weeks"))
        case "attendanceRecorded":
            return .attendanceRecorded(AttendanceRecord(
                personId: try r.string("personId"), sessionId: try r.string("sessionId"), day: try r.day("day"), hours: try r.number("hours", min: 0),
                status: try r.enumeration("status", "attended, absent", default: .attended) { AttendanceRecord.Status(rawValue: $0) },
                recordedBy: actor, at: at))
        case "rotaStored":
            guard let w = try r.nested("week") else { throw r.missing("week") }
            return .rotaStored(try week(w))
        case "published":
            return .published(try r.day("weekStart"))
        case "rescheduled":
            guard let w = try r.nested("week") else { throw r.missing("week") }
            return .rescheduled(personId: try r.string("personId"), unavailable: try r.optionalIntervals("unavailable") ?? [], week: try week(w))
        default:
            throw InputError(path: r.childPath("kind"), reason: "unknown change \"\(kind)\"")
        }
    }

    /// Stored data passed the request limits when it came in; reading it back is not limited
    /// again except against absurd sizes, so a region that grew over the years always loads.
    static let storedLimits: InputLimits = {
        var l = InputLimits()
        l.maxPeople = 10_000_000
        l.maxPlacements = 10_000_000
        l.maxProgrammes = 10_000_000
        l.maxInterpreters = 10_000_000
        l.maxRotaEntries = 100_000_000
        return l
    }()
}
