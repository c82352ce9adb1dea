import RotaJSON

/// Resources a commissioner could add (PROTOCOL.md's CHANGES): sessions, seats, interpreters, a
/// women-only setting or a crèche at a placement, interpreter support in a group. A what-if
/// applies them to a copy of the week's document; nothing stored changes.
public struct CapacityChanges: Sendable {
    public struct NewSession: Sendable {
        public var placementId: String
        public var session: PlacementSession
        /// Set when the session was given as weekly: it applies to a week by its occurrence.
        public var weekly: WeeklyPlacementSession?
        public init(placementId: String, session: PlacementSession, weekly: WeeklyPlacementSession? = nil) {
            (self.placementId, self.session, self.weekly) = (placementId, session, weekly)
        }
    }
    public struct Capacity: Sendable {
        public var sessionId: String
        public var capacity: Int
        public init(sessionId: String, capacity: Int) { (self.sessionId, self.capacity) = (sessionId, capacity) }
    }
    public struct PlacementChange: Sendable {
        public var id: String
        public var womenOnly: Bool?
        public var childcareOnSite: Bool?
        public init(id: String, womenOnly: Bool?, childcareOnSite: Bool?) { (self.id, self.womenOnly, self.childcareOnSite) = (id, womenOnly, childcareOnSite) }
    }
    public struct GroupChange: Sendable {
        public var id: String
        public var interpreterSupported: Bool?
        public init(id: String, interpreterSupported: Bool?) { (self.id, self.interpreterSupported) = (id, interpreterSupported) }
    }

    public var addSessions: [NewSession] = []
    public var setCapacity: [Capacity] = []
    public var addInterpreters: [Interpreter] = []
    public var placements: [PlacementChange] = []
    public var groups: [GroupChange] = []
    /// The JSON path of each entry, for errors found when the changes meet a document.
    var paths: [String: String] = [:]

    public init() {}

    public static func decode(_ r: FieldReader) throws(InputError) -> CapacityChanges {
        var c = CapacityChanges()
        for item in try r.optionalArray("addSessions", maxCount: r.limits.maxListEntries) ?? [] {
            let e = try FieldReader(item.value, path: item.path, limits: r.limits)
            guard let s = try e.nested("session") else { throw e.missing("session") }
            if s.has("weekday") {
                let w = try ProblemDecoder.decodeWeeklyPlacementSession(s)
                let shape = PlacementSession(id: w.id, interval: Interval(day: CalendarDay(daysSinceEpoch: 0), start: w.start, end: w.end), hours: w.hours, capacity: w.capacity)
                c.addSessions.append(NewSession(placementId: try e.id("placementId"), session: shape, weekly: w))
            } else {
                c.addSessions.append(NewSession(placementId: try e.id("placementId"), session: try ProblemDecoder.decodePlacementSession(s)))
            }
            c.paths["addSessions.\(c.addSessions.count - 1)"] = item.path
        }
        for item in try r.optionalArray("setCapacity", maxCount: r.limits.maxListEntries) ?? [] {
            let e = try FieldReader(item.value, path: item.path, limits: r.limits)
            c.setCapacity.append(Capacity(sessionId: try e.id("sessionId"), capacity: try e.integer("capacity", min: 0, max: r.limits.maxCapacity)))
            c.paths["setCapacity.\(c.setCapacity.count - 1)"] = item.path
        }
        for item in try r.optionalArray("addInterpreters", maxCount: r.limits.maxListEntries) ?? [] {
            c.addInterpreters.append(try ProblemDecoder.decodeInterpreter(FieldReader(item.value, path: item.path, limits: r.limits)))
            c.paths["addInterpreters.\(c.addInterpreters.count - 1)"] = item.path
        }
        for item in try r.optionalArray("placements", maxCount: r.limits.maxListEntries) ?? [] {
            let e = try FieldReader(item.value, path: item.path, limits: r.limits)
            c.placements.append(PlacementChange(id: try e.id("id"), womenOnly: e.has("womenOnly") ? try e.bool("womenOnly", default: false) : nil,
                                                childcareOnSite: e.has("childcareOnSite") ? try e.bool("childcareOnSite", default: false) : nil))
            c.paths["placements.\(c.placements.count - 1)"] = item.path
        }
        for item in try r.optionalArray("groups", maxCount: r.limits.maxListEntries) ?? [] {
            let e = try FieldReader(item.value, path: item.path, limits: r.limits)
            c.groups.append(GroupChange(id: try e.id("id"), interpreterSupported: e.has("interpreterSupported") ? try e.bool("interpreterSupported", default: false) : nil))
            c.paths["groups.\(c.groups.count - 1)"] = item.path
        }
        return c
    }

