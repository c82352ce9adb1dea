import Foundation
import RotaEngine
import RotaJSON

/// `server.health`: version, counts, weeks stored, published and generating, data folder, uptime.
enum ServerHealthMethod: RotaMethod {
    static let name = "server.health"
    static let roles: Set<Actor.Role> = [.officer, .provider]
    static func decode(_ params: Params, actor: Actor) throws(ResponseError) {}

    static func run(_ input: Void, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue {
        let weeks = service.record.weeks
        return .obj([("version", .string(RotaService.version)), ("counts", service.counts()),
                     ("weeks", .strings(weeks.keys.sorted().map(\.description))),
                     ("published", .strings(weeks.values.filter(\.published).map(\.weekStart).sorted().map(\.description))),
                     ("generating", .strings(service.generating.sorted().map(\.description))),
                     ("journalSequence", .number(Double(service.record.sequence))),
                     ("dataFolder", .string(service.store.location)),
                     ("uptimeSeconds", .number((Date().timeIntervalSince(service.started) * 1000).rounded() / 1000))])
    }
}

/// `server.methods`: what the caller's role may call.
enum ServerMethodsMethod: RotaMethod {
    static let name = "server.methods"
    static let roles: Set<Actor.Role> = [.officer, .provider]
    static func decode(_ params: Params, actor: Actor) throws(ResponseError) {}

    static func run(_ input: Void, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue {
        .obj([("methods", .array(MethodTable.all.filter { $0.permits(actor) }.map { m in
            .obj([("method", .string(m.name)), ("roles", .strings((["scheduler"] + m.roles.map(\.rawValue).sorted())))])
        }))])
    }
}

/// `server.shutdown`: answers, then the daemon stops once every pending answer is sent.
enum ServerShutdownMethod: RotaMethod {
    static let name = "server.shutdown"
    static let roles: Set<Actor.Role> = []
    static func decode(_ params: Params, actor: Actor) throws(ResponseError) {}
    static func run(_ input: Void, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue { .obj([("stopping", true)]) }
}
