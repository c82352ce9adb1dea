extension Region {
    /// Barriers of rules 2 (own intervals), 8, 9 and 10 between person `p` and an in-week session.
    @inlinable
    public func timeAndPlaceBarriers(person p: Int, session s: Int) -> Barriers {
        timeBarriers(person: p, session: s).union(placeBarriers(person: p, at: sessions[s].location))
    }

    /// Barriers of rules 2 and 10: the session's time against the person's availability,
    /// commitments and childcare windows. `childcareOnSite` comes from the placement; programme
    /// groups have no crèche.
    @inlinable
    public func timeBarriers(person p: Int, session s: Int) -> Barriers {
        timeBarriers(of: problem.people[p], session: s)
    }

    /// `timeBarriers(person:session:)` for a person already at hand: building the candidates asks
    /// this of every nearby (person, session), and copying the person each time (a dozen
    /// reference counts) used to be most of the model's build.
    @inlinable
    public func timeBarriers(of person: Person, session s: Int) -> Barriers {
        let interval = sessions[s].interval
        var b: Barriers = []
        if let avail = person.availability, !avail.anyContains(interval) { b.insert(.outsideAvailability) }
        if person.unavailable.anyOverlaps(interval) { b.insert(.overlapsUnavailable) }
        if let windows = person.childcareWindows, !windows.anyContains(interval) {
            let pl = sessions[s].placement
            let onSite = pl >= 0 && problem.placements[pl].childcareOnSite
            if !onSite { b.insert(.outsideChildcare) }
        }
        return b
    }

    /// Barriers of rules 8 and 9: where a session is held against the person's exclusion zones and travel limit.
    @inlinable
    public func placeBarriers(person p: Int, at location: GeoPoint) -> Barriers {
        placeBarriers(of: problem.people[p], p, at: location)
    }

    /// `placeBarriers(person:at:)` for person `p` already at hand (as `timeBarriers(of:session:)`).
    @inlinable
    public func placeBarriers(of person: Person, _ p: Int, at location: GeoPoint) -> Barriers {
        placeBarriers(of: person, p, at: location, kmFromHome: person.home.distanceKm(to: location))
    }

    /// `placeBarriers(of:_:at:)` with the distance from home already measured (the candidate build
    /// needs it for the travel cost too).
    @inlinable
    public func placeBarriers(of person: Person, _ p: Int, at location: GeoPoint, kmFromHome: Double) -> Barriers {
        var b: Barriers = []
        for z in person.exclusionZones where location.distanceKm(to: z.centre) <= z.radiusKm {
            b.insert(.exclusionZone)
            break
        }
        if kmFromHome > maxTravelKm[p] { b.insert(.tooFar) }
        return b
    }

    /// Rule 9 alone: `location` is further from the person's home than they may travel.
    @inlinable
    public func isBeyondTravel(person p: Int, _ location: GeoPoint) -> Bool {
        problem.people[p].home.distanceKm(to: location) > maxTravelKm[p]
    }

    /// Barriers of rules 4 and 6 between person `p` and the placement of session `s`.
    @inlinable
    public func placementBarriers(person p: Int, placement pl: Int) -> Barriers {
        placementBarriers(of: problem.people[p], placement: pl)
    }

    /// `placementBarriers(person:placement:)` for a person already at hand. The placement's fields
    /// are read where they lie: a copy of the whole placement (names, skills, sessions) per
    /// nearby placement and person used to be most of a large region's candidate build.
    @inlinable
    public func placementBarriers(of person: Person, placement pl: Int) -> Barriers {
        var b: Barriers = []
        let womenOnly = problem.placements[pl].womenOnly
        if womenOnly && person.sex != .female { b.insert(.womenOnlySession) }
        if person.womenOnly && !womenOnly && problem.placements[pl].kind != .individual { b.insert(.mixedSession) }
        if person.risk.rosh > problem.placements[pl].maxRosh { b.insert(.roshTooHigh) }
        if person.risk.childRisk && problem.placements[pl].childrenPresent { b.insert(.childRisk) }
        if person.risk.vulnerableAdultRisk && problem.placements[pl].vulnerableAdultsPresent { b.insert(.vulnerableAdultRisk) }
        if person.risk.mappaLevel >= 2 && !problem.placements[pl].mappaApproved { b.insert(.mappaNotApproved) }
        return b
    }

    /// Barriers of rules 4, 5 (interpreter support) and 6 (RoSH only) between person `p` and group `g`:
    /// the rules PROBLEM.md counts once per (person, group).
    public func groupBarriers(person p: Int, group g: Int) -> Barriers {
        let person = problem.people[p]
        let group = groups[g].group
        var b: Barriers = []
        if group.womenOnly && person.sex != .female { b.insert(.womenOnlySession) }
        if person.womenOnly && !group.womenOnly { b.insert(.mixedSession) }
        if person.risk.rosh > problem.programmes[groups[g].programme].maxRosh { b.insert(.roshTooHigh) }
        if person.needsInterpreter && !group.staffLanguages.contains(person.language) && !group.interpreterSupported {
            b.insert(.interpreterUnsupported)
        }
        return b
    }

    /// True when person `p` needs a booked interpreter at session `s`.
    @inlinable
    public func needsBooking(person p: Int, session s: Int) -> Bool {
        needsBooking(of: problem.people[p], session: s)
    }

    /// `needsBooking(person:session:)` for a person already at hand.
    @inlinable
    public func needsBooking(of person: Person, session s: Int) -> Bool {
        person.needsInterpreter && !sessions[s].staffLanguages.contains(person.language)
    }

    /// True when interpreter `i` may be booked for session `s` in `language` (speaks it, and one
    /// availability interval holds the whole session).
    @inlinable
    public func interpreterCanServe(_ i: Int, session s: Int, language: String) -> Bool {
        let it = problem.interpreters[i]
        return it.languages.contains(language) && it.availability.anyContains(sessions[s].interval)
    }
}
