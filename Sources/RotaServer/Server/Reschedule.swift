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

/// The solver's model of a week's document and the search state of its stored rota, built once
/// per stored rota and data version (it lives in `WeekView`), so that a reschedule is a few
/// incremental checks on a copy, not a model build.
final class WeekSearch: @unchecked Sendable {
    let model: SolverModel
    let state: SearchState
    init(region: Region, rota: ResolvedRota) {
        model = SolverModel(region: region)
        state = SearchState.loading(model: model, rota: rota).0
    }
}

extension RotaService {
    /// `reschedule.request`: a person's week changes (a new job, a hospital appointment, sessions
    /// to drop). Their sessions that are dropped or clash with the new unavailability are given
    /// up; the options fill the gap from what is still open (never a dropped session), ranked by
    /// the change in soft cost. When no option that moves only the person restores their hours,
    /// options that move one other person out of a full session are offered too, each move
    /// listed. With `apply: true` the best option is stored together with the new unavailability
    /// in one journal record, and a published week records the difference with the actor.
    func reschedule(_ input: RescheduleInput, actor: Actor) throws(ResponseError) -> JSONValue {
        let week = input.week, pid = input.personId
        let record = try weekRecord(week)
        _ = try personIndex(pid, path: "params.personId")
        let held = Set(record.rota.assignments.filter { $0.personId == pid }.map(\.sessionId))
        for (k, id) in input.drop.enumerated() where !held.contains(id) {
            throw .invalidParams(path: "params.dropSessionIds[\(k)]", "\(pid) does not hold session \"\(id)\" in week \(week)")
        }
        let v = try view(week)
        let region = v.region, search = v.search, model = search.model
        guard let i = region.personIndex[pid] else { throw ResponseError(.notFound, "no person \"\(pid)\"") }
        let drop = Set(input.drop)
        let newUnavailable = input.unavailable.filter { !region.people[i].unavailable.contains($0) }
        // A candidate the change rules out: a dropped session, or one in the new unavailability.
        func blocked(_ c: Int) -> Bool {
            let s = region.sessions[Int(model.candSession[c])]
            return drop.contains(s.id) || newUnavailable.contains { $0.overlaps(s.interval) }
        }
        var base = search.state
        let original = search.state
        var clashes = 0
        for c in Array(base.heldCandidates(i)).map(Int.init) where blocked(c) {
            if !drop.contains(region.sessions[Int(model.candSession[c])].id) { clashes += 1 }
            base.remove(i, candidate: c)
        }
        let keptSessions = base.heldCandidates(i).map { region.sessions[Int(model.candSession[Int($0)])].id }

        var options: [RescheduleOption] = []
        var seen = Set<[String]>()
        func consider(_ s: SearchState, moves: [RescheduleOption.Move]) {
            let ids = s.heldCandidates(i).map { region.sessions[Int(model.candSession[Int($0)])].id }.sorted()
            guard seen.insert(ids + moves.map { "\($0.person)>\($0.to)" }).inserted else { return }
            options.append(RescheduleOption(state: s, sessions: ids, moves: moves))
        }
        consider(base, moves: [])
        if base.shortfallHours(i) > 1e-9 {
            // Each open session first, cheapest first: only the best few are filled out, since
            // every filled option copies the search state.
            var open: [(c: Int, delta: Double)] = []
            for c in model.candidates(of: i) where !blocked(c) && base.canAdd(i, candidate: c) { open.append((c, base.addDelta(i, candidate: c))) }
            for (c, _) in open.sorted(by: { $0.delta < $1.delta }).prefix(8) {
                var s = base
                s.add(i, candidate: c)
                Self.fill(&s, person: i, avoiding: blocked)
                consider(s, moves: [])
            }
            // Small repairs: someone in a full session the person could take moves elsewhere.
            if !options.contains(where: { $0.state.shortfallHours(i) <= 1e-9 }) {
                for option in Self.repairs(base, person: i, avoiding: blocked, region: region) { consider(option.state, moves: option.moves) }
            }
        }
        options.sort { $0.state.soft < $1.state.soft }
        let top = Array(options.prefix(5))
        let oldSessions = Set(original.heldCandidates(i).map { region.sessions[Int(model.candSession[Int($0)])].id })
        let ranked: [JSONValue] = top.enumerated().map { rank, option in
            .obj([
                ("rank", .int(rank + 1)), ("sessions", .strings(option.sessions)),
                ("added", .array(option.sessions.filter { !oldSessions.contains($0) }.map { Self.describe($0, region) })),
                ("removed", .array(oldSessions.subtracting(option.sessions).sorted().map { Self.describe($0, region) })),
                ("moves", .array(option.moves.map { m in
                    .obj([("personId", .string(region.people[m.person].id)), ("from", Self.describe(m.from, region)), ("to", Self.describe(m.to, region)),
                          ("shortfallChange", .amount(option.state.shortfallHours(m.person) - original.shortfallHours(m.person)))])
                })),
                ("otherChanges", .array(Self.bookingChanges(from: original, to: option, person: i, region: region))),
                // The stored rota under the new circumstances breaks rule 2 once per session that
                // clashes with the new unavailability; every option gives those up and breaks nothing new.
                ("hardChange", .int(-clashes)), ("softChange", .amount(option.state.soft - original.soft)),
                ("shortfallHours", .amount(option.state.shortfallHours(i))),
            ])
        }
        var result: [(String, JSONValue)] = [("personId", .string(pid)), ("weekStart", .string(week.description)),
                                             ("kept", .array(keptSessions.sorted().map { Self.describe($0, region) })), ("options", .array(ranked))]
        if let first = top.first, first.state.shortfallHours(i) > 1e-9 {
            let short = JSONWriter.formatNumber((first.state.shortfallHours(i) * 100).rounded() / 100)
            result.append(("message", .string("no option gives \(pid) their weekly hours: the best leaves them \(short) h short (explain says why)")))
        }
        guard input.apply, let best = top.first else { return .obj(result) }

        // Applied: the stored rota with every changed person's week replaced, scored exactly.
        var problem = document(for: week)
        problem.people[i].unavailable.append(contentsOf: newUnavailable)
        let newRegion = Region(problem)
        let changed = [i] + best.moves.map(\.person)
        var stored = record
        stored.rota = Self.edit(record.rota, people: changed, to: best.state, region: region, scoredIn: newRegion)
        let added = best.sessions.filter { !oldSessions.contains($0) }, removed = oldSessions.subtracting(best.sessions).sorted()
        let at = Self.timestamp()
        var note = newUnavailable.isEmpty ? "sessions dropped" : "new unavailability: " + newUnavailable.map(\.description).joined(separator: ", ")
        if !input.drop.isEmpty && !newUnavailable.isEmpty { note += "; sessions dropped" }
        let change = RotaChange(at: at, personId: pid, added: added, removed: removed, note: note, actor: actor)
        if stored.published {
            stored.changes.append(change)
            for m in best.moves {
                stored.changes.append(RotaChange(at: at, personId: region.people[m.person].id, added: [m.to], removed: [m.from],
                                                 note: "moved to make room for \(pid)", actor: actor))
            }
        }
        try commit(.rescheduled(personId: pid, unavailable: newUnavailable, week: stored), by: actor)
        result.append(("applied", ranked[0]))
        result.append(("difference", RecordCoding.rotaChange(change)))
        return .obj(result)
    }

