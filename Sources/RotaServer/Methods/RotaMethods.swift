import Foundation
import RotaEngine
import RotaJSON
import RotaSolver

/// `rota.generate`: solves the week's document on a snapshot while other requests are answered;
/// `rota/progress` notifications while it runs; stores the rota (unpublished) when it ends.
enum RotaGenerateMethod: RotaJobMethod {
    static let name = "rota.generate"
    static let roles: Set<Actor.Role> = []
    struct Input { var week: CalendarDay; var options: SolveOptions }

    /// The longest solve a request may ask for.
    static let maxTimeLimitMs = 3_600_000

    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> Input {
        var options = SolveOptions()
        if let ms = try params.run({ r throws(InputError) in try r.optionalInteger("timeLimitMs", min: 0, max: maxTimeLimitMs) }) {
            options.timeLimitSeconds = Double(ms) / 1000
        }
        if let seed = try params.run({ r throws(InputError) in try r.optionalInteger("seed", min: 0, max: Int(Int32.max)) }) {
            options.seed = UInt64(seed)
        }
        return Input(week: try params.weekStart(), options: options)
    }

    static func prepare(_ input: Input, actor: Actor, service: RotaService) throws(ResponseError) -> Job {
        let week = input.week
        if service.record.weeks[week]?.published == true {
            throw ResponseError(.conflict, "week \(week) is published; change it through reschedule.request")
        }
        if service.generating.contains(week) {
            throw ResponseError(.conflict, "a rota.generate for week \(week) is already running; cancel it with $/cancelRequest or wait")
        }
        service.generating.insert(week)
        let problem = service.document(for: week)
        let version = service.documentVersion
        let options = input.options
        let weekText = week.description
        return Job(description: "rota.generate for week \(weekText)", work: { isCancelled, notify in
            let result = Solver.solve(problem, options: options, isCancelled: isCancelled, progress: { p in
                notify("rota/progress", .obj([("weekStart", .string(weekText)), ("elapsedMs", .int(Int(p.elapsedSeconds * 1000))),
                                              ("hard", .int(p.hard)), ("soft", .number((p.soft * 100).rounded() / 100))]))
            })
            return { () throws(ResponseError) -> JSONValue in
                service.generating.remove(week)
                if service.record.weeks[week]?.published == true {
                    throw ResponseError(.conflict, "week \(week) was published while the rota was being generated")
                }
                // The data changed while it solved (a reschedule, an upsert): what is stored must
                // fit the data as it is now, so what can no longer stand is dropped.
                let rota = service.documentVersion == version ? result.rota : Solver.refit(result.rota, to: service.document(for: week)).rota
                try service.commit(.rotaStored(WeekRecord(weekStart: week, rota: rota)), by: actor)
                return RotaEncoder.encode(rota)
            }
        }, abandon: { service.generating.remove(week) })
    }
}

/// `rota.get`: the stored rota with `published` and `changes`; a provider gets its own
/// placements' part only.
enum RotaGetMethod: RotaMethod {
    static let name = "rota.get"
    static let roles: Set<Actor.Role> = [.officer, .provider]
    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> CalendarDay { try params.weekStart() }

    static func run(_ week: CalendarDay, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue {
        let r = try service.weekRecord(week)
        if actor.role == .provider { return try ProviderView.rota(r, service.view(week), provider: actor.id) }
        var rota = r.rota
        rota.access = AccessFigures(occupancy: try service.view(week).occupancy)  // against the data of the moment
        var json = RotaEncoder.encode(rota)
        if case .object(var o) = json {
            o["published"] = .bool(r.published)
            o["changes"] = .array(r.changes.map(RecordCoding.rotaChange))
            json = .object(o)
        }
        return json
    }
}

/// `rota.publish`: from then on the week changes only through `reschedule.request`.
enum RotaPublishMethod: RotaMethod {
    static let name = "rota.publish"
    static let roles: Set<Actor.Role> = []
    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> CalendarDay { try params.weekStart() }

