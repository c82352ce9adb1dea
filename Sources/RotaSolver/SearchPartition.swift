import Foundation
import RotaEngine

/// One epoch's split of the rota between two threads, so that both search at once and their
/// best weeks merge without breaking a rule.
///
/// The rules that depend on the rest of the rota are capacity, non-association, interpreter
/// availability and group seats (the rest are the person's own). So: people are split by where
/// they work along a direction that turns every epoch; non-associates stay on one side; everyone
/// who needs an interpreter and every programme starter is on side 0 (bookings and group seats
/// are then one thread's); and each session's free seats go to the side the session is on. A
/// thread fills at most its seats, so the owners' weeks together never pass a session's capacity.
struct SearchPartition {
    /// Per person, the side (0 or 1) that may move them.
    let side: [Int8]
    /// Per side, the seats per session that side may fill.
    let seats: [[Int32]]

    init(_ base: SearchState, epoch: Int) {
        let m = base.m
        let region = m.region
        let angle = Double(epoch) * 2.399963  // the golden angle: directions never repeat
        let (dx, dy) = (cos(angle), sin(angle))
        func along(_ g: GeoPoint) -> Double { g.lon * dx + g.lat * dy }
        let people = region.problem.people
        // Where a person works (their first session), else where they live: people then mostly
        // share a side with the people they work beside, and few sessions have both sides'
        // people (isolation, a cost between people, is only exact within one side).
        let position = (0..<m.personCount).map { p -> Double in
            guard let c = base.heldCandidates(p).first else { return along(people[p].home) }
            return along(region.sessions[Int(m.candSession[Int(c)])].location)
        }
        let median = position.isEmpty ? 0 : position.sorted()[position.count / 2]  // a region with nobody in it has no sides
        // Non-associates share a side: union-find over the pairs.
        var root = Array(0..<m.personCount)
        func find(_ x: Int) -> Int { var x = x; while root[x] != x { root[x] = root[root[x]]; x = root[x] }; return x }
        for p in 0..<m.personCount { for q in m.nonAssociates[p] { root[find(p)] = find(Int(q)) } }
        var groupSide = Array(repeating: Int8(-1), count: m.personCount)
        for p in 0..<m.personCount where m.interpreterLanguage[p] >= 0 || m.isStarter[p] { groupSide[find(p)] = 0 }
        for p in 0..<m.personCount where groupSide[find(p)] < 0 { groupSide[find(p)] = position[find(p)] < median ? 0 : 1 }
        side = (0..<m.personCount).map { groupSide[find($0)] }
        var seats = [base.headcount, base.headcount]
        for s in 0..<m.placementSessionCount {
            let free = Int32(m.sessionCapacity[s]) - base.headcount[s]
            guard free > 0 else { continue }
            seats[along(region.sessions[s].location) < median ? 0 : 1][s] += free
        }
        self.seats = seats
    }

    /// The rota made of each person's week from the side that owns them (bookings and groups
    /// from side 0), rebuilt and scored exactly.
    func merge(_ a: SearchState, _ b: SearchState) -> SearchState {
        let held = side.indices.map { side[$0] == 0 ? Array(a.heldCandidates($0)) : Array(b.heldCandidates($0)) }
        return SearchState.rebuild(model: a.m, held: held, groupOf: a.groupOf, bookings: a.bookedInterpreter)
    }
}
