import RotaEngine
import RotaJSON

/// Who is asking: `params.actor = { role, id }`. No actor means a scheduler (PROTOCOL.md).
public struct Actor: Sendable, Equatable {
    public enum Role: String, Sendable {
        case scheduler, provider, officer
    }
    public var role: Role
    public var id: String

    public static let scheduler = Actor(role: .scheduler, id: "")

    public init(role: Role, id: String) {
        self.role = role
        self.id = id
    }

    public init(params: JSONValue) throws(ResponseError) {
        guard let raw = params["actor"], !raw.isNull else {
            self = .scheduler
            return
        }
        do throws(InputError) {
            let r = try FieldReader(raw, path: "params.actor")
            role = try r.enumeration("role", "scheduler, provider, officer", default: nil) { Role(rawValue: $0) }
            id = try r.optionalString("id") ?? ""
            if role == .provider && id.isEmpty { throw InputError(path: "params.actor.id", reason: "a provider must say which provider it is") }
        } catch {
            throw .invalidParams(error)
        }
    }

    /// What each role may call. Providers see their own placements only; officers read
    /// everything and move people; only schedulers change the region's data or publish.
    public func mayCall(_ method: String) -> Bool {
        switch role {
        case .scheduler: return true
        case .officer:
            return !["dataset.load", "dataset.upsert", "dataset.remove", "rota.generate", "rota.publish", "server.shutdown"].contains(method)
        case .provider:
            return ["allocation.check", "rota.get", "server.health"].contains(method)
        }
    }
}