    /// The person's open candidates, cheapest first, until their weekly target is met.
    static func fill(_ s: inout SearchState, person i: Int, avoiding blocked: (Int) -> Bool) {
        while s.shortfallHours(i) > 1e-9 {
            var best = -1, bestDelta = Double.infinity
            for c in s.m.candidates(of: i) where !blocked(c) && s.canAdd(i, candidate: c) {
                let d = s.addDelta(i, candidate: c)
                if d < bestDelta { best = c; bestDelta = d }
            }
            guard best >= 0, bestDelta < 0 else { return }
            s.add(i, candidate: best)
        }
    }

    /// One-person repairs: for each full session the person could otherwise take, each attendee
    /// who can move to another open session of theirs does so (their own rules kept by
    /// `canAdd`), and the person takes the seat. Bounded: the eight full sessions cheapest for
    /// the person, six attendees each.
    static func repairs(_ base: SearchState, person i: Int, avoiding blocked: (Int) -> Bool, region: Region) -> [RescheduleOption] {
        let m = base.m
        var full: [(c: Int, cost: Double)] = []
        for c in m.candidates(of: i) where !blocked(c) && base.heldCandidates(i).firstIndex(of: Int32(c)) == nil {
            let s = Int(m.candSession[c])
            if base.headcount[s] >= m.sessionCapacity[s] { full.append((c, m.candCost[c])) }
        }
        var out: [RescheduleOption] = []
        for (c, _) in full.sorted(by: { $0.cost < $1.cost }).prefix(8) {
            let s = Int(m.candSession[c])
            for q32 in base.attendees(of: s).prefix(6) {
                let q = Int(q32)
                guard q != i, let cq = m.candidateIndex(q, session: Int32(s)) else { continue }
                var state = base
                state.remove(q, candidate: cq)
                guard state.canAdd(i, candidate: c) else { continue }
                state.add(i, candidate: c)
                var bestQ = -1, bestDelta = Double.infinity
                for alt in m.candidates(of: q) where alt != cq && state.canAdd(q, candidate: alt) {
                    let d = state.addDelta(q, candidate: alt)
                    if d < bestDelta { bestQ = alt; bestDelta = d }
                }
                guard bestQ >= 0 else { continue }
                state.add(q, candidate: bestQ)
                fill(&state, person: i, avoiding: blocked)
                out.append(RescheduleOption(state: state, sessions: [], moves: [
                    RescheduleOption.Move(person: q, from: region.sessions[s].id, to: region.sessions[Int(m.candSession[bestQ])].id),
                ]))
            }
        }
        return out
    }

