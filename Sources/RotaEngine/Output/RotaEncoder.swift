import RotaJSON

/// Writes a rota as PROBLEM.md's output document.
public enum RotaEncoder {
    public static func encode(_ r: Rota) -> JSONValue {
        var m: [(String, JSONValue)] = [
            ("weekStart", .string(r.weekStart)),
            ("assignments", .array(r.assignments.map { .obj([("personId", .string($0.personId)), ("sessionId", .string($0.sessionId))]) })),
            ("programmeAllocations", .array(r.programmeAllocations.map { .obj([("personId", .string($0.personId)), ("groupId", .string($0.groupId))]) })),
            ("interpreterBookings", .array(r.interpreterBookings.map {
                .obj([("interpreterId", .string($0.interpreterId)), ("sessionId", .string($0.sessionId)), ("language", .string($0.language))])
            })),
        ]
        if let s = r.score {
            m.append(("score", .obj([
                ("hard", .int(s.hard)), ("soft", .amount(s.soft)),
                ("breakdown", .obj(SoftCost.allCases.map { ($0.rawValue, .amount(s.breakdown[$0.rawValue] ?? 0)) })),
            ])))
        }
        m.append(("unmet", .array(r.unmet.map {
            .obj([("personId", .string($0.personId)), ("shortfallHours", .amount($0.shortfallHours)), ("reasons", .strings($0.reasons))])
        })))
        if let a = r.access { m.append(("access", a.json)) }
        return .obj(m)
    }
}
