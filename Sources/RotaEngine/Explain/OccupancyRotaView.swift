/// The resolved rota's answers to `RotaRule`, for the explanations.
extension Occupancy: RotaView {
    public func seatsTaken(_ s: Int) -> Int { attendees[s].count }
    public func seatLimit(_ s: Int) -> Int { region.sessions[s].capacity }

    public func worksOnDay(of s: Int, person p: Int) -> Bool {
        let day = region.sessions[s].interval.day
        return sessionsOf[p].contains { region.sessions[$0].interval.day == day }
    }

    public func programmeOverlaps(_ s: Int, person p: Int) -> Bool {
        let iv = region.sessions[s].interval
        return groupsOf[p].contains { g in region.groups[g].sessions.contains { region.sessions[$0].interval.overlaps(iv) } }
    }

    public func hoursHeld(_ p: Int) -> Double { hours(p) }
    public func shortestHeld(_ p: Int) -> Double { sessionsOf[p].reduce(Double.infinity) { min($0, region.sessions[$1].hours) } }
    public func sessionHours(_ s: Int) -> Double { region.sessions[s].hours }
    public func maximumHours(_ p: Int) -> Double { region.maxWeeklyHours[p] }
    public func remainingHours(_ p: Int) -> Double { region.remainingHours[p] }

    public func nonAssociateAttending(_ s: Int, of p: Int) -> Int? {
        region.nonAssociates[p].first { attendees[s].contains($0) }
    }

    public func interpreterAssured(for p: Int, at s: Int) -> Bool {
        guard region.needsBooking(person: p, session: s) else { return true }
        let language = region.people[p].language
        return bookingsAt[s].contains { $0.language == language } || interpreterFree(for: s, language: language)
    }
}
