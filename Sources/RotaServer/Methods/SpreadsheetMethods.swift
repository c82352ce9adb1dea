import RotaEngine
import RotaJSON
import RotaSheets

/// The CSV files of a request: `{ "people.csv": "…", … }`.
private func csvFiles(_ params: Params) throws(ResponseError) -> [(name: String, text: String)] {
    try params.run { r throws(InputError) in
        guard let files = try r.nested("files") else { throw r.missing("files") }
        var out: [(String, String)] = []
        for m in files.object.members {
            guard case .string(let text) = m.value else { throw InputError(path: files.childPath(m.key), reason: "expected the file's text as a string, got \(m.value.typeName)") }
            out.append((m.key, text))
        }
        if out.isEmpty { throw InputError(path: r.childPath("files"), reason: "no file given") }
        return out
    }
}

/// `{ "files": { name: text } }`.
private func filesAnswer(_ files: [(name: String, text: String)]) -> JSONValue {
    .obj([("files", .obj(files.map { ($0.name, .string($0.text)) }))])
}

/// `dataset.import`: CSV files (docs/CSV.md) merged into the dataset as `dataset.upsert` merges
/// records. Errors are `-32602` with `data.path` naming the file, the row and the column. A
/// nested file left out (availability, sessions, …) leaves the stored lists as they are, and its
/// rows may name stored records the import does not repeat.
enum DatasetImportMethod: RotaMethod {
    static let name = "dataset.import"
    static let roles: Set<Actor.Role> = []
    struct Input { var files: [(name: String, text: String)]; var force: Bool }

    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> Input {
        Input(files: try csvFiles(params), force: try params.run { r throws(InputError) in try r.bool("force", default: false) })
    }

    static func run(_ input: Input, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue {
        let dataset = service.dataset, index = service.record.index
        let imported: SheetImport
        do {
            imported = try SheetImport.read(files: input.files) { kind, id in
                switch kind {
                case "people": return index.people[id].map { ProblemEncoder.person(dataset.people[$0]) }
                case "placements": return index.placements[id].map { ProblemEncoder.placement(dataset.placements[$0]) }
                case "programmes": return index.programmes[id].map { ProblemEncoder.programme(dataset.programmes[$0]) }
                case "interpreters": return index.interpreters[id].map { ProblemEncoder.interpreter(dataset.interpreters[$0]) }
                default: return nil
                }
            }
        } catch { throw .invalidParams(error) }
        // The standing data has no week: a settings file's "Week starting" is not part of it.
        var upsert = imported.document.objectValue ?? JSONObject()
        upsert["weekStart"] = nil
        upsert["force"] = .bool(input.force)
        do {
            let params = try Params(.object(upsert))
            return try DatasetUpsertMethod.run(DatasetUpsertMethod.decode(params, actor: actor), actor: actor, service: service)
        } catch where error.code == .invalidParams {
            guard let path = error.data?["path"]?.stringValue, let reason = error.data?["reason"]?.stringValue else { throw error }
            throw .invalidParams(imported.locate(InputError(path: path, reason: reason), basePath: "params"))
        }
    }
}

/// `dataset.export`: the standing data as the CSV files of `rota export`.
enum DatasetExportMethod: RotaMethod {
    static let name = "dataset.export"
    static let roles: Set<Actor.Role> = [.officer]
    static func decode(_ params: Params, actor: Actor) throws(ResponseError) {}
    static func run(_ input: Void, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue {
        filesAnswer(SheetExport.files(dataset: service.dataset))
    }
}

/// `rota.export`: a stored week's rota as CSV (assignments, programme allocations, interpreter
/// bookings, the people left short with why), against the week's document as it is now.
enum RotaExportMethod: RotaMethod {
    static let name = "rota.export"
    static let roles: Set<Actor.Role> = [.officer]
    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> CalendarDay { try params.weekStart() }
    static func run(_ week: CalendarDay, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue {
        let rota = try service.weekRecord(week).rota
        return filesAnswer(RotaSheetFiles.files(problem: service.document(for: week), rota: rota))
    }
}

/// `calendar.get`: a week of a person or a placement as RFC 5545 iCalendar text. A provider may
/// ask for its own placements only; no calendar carries risk data.
enum CalendarGetMethod: RotaMethod {
    static let name = "calendar.get"
    static let roles: Set<Actor.Role> = [.officer, .provider]
    struct Input { var week: CalendarDay; var subject: RotaCalendar.Subject }

    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> Input {
        let week = try params.weekStart()
        let subject = try params.run { r throws(InputError) -> RotaCalendar.Subject in
            switch (try r.optionalString("personId"), try r.optionalString("placementId")) {
            case (let p?, nil): return .person(p)
            case (nil, let p?): return .placement(p)
            default: throw InputError(path: r.childPath("personId"), reason: "give one of personId or placementId")
            }
        }
        if actor.role == .provider, case .person = subject {
            throw ResponseError(.notPermitted, "a provider may ask only for the calendar of its own placements")
        }
        return Input(week: week, subject: subject)
    }

    static func run(_ input: Input, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue {
        let problem = service.document(for: input.week)
        if actor.role == .provider, case .placement(let id) = input.subject {
            if let placement = problem.placements.first(where: { $0.id == id }), placement.provider != actor.id {
                throw ResponseError(.notPermitted, "placement \(id) is not one of provider \(actor.id)'s")
            }
        }
        let plan = WeekPlan(problem: problem, rota: try service.weekRecord(input.week).rota)
        do {
            let ics = try RotaCalendar.render(plan, problem: problem, for: input.subject, stamp: CalendarCommand.stamp())
            return .obj([("ics", .string(ics))])
        } catch {
            switch error {
            case .unknownPerson(let id): throw ResponseError(.notFound, "no person \(id)")
            case .unknownPlacement(let id): throw ResponseError(.notFound, "no placement \(id)")
            }
        }
    }
}
