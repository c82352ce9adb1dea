@testable import RotaSolver

extension SearchState {
    /// Checks the bookkeeping against first principles : every need has
    /// exactly one interpreter, no interpreter is double-booked, counts match attendee lists.
    func checkInvariants() -> [String] {
        var problems: [String] = []
        var needs = Array(repeating: Int32(0), count: needCount.count)
        for (g, members) in groupMembers.enumerated() {
            for p in members where m.interpreterLanguage[Int(p)] >= 0 {
                for gs in m.groupSessions[g] where needsBooking(Int(p), Int(gs)) { needs[Int(gs) * L + Int(m.interpreterLanguage[Int(p)])] += 1 }
            }
        }
        var seated = Array(repeating: Int32(0), count: m.placementSessionCount)
        for p in 0..<m.personCount {
            var a = 0.0
            for c in heldCandidates(p) {
                let s = Int(m.candSession[Int(c)])
                a += m.sessionHours[s]
                seated[s] += 1
                if !attends(Int32(p), s) { problems.append("person \(p) holds session \(s) but is not among its attendees") }
                let open = openSessions[s >> 6] & (1 << UInt64(s & 63)) != 0
                if open != (headcount[s] < capacity[s]) { problems.append("session \(s) open bit \(open) with \(headcount[s]) of \(capacity[s]) seats taken") }
                if m.candNeedsBooking[Int(c)] { needs[s * L + Int(m.interpreterLanguage[p])] += 1 }
            }
            if abs(a - hours[p]) > 1e-6 { problems.append("person \(p) hours \(hours[p]) but sessions sum to \(a)") }
        }
        for s in 0..<m.placementSessionCount where seated[s] != headcount[s] {
            problems.append("session \(s) headcount \(headcount[s]) but \(seated[s]) people hold it")
        }
        for k in needs.indices {
            if needs[k] != needCount[k] { problems.append("need count of \(k) is \(needCount[k]), recount \(needs[k])") }
            if needs[k] > 0 && bookedInterpreter[k] < 0 && unbookableFixedNeeds == 0 { problems.append("(session, language) \(k) needed but not booked") }
        }
        for (i, ss) in interpreterSessions.enumerated() {
            for x in 0..<ss.count { for y in (x + 1)..<ss.count where m.overlaps(Int(ss[x]), Int(ss[y])) {
                problems.append("interpreter \(i) double-booked")
            } }
        }
        return problems
    }
}
