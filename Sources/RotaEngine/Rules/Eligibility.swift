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
        let person = problem.people[p]
        let ref = sessions[s]
        var b: Barriers = []
        if let avail = person.availability, !avail.anyContains(ref.interval) { b.insert(.outsideAvailability) }
        if person.unavailable.anyOverlaps(ref.interval) { b.insert(.overlapsUnavailable) }
        if let windows = person.childcareWindows, !windows.anyContains(ref.interval) {
            let onSite = ref.placement >= 0 && problem.placements[ref.placement].childcareOnSite
            if !onSite { b.insert(.outsideChildcare) }
        }
        return b
    }

    /// Barriers of rules 8 and 9: where a session is held against the person's exclusion zones and travel limit.
    @inlinable
    public func placeBarriers(person p: Int, at location: GeoPoint) -> Barriers {
        let person = problem.people[p]
        var b: Barriers = []
        for z in person.exclusionZones where location.distanceKm(to: z.centre) <= z.radiusKm {
            b.insert(.exclusionZone)
            break
        }
        if isBeyondTravel(person: p, location) { b.insert(.tooFar) }
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
        let person = problem.people[p]
        let placement = problem.placements[pl]
        var b: Barriers = []
        if placement.womenOnly && person.sex != .female { b.insert(.womenOnlySession) }
        if person.womenOnly && !placement.womenOnly && placement.kind != .individual { b.insert(.mixedSession) }
        if person.risk.rosh > placement.maxRosh { b.insert(.roshTooHigh) }
        if person.risk.childRisk && placement.childrenPresent { b.insert(.childRisk) }
        if person.risk.vulnerableAdultRisk && placement.vulnerableAdultsPresent { b.insert(.vulnerableAdultRisk) }
        if person.risk.mappaLevel >= 2 && !placement.mappaApproved { b.insert(.mappaNotApproved) }
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
        let person = problem.people[p]
        return person.needsInterpreter && !sessions[s].staffLanguages.contains(person.language)
    }

    /// True when interpreter `i` may be booked for session `s` in `language` (speaks it, and one
    /// availability interval holds the whole session).
    @inlinable
    public func interpreterCanServe(_ i: Int, session s: Int, language: String) -> Bool {
        let it = problem.interpreters[i]
        return it.languages.contains(language) && it.availability.anyContains(sessions[s].interval)
    }
}
