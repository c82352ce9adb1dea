import RotaEngine
import RotaJSON

/// `allocation.check`: a placement's in-week sessions with their attendees; a provider sees
/// only its own placements, and only what a supervisor needs.
enum AllocationCheckMethod: RotaMethod {
    static let name = "allocation.check"
    static let roles: Set<Actor.Role> = [.officer, .provider]
    struct Input { var week: CalendarDay; var placementId: String }

    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> Input {
        Input(week: try params.weekStart(), placementId: try params.string("placementId"))
    }

    static func run(_ input: Input, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue {
        guard let i = service.record.index.placements[input.placementId] else {
            throw ResponseError(.notFound, "no placement \"\(input.placementId)\"", data: .obj([("path", "params.placementId")]))
        }
        if actor.role == .provider && service.dataset.placements[i].provider != actor.id {
            throw ResponseError(.notPermitted, "placement \(input.placementId) belongs to another provider")
        }
        return ProviderView.allocation(placementId: input.placementId, view: try service.view(input.week), full: actor.role != .provider)
    }
}

/// `reschedule.request`: options for a person whose week changed; `apply` stores the best.
enum RescheduleRequestMethod: RotaMethod {
    static let name = "reschedule.request"
    static let roles: Set<Actor.Role> = [.officer]

    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> RescheduleInput {
        RescheduleInput(week: try params.weekStart(), personId: try params.string("personId"),
                        unavailable: try params.run { r throws(InputError) in try r.optionalIntervals("unavailable") } ?? [],
                        drop: try params.ids("dropSessionIds") ?? [],
                        apply: try params.run { r throws(InputError) in try r.bool("apply", default: false) })
    }

    static func run(_ input: RescheduleInput, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue {
        try service.reschedule(input, actor: actor)
    }
}

/// `explain`: why a person has the sessions they have, and what rules out the others.
enum ExplainMethod: RotaMethod {
    static let name = "explain"
    static let roles: Set<Actor.Role> = [.officer]
    struct Input { var week: CalendarDay; var personId: String; var detail: Bool }

    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> Input {
        Input(week: try params.weekStart(), personId: try params.string("personId"),
              detail: try params.run { r throws(InputError) in try r.bool("detail", default: false) })
    }

    static func run(_ input: Input, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue {
        try service.explain(week: input.week, personId: input.personId, detail: input.detail)
    }
}

/// `attendance.record`: one attendance, appended to the log; the same (person, session, day)
/// again replaces the earlier record, so a retry never credits twice. A provider may record
/// attendance at its own placements' sessions.
enum AttendanceRecordMethod: RotaMethod {
    static let name = "attendance.record"
    static let roles: Set<Actor.Role> = [.officer, .provider]
    struct Input { var personId: String; var sessionId: String; var day: CalendarDay?; var hours: Double; var status: AttendanceRecord.Status }

    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> Input {
        try params.run { r throws(InputError) in
            Input(personId: try r.id("personId"), sessionId: try r.id("sessionId"),
                  day: r.has("day") ? try r.day("day") : nil,
                  hours: try r.number("hours", min: 0, max: 24),
                  status: try r.enumeration("status", "attended, absent", default: .attended) { AttendanceRecord.Status(rawValue: $0) })
        }
    }

    static func run(_ input: Input, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue {
        let i = try service.personIndex(input.personId, path: "params.personId")
        let index = service.record.index
        // A dated session has one day; a weekly one names its occurrence by `day` (TIMETABLE.md).
        let placement: Placement
        let sessionDay: CalendarDay
        if let at = index.placementSessions[input.sessionId] {
            placement = service.dataset.placements[at.placement]
            sessionDay = placement.sessions[at.session].interval.day
            if let day = input.day, day != sessionDay {
                throw .invalidParams(path: "params.day", "session \(input.sessionId) is on \(sessionDay), not \(day)")
            }
        } else if let at = index.weeklyPlacementSessions[input.sessionId] {
            placement = service.dataset.placements[at.placement]
            let weekly = placement.weeklySessions[at.session]
            guard let day = input.day else { throw .invalidParams(path: "params.day", "required for the weekly session \(input.sessionId)") }
            guard weekly.recurrence.occurrence(inWeekOf: day.adding(days: -day.weekday)) == day else {
                throw .invalidParams(path: "params.day", "the weekly session \(input.sessionId) does not run on \(day) (\(day.weekdayName))")
            }
            sessionDay = day
        } else {
            throw ResponseError(.notFound, "no placement session \"\(input.sessionId)\"", data: .obj([("path", "params.sessionId")]))
        }
        if actor.role == .provider && placement.provider != actor.id {
            throw ResponseError(.notPermitted, "session \(input.sessionId) is at another provider's placement")
        }
        guard service.dataset.people[i].upw != nil else { throw ResponseError(.conflict, "\(input.personId) has no unpaid-work order to credit") }
        let record = AttendanceRecord(personId: input.personId, sessionId: input.sessionId, day: sessionDay,
                                      hours: input.hours, status: input.status, recordedBy: actor, at: RotaService.timestamp())
        try service.commit(.attendanceRecorded(record), by: actor)
        let order = service.dataset.people[i].upw!
        let completed = order.hoursCompleted + service.record.attendance.credited(to: input.personId)
        return .obj([("personId", .string(input.personId)), ("hoursCompleted", .amount(completed)),
                     ("hoursRemaining", .amount(max(0, order.hoursOrdered - completed)))])
    }
}

/// `attendance.list`: a person's attendance history, oldest first.
enum AttendanceListMethod: RotaMethod {
    static let name = "attendance.list"
    static let roles: Set<Actor.Role> = [.officer]
    static func decode(_ params: Params, actor: Actor) throws(ResponseError) -> String { try params.string("personId") }

    static func run(_ personId: String, actor: Actor, service: RotaService) throws(ResponseError) -> JSONValue {
        _ = try service.personIndex(personId, path: "params.personId")
        return .obj([("personId", .string(personId)), ("records", .array(service.record.attendance.records(of: personId).map { r in
            .obj([("sessionId", .string(r.sessionId)), ("day", .string(r.day.description)), ("hours", .amount(r.hours)),
                  ("status", .string(r.status.rawValue)), ("recordedBy", RecordCoding.actor(r.recordedBy)), ("at", .string(r.at))])
        }))])
    }
}
