import RotaEngine
import RotaJSON

/// What every method declares: its name, who may call it, and how its params decode into
/// typed values. Schedulers may call every method; other roles only those whose `roles` list
/// them (an allow-list, so a new method is closed to officers and providers until it says
/// otherwise).
protocol MethodSignature {
    associatedtype Input
    static var name: String { get }
    /// Roles besides the scheduler that may call the method.
    static var roles: Set<Actor.Role> { get }
    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> Input
}

/// A method answered at once, on the daemon's state queue.
protocol RotaMethod: MethodSignature {
    static func run(_ input: Input, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue
}

/// A method that runs long (a solve): it is prepared on the state queue, works off it, and
/// finishes on it again. The daemon's job runner owns its progress notifications,
/// `$/cancelRequest` and the finishing write.
protocol RotaJobMethod: MethodSignature {
    static func prepare(_ input: Input, actor: Actor, service: RotaService) throws(ResponseError) -> Job
}

/// A long-running method's work once its params are checked.
struct Job: Sendable {
    /// What a cancelled job says (it stores nothing).
    let description: String
    /// Runs off the state queue; returns the finishing step, which runs on it (the write).
    let work: @Sendable (_ isCancelled: @escaping @Sendable () -> Bool, _ notify: @escaping @Sendable (String, JSONValue) -> Void)
        -> @Sendable () throws(ResponseError) -> JSONValue
    /// Runs on the state queue when the job was cancelled: releases what `prepare` reserved.
    let abandon: @Sendable () -> Void
}

/// A method with its types erased, as the dispatcher holds it.
struct MethodEntry: Sendable {
    enum Kind: Sendable {
        case immediate(@Sendable (Params, Actor, RotaService) throws(ResponseError) -> JSONValue)
        case job(@Sendable (Params, Actor, RotaService) throws(ResponseError) -> Job)
    }
    let name: String
    let roles: Set<Actor.Role>
    let kind: Kind

    func permits(_ actor: Actor) -> Bool { actor.role == .scheduler || roles.contains(actor.role) }
}

extension RotaMethod {
    static var entry: MethodEntry {
        MethodEntry(name: name, roles: roles, kind: .immediate { p, a, s throws(ResponseError) in try run(decode(p, actor: a), actor: a, service: s) })
    }
}

extension RotaJobMethod {
    static var entry: MethodEntry {
        MethodEntry(name: name, roles: roles, kind: .job { p, a, s throws(ResponseError) in try prepare(decode(p, actor: a), actor: a, service: s) })
    }
}

/// Every method the daemon answers.
enum MethodTable {
    static let all: [MethodEntry] = [
        DatasetLoadMethod.entry, DatasetUpsertMethod.entry, DatasetGetMethod.entry, DatasetRemoveMethod.entry,
        DatasetImportMethod.entry, DatasetExportMethod.entry, RotaExportMethod.entry, CalendarGetMethod.entry,
        RotaGenerateMethod.entry, RotaGetMethod.entry, RotaPublishMethod.entry, RotaValidateMethod.entry, WeekProblemMethod.entry, CapacityWhatIfMethod.entry, CapacitySuggestMethod.entry, ForecastGetMethod.entry,
        AllocationCheckMethod.entry, RescheduleRequestMethod.entry, ExplainMethod.entry,
        AttendanceRecordMethod.entry, AttendanceListMethod.entry,
        ServerHealthMethod.entry, ServerMethodsMethod.entry, ServerShutdownMethod.entry,
    ]
    static let byName: [String: MethodEntry] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The entry for a request, or the error that refuses it: unknown method (-32601), or a
    /// role the method does not list (-32003).
    static func resolve(_ method: String, params: JSONValue) throws(ResponseError) -> (MethodEntry, Actor, Params) {
        let actor = try Actor(params: params)
        guard let entry = byName[method] else { throw ResponseError(.methodNotFound, "method not found: \(method)") }
        guard entry.permits(actor) else { throw ResponseError(.notPermitted, "a \(actor.role.rawValue) may not call \(method)") }
        return (entry, actor, try Params(params))
    }
}
