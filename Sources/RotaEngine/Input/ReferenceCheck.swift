/// Checks that hold across records: unique ids and references that must resolve.
///
/// Deliberately *not* refused, because PROBLEM.md scores them instead: an enrolled person whose
/// `groupId` is unknown or belongs to another programme (rule 12), and a `currentPlacementId`
/// naming a placement that no longer runs (it simply never matches, so continuity is charged).
public enum ReferenceCheck {
    /// The kinds of record a path can name.
    public enum Kind: String, Sendable { case people, placements, programmes, interpreters }

    /// Checks `p`; `path(kind, index)` names a record in errors (default `people[3]`), so that the
    /// daemon can point at the request's own fields when it checks a merged dataset.
    public static func check(_ p: Problem, path: (Kind, Int) -> String = { "\($0.rawValue)[\($1)]" }) throws(InputError) {
        var people: [String: Int] = [:]
        people.reserveCapacity(p.people.count)
        for (i, person) in p.people.enumerated() {
            if let first = people[person.id] {
                throw InputError(path: "\(path(.people, i)).id", reason: "duplicate person id \"\(person.id)\" (first at \(path(.people, first)))")
            }
            people[person.id] = i
        }
        var placements: [String: Int] = [:]
        var sessions: [String: String] = [:]
        for (i, pl) in p.placements.enumerated() {
            if let first = placements[pl.id] {
                throw InputError(path: "\(path(.placements, i)).id", reason: "duplicate placement id \"\(pl.id)\" (first at \(path(.placements, first)))")
            }
            placements[pl.id] = i
            // Dated sessions, then weekly ones (a document lists them mixed; the path counts both).
            for (j, id) in (pl.sessions.map(\.id) + pl.weeklySessions.map(\.id)).enumerated() {
                let sp = "\(path(.placements, i)).sessions[\(j)].id"
                if let first = sessions[id] { throw InputError(path: sp, reason: "duplicate session id \"\(id)\" (first at \(first))") }
                sessions[id] = sp
            }
        }
        var programmes: [String: Int] = [:]
        var groups: [String: String] = [:]
        for (i, pr) in p.programmes.enumerated() {
            if let first = programmes[pr.id] {
                throw InputError(path: "\(path(.programmes, i)).id", reason: "duplicate programme id \"\(pr.id)\" (first at \(path(.programmes, first)))")
            }
            programmes[pr.id] = i
            for (j, g) in pr.groups.enumerated() {
                let gp = "\(path(.programmes, i)).groups[\(j)]"
                if let first = groups[g.id] { throw InputError(path: gp + ".id", reason: "duplicate group id \"\(g.id)\" (first at \(first))") }
                groups[g.id] = gp
                for (k, id) in (g.sessions.map(\.id) + g.weeklySessions.map(\.id)).enumerated() {
                    let sp = "\(gp).sessions[\(k)].id"
                    if let first = sessions[id] {
                        throw InputError(path: sp, reason: "duplicate session id \"\(id)\" (first at \(first)); session ids are unique across placements and groups")
                    }
                    sessions[id] = sp
                }
            }
        }
        var interpreters: [String: Int] = [:]
        for (i, it) in p.interpreters.enumerated() {
            if let first = interpreters[it.id] {
                throw InputError(path: "\(path(.interpreters, i)).id", reason: "duplicate interpreter id \"\(it.id)\" (first at \(path(.interpreters, first)))")
            }
            interpreters[it.id] = i
        }
        for (i, person) in p.people.enumerated() {
            for (j, other) in person.nonAssociation.enumerated() where people[other] == nil {
                throw InputError(path: "\(path(.people, i)).nonAssociation[\(j)]", reason: "unknown person id \"\(other)\"")
            }
            if let prog = person.programme, programmes[prog.programmeId] == nil {
                throw InputError(path: "\(path(.people, i)).programme.programmeId", reason: "unknown programme id \"\(prog.programmeId)\"")
            }
        }
    }
}