    static func run(_ week: CalendarDay, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue {
        let r = try service.weekRecord(week)
        if service.generating.contains(week) { throw ResponseError(.conflict, "a rota.generate for week \(week) is running; wait for it or cancel it") }
        if !r.published { try service.commit(.published(week), by: actor) }
        return try RotaGetMethod.run(week, actor: .scheduler, service: service)
    }
}

/// `rota.validate`: the verdict of `rota validate` on the given or the stored rota, against
/// the week's document as it is now.
enum RotaValidateMethod: RotaMethod {
    static let name = "rota.validate"
    static let roles: Set<Actor.Role> = [.officer]
    struct Input { var week: CalendarDay; var rota: Rota? }

    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> Input {
        let week = try params.weekStart()
        let rota = try params.run { r throws(InputError) in try r.value("rota").map { (v) throws(InputError) in try RotaDecoder.decode(v, limits: r.limits, basePath: "params.rota") } }
        return Input(week: week, rota: rota)
    }

    static func run(_ input: Input, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue {
        if let rota = input.rota {
            let report = Scorer.score(rota, in: Region(service.document(for: input.week)))
            return report.json(reportedScoreMatches: report.matches(rota.score))
        }
        let v = try service.view(input.week)
        return v.report.json(reportedScoreMatches: v.report.matches(try service.weekRecord(input.week).rota.score))
    }
}

/// `week.problem`: the week's document (TIMETABLE.md) as the daemon solves and scores it, so a
/// stored rota can be checked offline with `rota validate`.
enum WeekProblemMethod: RotaMethod {
    static let name = "week.problem"
    static let roles: Set<Actor.Role> = [.officer]
    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> CalendarDay { try params.weekStart() }
    static func run(_ week: CalendarDay, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue {
        ProblemEncoder.encode(service.document(for: week))
    }
}

/// `capacity.whatIf`: the week's stored rota re-solved for the region with the changes, from
/// that rota; `{before, after, rota}`. Stored data and rotas are untouched.
enum CapacityWhatIfMethod: RotaJobMethod {
    static let name = "capacity.whatIf"
    static let roles: Set<Actor.Role> = [.officer]
    struct Input { var week: CalendarDay; var changes: CapacityChanges; var options: SolveOptions }

    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> Input {
        var options = SolveOptions()
        options.timeLimitSeconds = 1.5
        if let ms = try params.run({ r throws(InputError) in try r.optionalInteger("timeLimitMs", min: 0, max: RotaGenerateMethod.maxTimeLimitMs) }) {
            options.timeLimitSeconds = Double(ms) / 1000
        }
        if let seed = try params.run({ r throws(InputError) in try r.optionalInteger("seed", min: 0, max: Int(Int32.max)) }) { options.seed = UInt64(seed) }
        let changes = try params.run { r throws(InputError) in
            guard let c = try r.nested("changes") else { throw r.missing("changes") }
            return try CapacityChanges.decode(c)
        }
        return Input(week: try params.weekStart(), changes: changes, options: options)
    }

    static func prepare(_ input: Input, actor: Actor, service: RotaService) throws(ResponseError) -> Job {
        let problem = service.document(for: input.week)
        let rota = try service.weekRecord(input.week).rota
        // Refuse an unknown id now, not after the solve.
        do { _ = try input.changes.apply(to: problem) } catch { throw .invalidParams(error) }
        let (changes, options) = (input.changes, input.options)
        return Job(description: "capacity.whatIf for week \(input.week)", work: { isCancelled, _ in
            let outcome = try? WhatIf.run(problem: problem, rota: rota, changes: changes, options: options, isCancelled: isCancelled)
            return { () throws(ResponseError) -> JSONValue in
                guard let outcome else { throw ResponseError(.internalError, "the what-if could not apply its changes") }
                return .obj([("before", outcome.before.json), ("after", outcome.after.json), ("rota", RotaEncoder.encode(outcome.rota))])
            }
        }, abandon: {})
    }
}

/// `capacity.suggest`: candidate additions from where demand goes unmet in the stored rota,
/// each re-solved; best first. Stored data and rotas are untouched.
enum CapacitySuggestMethod: RotaJobMethod {
    static let name = "capacity.suggest"
    static let roles: Set<Actor.Role> = [.officer]
    struct Input { var week: CalendarDay; var candidates: Int; var options: SolveOptions }

    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> Input {
        let candidates = try params.run { r throws(InputError) in try r.optionalInteger("candidates", min: 1, max: 50) } ?? 10
        var options = SolveOptions()
        options.timeLimitSeconds = Double(candidates) * 2
        if let ms = try params.run({ r throws(InputError) in try r.optionalInteger("timeLimitMs", min: 0, max: RotaGenerateMethod.maxTimeLimitMs) }) {
            options.timeLimitSeconds = Double(ms) / 1000
        }
        return Input(week: try params.weekStart(), candidates: candidates, options: options)
    }

