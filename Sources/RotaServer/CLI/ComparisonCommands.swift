import Foundation
import RotaEngine
import RotaJSON
import RotaSolver

/// Commands for comparing with general solvers (bench/cpsat_baseline.py):
/// `rota export-model PROBLEM.json` writes the candidate model the search uses, with a greedy
/// day-by-day rota as a warm start; `rota repair PROBLEM.json ROTA.json` keeps every entry of a
/// rota that can stand without breaking a hard rule, books interpreters, and prints the rota.
enum ComparisonCommands {
    static func exportModel(_ args: inout Arguments) throws -> ExitStatus {
        let path = try args.positional("PROBLEM.json")
        try args.finish()
        let problem = try DocumentLoader.problem(path: path, policy: DocumentLoader.basePolicy(explicitPath: nil))
        let region = Region(problem)
        let m = SolverModel(region: region)
        let greedy = ResolvedRota(GreedyDayFill.solve(problem), in: region)
        var nonAssociated: [JSONValue] = []
        for p in 0..<m.personCount { for q in m.nonAssociates[p] where Int(q) > p { nonAssociated.append([.int(p), .int(Int(q))]) } }
        let json: JSONValue = .obj([
            ("weights", ProblemEncoder.policy(problem.policy)["weights"] ?? .null),
            // With the fixed sessions' bookings: without them, relaxations solved from this export
            // came out 40 per booking too low.
            ("fixedCost", .number(m.costNoDecisionChanges)),
            ("people", .array((0..<m.personCount).map { p in
                .obj([("id", .string(region.people[p].id)), ("target", .number(m.target[p])), ("maxHours", .number(m.maxHours[p])),
                      ("remaining", .number(m.remaining[p])), ("order", .bool(m.hasOrder[p]))])
            })),
            ("sessions", .array((0..<m.placementSessionCount).map { s in
                .obj([("id", .string(region.sessions[s].id)), ("day", .int(Int(m.sessionDay[s]))), ("hours", .number(m.sessionHours[s])),
                      ("capacity", .int(Int(m.sessionCapacity[s])))])
            })),
            ("candPerson", .array(m.candPerson.map { .int(Int($0)) })),
            ("candSession", .array(m.candSession.map { .int(Int($0)) })),
            ("candCost", .array(m.candCost.map { .number(($0 * 100).rounded() / 100) })),
            ("groups", .array(region.groups.indices.map { g in
                .obj([("id", .string(region.groups[g].group.id)), ("seats", .int(max(0, Int(m.groupCapacity[g]) - m.enrolledMembers[g].count)))])
            })),
            ("starters", .array(m.starters.map { p in
                .obj([("person", .int(Int(p))), ("groups", .array(m.groupCandidates[Int(p)].map { .int(Int($0)) })),
                      ("costs", .array(m.groupCandidateCost[Int(p)].map { .number($0) }))])
            })),
            ("nonAssociated", .array(nonAssociated)),
            ("candNeedsBooking", .array((0..<m.pairCount).map { .bool(m.needsBooking(candidate: $0)) })),
            ("language", .array(m.interpreterLanguage.map { .int(Int($0)) })),
            ("interpretersPerLanguageDay", .array(m.languages.indices.map { l in
                .array((0..<7).map { d in
                    let daySessions = (0..<m.placementSessionCount).filter { Int(m.sessionDay[$0]) == d }
                    return .int(m.interpretersByLanguage[l].filter { i in daySessions.contains { m.interpreterAvailable(Int(i), for: $0) } }.count)
                })
            })),
            ("greedyAssignments", .array(greedy.assignments.map { [.int($0.person), .int($0.session)] })),
            ("greedyAllocations", .array(greedy.allocations.map { [.int($0.person), .int($0.group)] })),
        ])
        Diagnostics.out(JSONWriter.string(json))
        return .success
    }

    static func repair(_ args: inout Arguments) throws -> ExitStatus {
        let problemPath = try args.positional("PROBLEM.json")
        let rotaPath = try args.positional("ROTA.json")
        try args.finish()
        let problem = try DocumentLoader.problem(path: problemPath, policy: DocumentLoader.basePolicy(explicitPath: nil))
        let (rota, dropped) = Solver.refit(try DocumentLoader.rota(path: rotaPath), to: problem)
        Diagnostics.error("repair: kept \(rota.assignments.count) assignments, dropped \(dropped)")
        Diagnostics.out(JSONWriter.string(RotaEncoder.encode(rota), pretty: true))
        return .success
    }
}
