import RotaEngine

extension DatasetIndex {
    /// The cross-record checks of `ReferenceCheck` for an upsert, done on the records it brings
    /// against this index, so that changing one person in a 20,000-person region costs a few
    /// lookups, not a pass over everyone. A record replaced by the upsert gives up its ids.
    /// `path(kind, id)` names a record of the request.
    func check(_ u: DatasetUpsert, path: (ReferenceCheck.Kind, String) -> String) throws(InputError) {
        let replacedPlacements = Set(u.placements.map(\.id)).filter { placements[$0] != nil }
        let replacedProgrammes = Set(u.programmes.map(\.id)).filter { programmes[$0] != nil }
        let newProgrammes = Set(u.programmes.map(\.id))
        let newPeople = Set(u.people.map(\.id))
        // Session ids are unique across placements and groups; group ids across programmes.
        var sessionsHere: [String: String] = [:]
        func claim(_ sessionId: String, owner: String, at p: String) throws(InputError) {
            if let first = sessionsHere.updateValue(p, forKey: sessionId) {
                throw InputError(path: p, reason: "duplicate session id \"\(sessionId)\" (first at \(first))")
            }
            if let held = sessionOwner[sessionId], held != owner {
                let heldByReplaced = replacedPlacements.contains(held) || groupOwner[held].map(replacedProgrammes.contains) ?? false
                if !heldByReplaced {
                    throw InputError(path: p, reason: "duplicate session id \"\(sessionId)\" (held by \(held)); session ids are unique across placements and groups")
                }
            }
        }
        for pl in u.placements {
            for (j, id) in (pl.sessions.map(\.id) + pl.weeklySessions.map(\.id)).enumerated() {
                try claim(id, owner: pl.id, at: "\(path(.placements, pl.id)).sessions[\(j)].id")
            }
        }
        var groupsHere: [String: String] = [:]
        for pr in u.programmes {
            for (j, g) in pr.groups.enumerated() {
                let gp = "\(path(.programmes, pr.id)).groups[\(j)]"
                if let first = groupsHere.updateValue(gp, forKey: g.id) { throw InputError(path: gp + ".id", reason: "duplicate group id \"\(g.id)\" (first at \(first))") }
                if let held = groupOwner[g.id], held != pr.id, !replacedProgrammes.contains(held) {
                    throw InputError(path: gp + ".id", reason: "duplicate group id \"\(g.id)\" (in programme \(held))")
                }
                for (k, id) in (g.sessions.map(\.id) + g.weeklySessions.map(\.id)).enumerated() { try claim(id, owner: g.id, at: "\(gp).sessions[\(k)].id") }
            }
        }
        for person in u.people {
            for (j, other) in person.nonAssociation.enumerated() where people[other] == nil && !newPeople.contains(other) {
                throw InputError(path: "\(path(.people, person.id)).nonAssociation[\(j)]", reason: "unknown person id \"\(other)\"")
            }
            if let prog = person.programme, programmes[prog.programmeId] == nil && !newProgrammes.contains(prog.programmeId) {
                throw InputError(path: "\(path(.people, person.id)).programme.programmeId", reason: "unknown programme id \"\(prog.programmeId)\"")
            }
        }
    }
}
