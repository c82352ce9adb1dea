import Foundation
import RotaEngine
import RotaJSON
import RotaSolver

/// `reschedule.request`'s params, decoded.
struct RescheduleInput {
    var week: CalendarDay
    var personId: String
    var unavailable: [Interval]
    var drop: [String]
    var apply: Bool
}

extension RotaService {
    /// `reschedule.request`: a person's week changes (a new job, a hospital appointment, sessions
    /// to drop). Their other sessions stay; the options fill the gap from what is still open,
    /// ranked by the change in soft cost; nobody else is moved. With `apply: true` the best option
    /// is stored (and the person's new unavailability with it, in the same journal record) and,
    /// for a published week, recorded as a difference from the published rota.
    func reschedule(_ input: RescheduleInput, actor: Actor) throws(ResponseError) -> JSONValue {
        let week = input.week, pid = input.personId, newUnavailable = input.unavailable, apply = input.apply
        let record = try weekRecord(week)
        let i = try personIndex(pid, path: "params.personId")
        let held = Set(record.rota.assignments.filter { $0.personId == pid }.map(\.sessionId))
        for (k, id) in input.drop.enumerated() where !held.contains(id) {
            throw .invalidParams(path: "params.dropSessionIds[\(k)]", "\(pid) does not hold session \"\(id)\" in week \(week)")
        }
        let drop = Set(input.drop)
        var problem = document(for: week)
        problem.people[i].unavailable.append(contentsOf: newUnavailable.filter { !problem.people[i].unavailable.contains($0) })
        let region = Region(problem)
        let before = Scorer.score(record.rota, in: region)
        let model = SolverModel(region: region)
        let resolved = ResolvedRota(record.rota, in: region)
        // Load everyone but the person's sessions that are dropped or no longer possible.
        var kept = resolved
        kept.assignments.removeAll { $0.person == i && drop.contains(region.sessions[$0.session].id) }
        let (base, _) = SearchState.loading(model: model, rota: kept)
        let oldSessions = Set(resolved.assignments.filter { $0.person == i }.map { region.sessions[$0.session].id })
        let keptSessions = base.heldCandidates(i).map { region.sessions[Int(model.candSession[Int($0)])].id }

        // Options: each open session first, then the best further sessions until the target is met.
        var options: [(state: SearchState, sessions: [String])] = []
        var seen = Set<[String]>()
        // A dropped session is never offered back.
        func consider(_ s: SearchState) {
            let ids = s.heldCandidates(i).map { region.sessions[Int(model.candSession[Int($0)])].id }.sorted()
            if !ids.contains(where: drop.contains), seen.insert(ids).inserted { options.append((s, ids)) }
        }
        consider(base)
        if base.shortfallHours(i) > 1e-9 {
            for c in model.candidates(of: i) where !drop.contains(region.sessions[Int(model.candSession[Int(c)])].id) && base.canAdd(i, candidate: c) {
                var s = base
                s.add(i, candidate: c)
                s.fill(i)
                consider(s)
            }
        }
        options.sort { $0.state.soft < $1.state.soft }
        let top = Array(options.prefix(5))
        var ranked: [JSONValue] = []
        var scored: [(rota: Rota, occupancy: Occupancy, report: ScoreReport)] = []
        for (rank, option) in top.enumerated() {
            let rota = edit(record.rota, person: pid, to: option.sessions, from: option.state, region: region, model: model)
            let occupancy = Occupancy(region: region, rota: ResolvedRota(rota, in: region))
            let after = Scorer.score(occupancy)
            scored.append((rota, occupancy, after))
            ranked.append(.obj([
                ("rank", .int(rank + 1)), ("sessions", .strings(option.sessions)),
                ("added", .strings(option.sessions.filter { !oldSessions.contains($0) })),
                ("removed", .strings(oldSessions.subtracting(option.sessions).sorted())),
                ("otherChanges", .array(bookingChanges(record.rota, rota))),
                ("hardChange", .int(after.hard - before.hard)), ("softChange", .number(after.soft - before.soft)),
                ("shortfallHours", .number(option.state.shortfallHours(i))),
            ]))
        }
        var result: [(String, JSONValue)] = [("personId", .string(pid)), ("weekStart", .string(week.description)),
                                             ("kept", .strings(keptSessions.sorted())), ("options", .array(ranked))]
        guard apply, let best = top.first, let chosen = scored.first else { return .obj(result) }
        var stored = record
        stored.rota = chosen.rota
        stored.rota.score = chosen.report.reportedScore
        stored.rota.unmet = UnmetExplainer(occupancy: chosen.occupancy).unmet()
        let change = RotaChange(at: Self.timestamp(), personId: pid,
                                added: best.sessions.filter { !oldSessions.contains($0) },
                                removed: oldSessions.subtracting(best.sessions).sorted(),
                                note: newUnavailable.isEmpty ? "sessions dropped" : "new unavailability: " + newUnavailable.map(\.description).joined(separator: ", "),
                                actor: actor)
        if stored.published { stored.changes.append(change) }
        try commit(.rescheduled(personId: pid, unavailable: newUnavailable, week: stored), by: actor)
        result.append(("applied", ranked[0]))
        result.append(("difference", RecordCoding.rotaChange(change)))
        return .obj(result)
    }

    /// The stored rota with `person`'s assignments replaced and the bookings their move needs.
    private func edit(_ rota: Rota, person pid: String, to sessions: [String], from state: SearchState, region: Region, model: SolverModel) -> Rota {
        var r = rota
        r.assignments.removeAll { $0.personId == pid }
        r.assignments.append(contentsOf: sessions.map { Assignment(personId: pid, sessionId: $0) })
        // Bookings: every (session, language) still needed keeps its booking; new needs take the
        // interpreter the search state booked; bookings nobody needs any more go.
        // Only placement-session bookings can change: group memberships do not move here.
        let occupancy = Occupancy(region: region, rota: ResolvedRota(r, in: region))
        var have = Set<String>()
        r.interpreterBookings.removeAll { b in
            guard case .placementInWeek(let s)? = region.sessionKinds[b.sessionId] else { return false }
            guard occupancy.neededLanguages(at: s)[b.language] != nil else { return true }
            have.insert("\(s)|\(b.language)")
            return false
        }
        for c in state.heldCandidates(region.personIndex[pid]!) {
            let s = Int(model.candSession[Int(c)])
            let q = region.personIndex[pid]!
            guard region.needsBooking(person: q, session: s) else { continue }
            let key = "\(s)|\(region.people[q].language)"
            let interpreter = state.bookedInterpreter(for: q, at: s)
            if !have.contains(key), interpreter >= 0 {
                r.interpreterBookings.append(InterpreterBooking(interpreterId: region.problem.interpreters[interpreter].id,
                                                                sessionId: region.sessions[s].id, language: region.people[q].language))
                have.insert(key)
            }
        }
        return r
    }

    private func bookingChanges(_ old: Rota, _ new: Rota) -> [JSONValue] {
        let a = Set(old.interpreterBookings), b = Set(new.interpreterBookings)
        func enc(_ x: InterpreterBooking, _ what: String) -> JSONValue {
            .obj([("change", .string(what)), ("interpreterId", .string(x.interpreterId)), ("sessionId", .string(x.sessionId)), ("language", .string(x.language))])
        }
        return b.subtracting(a).sorted { $0.sessionId < $1.sessionId }.map { enc($0, "book interpreter") }
            + a.subtracting(b).sorted { $0.sessionId < $1.sessionId }.map { enc($0, "cancel interpreter") }
    }
}