    static func prepare(_ input: Input, actor: Actor, service: RotaService) throws(ResponseError) -> Job {
        let problem = service.document(for: input.week)
        let rota = try service.weekRecord(input.week).rota
        let (candidates, options) = (input.candidates, input.options)
        return Job(description: "capacity.suggest for week \(input.week)", work: { isCancelled, _ in
            let suggestions = CapacitySuggestions.suggest(problem: problem, rota: rota, candidates: candidates, options: options, isCancelled: isCancelled)
            return { () throws(ResponseError) -> JSONValue in SuggestionsJSON.encode(suggestions) }
        }, abandon: {})
    }
}

/// `forecast.get`: the completion forecast from the record — hours attended and the placement
/// carried forward as they stand at `fromWeek` — with `forecast/progress` after each week.
enum ForecastGetMethod: RotaJobMethod {
    static let name = "forecast.get"
    static let roles: Set<Actor.Role> = [.officer]
    struct Input { var from: CalendarDay; var weeks: Int; var first: SolveOptions; var later: SolveOptions }

    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> Input {
        let from = try params.run { r throws(InputError) in
            let d = try r.day("fromWeek")
            guard d.isMonday else { throw InputError(path: r.childPath("fromWeek"), reason: "\(d) is a \(d.weekdayName), not a Monday") }
            return d
        }
        let weeks = try params.run { r throws(InputError) in try r.optionalInteger("weeks", min: 1, max: 52) } ?? 12
        var first = SolveOptions(), later = SolveOptions()
        first.timeLimitSeconds = 6
        later.timeLimitSeconds = try params.run { r throws(InputError) in try r.optionalInteger("weekMs", min: 0, max: 600_000) }.map { Double($0) / 1000 } ?? 2
        if let seed = try params.run({ r throws(InputError) in try r.optionalInteger("seed", min: 0, max: Int(Int32.max)) }) {
            first.seed = UInt64(seed)
            later.seed = UInt64(seed)
        }
        return Input(from: from, weeks: weeks, first: first, later: later)
    }

    static func prepare(_ input: Input, actor: Actor, service: RotaService) throws(ResponseError) -> Job {
        // The standing data as written, with hours and placements as the record has them at fromWeek.
        let d = service.dataset
        var base = Problem(weekStart: input.from, policy: d.policy, people: d.people, placements: d.placements,
                           programmes: d.programmes, interpreters: d.interpreters)
        let atStart = service.document(for: input.from)
        for i in base.people.indices {
            base.people[i].upw = atStart.people[i].upw
            base.people[i].currentPlacementId = atStart.people[i].currentPlacementId
        }
        let (from, weeks, first, later, start) = (input.from, input.weeks, input.first, input.later, base)
        return Job(description: "forecast.get from \(from)", work: { isCancelled, notify in
            let result = Forecast.run(base: start, fromWeek: from, weeks: weeks, firstWeek: first, laterWeeks: later, isCancelled: isCancelled, progress: { k, seconds, soft in
                notify("forecast/progress", .obj([("week", .string(from.adding(days: 7 * k).description)), ("done", .int(k + 1)), ("weeks", .int(weeks)),
                                                  ("seconds", .number((seconds * 100).rounded() / 100)), ("soft", .amount(soft))]))
            })
            return { () throws(ResponseError) -> JSONValue in ForecastJSON.encode(result) }
        }, abandon: {})
    }
}