    /// The document with the changes made; an id that names nothing, or a new id that is taken,
    /// is refused naming the change's path.
    public func apply(to problem: Problem) throws(InputError) -> Problem {
        var p = problem
        func path(_ key: String, _ k: Int) -> String { paths["\(key).\(k)"] ?? "\(key)[\(k)]" }
        var sessionIds = Set(p.placements.flatMap { $0.sessions.map(\.id) })
        for pr in p.programmes { for g in pr.groups { for s in g.sessions { sessionIds.insert(s.id) } } }
        for (k, add) in addSessions.enumerated() {
            guard let i = p.placements.firstIndex(where: { $0.id == add.placementId }) else {
                throw InputError(path: path("addSessions", k) + ".placementId", reason: "no placement \"\(add.placementId)\"")
            }
            guard sessionIds.insert(add.session.id).inserted else {
                throw InputError(path: path("addSessions", k) + ".session.id", reason: "session id \"\(add.session.id)\" is taken")
            }
            if let weekly = add.weekly {
                // The week's document: the weekly session's occurrence in this week, if it has one.
                if let occurrence = weekly.occurrence(inWeekOf: p.weekStart) { p.placements[i].sessions.append(occurrence) }
            } else {
                p.placements[i].sessions.append(add.session)
            }
        }
        for (k, set) in setCapacity.enumerated() {
            guard let i = p.placements.firstIndex(where: { $0.sessions.contains { $0.id == set.sessionId } }) else {
                throw InputError(path: path("setCapacity", k) + ".sessionId", reason: "no placement session \"\(set.sessionId)\"")
            }
            let j = p.placements[i].sessions.firstIndex { $0.id == set.sessionId }!
            p.placements[i].sessions[j].capacity = set.capacity
        }
        var interpreterIds = Set(p.interpreters.map(\.id))
        for (k, it) in addInterpreters.enumerated() {
            guard interpreterIds.insert(it.id).inserted else { throw InputError(path: path("addInterpreters", k) + ".id", reason: "interpreter id \"\(it.id)\" is taken") }
            p.interpreters.append(it)
        }
        for (k, change) in placements.enumerated() {
            guard let i = p.placements.firstIndex(where: { $0.id == change.id }) else {
                throw InputError(path: path("placements", k) + ".id", reason: "no placement \"\(change.id)\"")
            }
            if let w = change.womenOnly { p.placements[i].womenOnly = w }
            if let c = change.childcareOnSite { p.placements[i].childcareOnSite = c }
        }
        for (k, change) in groups.enumerated() {
            guard let (i, j) = p.programmes.indices.lazy.compactMap({ i in p.programmes[i].groups.firstIndex { $0.id == change.id }.map { (i, $0) } }).first else {
                throw InputError(path: path("groups", k) + ".id", reason: "no programme group \"\(change.id)\"")
            }
            if let s = change.interpreterSupported { p.programmes[i].groups[j].interpreterSupported = s }
        }
        return p
    }

    /// As PROTOCOL.md writes CHANGES, so that a suggestion can be re-run.
    public var json: JSONValue {
        var m: [(String, JSONValue)] = []
        if !addSessions.isEmpty {
            m.append(("addSessions", .array(addSessions.map { a in
                .obj([("placementId", .string(a.placementId)), ("session", a.weekly.map(ProblemEncoder.weeklySession) ?? ProblemEncoder.session(a.session))])
            })))
        }
        if !setCapacity.isEmpty { m.append(("setCapacity", .array(setCapacity.map { .obj([("sessionId", .string($0.sessionId)), ("capacity", .int($0.capacity))]) }))) }
        if !addInterpreters.isEmpty { m.append(("addInterpreters", .array(addInterpreters.map(ProblemEncoder.interpreter)))) }
        if !placements.isEmpty {
            m.append(("placements", .array(placements.map { c in
                var o: [(String, JSONValue)] = [("id", .string(c.id))]
                if let w = c.womenOnly { o.append(("womenOnly", .bool(w))) }
                if let ch = c.childcareOnSite { o.append(("childcareOnSite", .bool(ch))) }
                return .obj(o)
            })))
        }
        if !groups.isEmpty {
            m.append(("groups", .array(groups.map { g in
                .obj([("id", .string(g.id))] + (g.interpreterSupported.map { [("interpreterSupported", JSONValue.bool($0))] } ?? []))
            })))
        }
        return .obj(m)
    }
}

/// What a what-if compares: the soft cost, the hours people are short of their weekly targets,
/// the starters left waiting, and access by need.
public struct WhatIfFigures: Sendable {
    public var soft: Double
    public var shortfallHours: Double
    public var startersUnplaced: Int
    public var access: AccessFigures

    public init(occupancy: Occupancy) {
        let region = occupancy.region
        soft = Scorer.score(occupancy).soft
        var short = 0.0, waiting = 0
        for (p, person) in region.people.enumerated() {
            short += occupancy.shortfallHours(p)
            if person.programme?.status == .awaiting && occupancy.groupsOf[p].isEmpty { waiting += 1 }
        }
        shortfallHours = short
        startersUnplaced = waiting
        access = AccessFigures(occupancy: occupancy)
    }

    public var json: JSONValue {
        .obj([("soft", .amount(soft)), ("shortfallHours", .amount(shortfallHours)), ("startersUnplaced", .int(startersUnplaced)), ("access", access.json)])
    }
}