    /// A session as a supervisor or officer reads it.
    static func describe(_ id: String, _ region: Region) -> JSONValue {
        guard case .placementInWeek(let s)? = region.sessionKinds[id] else { return .obj([("sessionId", .string(id))]) }
        let ref = region.sessions[s]
        return .obj([("sessionId", .string(id)), ("placementName", .string(region.problem.placements[ref.placement].name)),
                     ("day", .string(ref.interval.day.description)), ("start", .string(ref.interval.start.description)),
                     ("end", .string(ref.interval.end.description)), ("hours", .amount(ref.hours))])
    }

    /// Interpreter bookings an option makes or cancels for the people it moves.
    static func bookingChanges(from old: SearchState, to option: RescheduleOption, person i: Int, region: Region) -> [JSONValue] {
        var out: [JSONValue] = []
        let m = old.m
        for p in [i] + option.moves.map(\.person) where m.interpreterLanguage[p] >= 0 {
            let before = Set(old.heldCandidates(p).map { Int(m.candSession[Int($0)]) })
            let after = Set(option.state.heldCandidates(p).map { Int(m.candSession[Int($0)]) })
            func entry(_ what: String, _ s: Int, _ interpreter: Int) -> JSONValue {
                .obj([("change", .string(what)), ("interpreterId", .string(region.problem.interpreters[interpreter].id)),
                      ("sessionId", .string(region.sessions[s].id)), ("language", .string(region.people[p].language))])
            }
            for s in after.subtracting(before).sorted() where old.bookedInterpreter(for: p, at: s) < 0 {
                let b = option.state.bookedInterpreter(for: p, at: s)
                if b >= 0 { out.append(entry("book interpreter", s, b)) }
            }
            for s in before.subtracting(after).sorted() where option.state.bookedInterpreter(for: p, at: s) < 0 {
                let b = old.bookedInterpreter(for: p, at: s)
                if b >= 0 { out.append(entry("cancel interpreter", s, b)) }
            }
        }
        return out
    }

    /// The stored rota with `people`'s placement sessions replaced by those `state` holds, the
    /// interpreter bookings their moves need, and the exact score and unmet reasons in `scoredIn`
    /// (the week's document with the new unavailability). Everyone else's entries are kept as
    /// stored, even ones the search state could not load.
    static func edit(_ rota: Rota, people: [Int], to state: SearchState, region: Region, scoredIn newRegion: Region) -> Rota {
        let m = state.m
        var r = rota
        let ids = Set(people.map { region.people[$0].id })
        r.assignments.removeAll { ids.contains($0.personId) && region.sessionKinds[$0.sessionId].map { if case .placementInWeek = $0 { return true } else { return false } } ?? false }
        for p in people {
            for c in state.heldCandidates(p) { r.assignments.append(Assignment(personId: region.people[p].id, sessionId: region.sessions[Int(m.candSession[Int(c)])].id)) }
        }
        // Bookings: every (session, language) still needed keeps its booking; new needs take the
        // interpreter the search state booked; bookings nobody needs any more go.
        let occupancy = Occupancy(region: newRegion, rota: ResolvedRota(r, in: newRegion))
        var have = Set<String>()
        r.interpreterBookings.removeAll { b in
            guard case .placementInWeek(let s)? = newRegion.sessionKinds[b.sessionId] else { return false }
            guard occupancy.neededLanguages(at: s)[b.language] != nil else { return true }
            have.insert("\(s)|\(b.language)")
            return false
        }
        for p in people {
            for c in state.heldCandidates(p) {
                let s = Int(m.candSession[Int(c)])
                guard newRegion.needsBooking(person: p, session: s) else { continue }
                let key = "\(s)|\(region.people[p].language)"
                let interpreter = state.bookedInterpreter(for: p, at: s)
                if !have.contains(key), interpreter >= 0 {
                    r.interpreterBookings.append(InterpreterBooking(interpreterId: region.problem.interpreters[interpreter].id,
                                                                    sessionId: region.sessions[s].id, language: region.people[p].language))
                    have.insert(key)
                }
            }
        }
        let scored = Occupancy(region: newRegion, rota: ResolvedRota(r, in: newRegion))
        r.score = Scorer.score(scored).reportedScore
        r.unmet = UnmetExplainer(occupancy: scored).unmet()
        r.access = AccessFigures(occupancy: scored)
        return r
    }
}

/// One way to give a person their week back.
struct RescheduleOption {
    struct Move { var person: Int; var from: String; var to: String }
    var state: SearchState
    var sessions: [String]
    var moves: [Move]
}
