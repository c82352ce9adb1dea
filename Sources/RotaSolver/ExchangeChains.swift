import Dispatch
import RotaEngine

/// Chains of people trading seats among the placement sessions of one day.
///
/// When seats are scarce a person reaches a nearer session only if someone there moves on, and
/// they only if someone else does. The annealing's moves (change, swap, displace) reach two
/// links, and cold, near the end, rarely even that. Among the sessions of one day a move changes
/// no one's days, and their hours only by the difference of two lengths, so what it costs is the
/// mover's static cost (travel, continuity, interests), that difference in shortfall, the
/// isolation it makes or ends and the interpreter booking it needs or frees. Each session is a
/// node; an arc a → b is the move of the person in a whose move to b costs least; a free-seat
/// node starts a chain at any session and ends it at one with a seat left. A negative cycle is
/// an improving chain or rotation of any length, found by Bellman–Ford (Ahuja, Ergun, Orlin &
/// Punnen, 2002, on very large-scale neighbourhoods; Thompson & Orlin, 1989, on cyclic
/// exchanges). Sessions of one day and one length come first (no one's hours change), then
/// whole days.
///
/// An arc's cost counts isolation and bookings as if its move were made alone, so a chain is
/// applied through the rota's own moves, each checked against every rule, and kept only when
/// the exact change in soft cost is negative; otherwise its first arc is set aside.
struct ExchangeChains {
    /// Placement sessions grouped by (day, length), then by day; classes of one session are left
    /// out, and a day of one length appears once.
    let classes: [[Int32]]
    /// The first this many classes are of one length: no move in them changes anyone's hours.
    let sameLengthClasses: Int
    /// Arcs kept per session, the cheapest: a cycle through dear arcs rarely pays, and
    /// Bellman–Ford over every pair of a large class of sessions cost too much a pass.
    static let arcsKept = 24
    /// A class is left after this many chains fail the exact check.
    static let failuresPerClass = 20

    init(_ m: SolverModel) {
        var index: [Int: Int] = [:]
        var classes: [[Int32]] = []
        for s in 0..<m.placementSessionCount {
            let key = Int(m.sessionDay[s]) << 32 | Int((m.sessionHours[s] * 100).rounded())
            if let k = index[key] { classes[k].append(Int32(s)) } else { index[key] = classes.count; classes.append([Int32(s)]) }
        }
        // Then whole days, where a move may change the mover's hours (by the difference of the
        // lengths): after the classes of one length, these find chains that trade lengths too.
        var days = Array(repeating: [Int32](), count: 7)
        for s in 0..<m.placementSessionCount { days[Int(m.sessionDay[s])].append(Int32(s)) }
        let sameLength = classes.filter { $0.count > 1 }
        sameLengthClasses = sameLength.count
        self.classes = sameLength + days.filter { day in day.count > 1 && !classes.contains(day) }
    }

    /// A move: `person` gives up candidate `from` for candidate `to`.
    struct Arc {
        var target: Int32
        var cost: Double
        var person: Int32
        var from: Int32
        var to: Int32
    }

    /// Scratch shared by the classes of one pass.
    private struct Scratch {
        /// Per session, its index in the class being worked on (-1 outside it).
        var node: [Int32]
        /// Per person in the class, their position in `people`.
        var slot: [Int32]
        /// The class's people and, per person, their candidates in the class's other sessions
        /// (`options[optionStart[i]..<optionStart[i + 1]]`).
        var people: [Int32] = []
        var options: [(candidate: Int32, node: Int32)] = []
        var optionStart: [Int] = []
        /// Per node, its kept arcs (`arcs[a * arcsKept ..< a * arcsKept + arcCount[a]]`).
        var arcs: [Arc] = []
        var arcCount: [Int] = []
        /// The cheapest arc to each node while one node's arcs are built.
        var row: [Arc] = []
        var touched: [Int32] = []
        var banned: Set<Int> = []
        var dist: [Double] = []
        var parent: [Int32] = []
        var via: [Int32] = []
        var stamp: [Int32] = []
        var journal = Journal()
    }

    /// Applies improving chains, class by class, until each class has none left or `deadline`
    /// passes. Returns how many chains were applied.
    ///
    /// With two threads or more the classes of one length are split by day between two cores: a
    /// chain among them changes only sessions of its day (their seats, isolation and bookings; an
    /// interpreter's bookings on different days never overlap) and no one's hours, so each core
    /// works on its own copy and the merged rota takes each day from the copy that worked on it.
    /// The whole days follow on one core: their chains change hours, and a person whose hours
    /// two cores changed at once could pass their weekly maximum.
    @discardableResult
    func improve(_ state: inout SearchState, deadline: UInt64, threads: Int = 1) -> Int {
        guard threads >= 2 else { return improve(&state, classes: classes.indices, deadline: deadline) }
        return improveOnTwoCores(&state, classes: 0..<sameLengthClasses, deadline: deadline)
            + improve(&state, classes: sameLengthClasses..<classes.count, deadline: deadline)
    }

    /// `improve` on `chosen`, classes of one length, split by day between two cores.
    func improveOnTwoCores(_ state: inout SearchState, classes chosen: Range<Int>, deadline: UInt64) -> Int {
        precondition(chosen.upperBound <= sameLengthClasses, "only chains that keep everyone's hours may run on two cores")
        guard !chosen.isEmpty else { return 0 }
        let m = state.m
        // Days to the less loaded core, heaviest first (a class's work grows with its sessions).
        var load = Array(repeating: 0, count: 7)
        for k in chosen { load[Int(m.sessionDay[Int(classes[k][0])])] += classes[k].count * classes[k].count }
        var core = Array(repeating: 0, count: 7), coreLoad = [0, 0]
        for d in (0..<7).sorted(by: { load[$0] > load[$1] }) {
            core[d] = coreLoad[0] <= coreLoad[1] ? 0 : 1
            coreLoad[core[d]] += load[d]
        }
        let base = state, owner = core
        let results = SliceResults<(SearchState, Int)?>(count: 2, empty: nil)
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            var copy = base
            let mine = chosen.filter { owner[Int(m.sessionDay[Int(classes[$0][0])])] == k }
            let applied = improve(&copy, classes: mine, deadline: deadline)
            results.set(k, (copy, applied))
        }
        let (halves, applied) = (results.values.map { $0!.0 }, results.values.reduce(0) { $0 + $1!.1 })
        guard applied > 0 else { return 0 }
        let held = (0..<m.personCount).map { p in
            (0..<2).flatMap { k in halves[k].heldCandidates(p).filter { core[Int(m.sessionDay[Int(m.candSession[Int($0)])])] == k } }
        }
        var bookings = base.bookedInterpreter
        for s in 0..<m.placementSessionCount {
            let k = core[Int(m.sessionDay[s])]
            for l in 0..<state.L { bookings[s * state.L + l] = halves[k].bookedInterpreter[s * state.L + l] }
        }
        state = SearchState.rebuild(model: m, held: held, groupOf: base.groupOf, bookings: bookings)
        return applied
    }

    /// `improve` on the classes of `chosen`, one after another.
    private func improve<C: Collection<Int>>(_ state: inout SearchState, classes chosen: C, deadline: UInt64) -> Int {
        var scratch = Scratch(node: Array(repeating: -1, count: state.m.sessionCount),
                              slot: Array(repeating: -1, count: state.m.personCount))
        var applied = 0
        for k in chosen {
            let sessions = classes[k]
            if DispatchTime.now().uptimeNanoseconds >= deadline { break }
            for (i, s) in sessions.enumerated() { scratch.node[Int(s)] = Int32(i) }
            applied += improve(&state, sessions: sessions, scratch: &scratch, deadline: deadline)
            for s in sessions { scratch.node[Int(s)] = -1 }
        }
        return applied
    }

    /// One class: finds a negative cycle, applies it, and rebuilds the arcs out of the sessions
    /// it changed, until none is left or too many fail the exact check.
    private func improve(_ state: inout SearchState, sessions: [Int32], scratch x: inout Scratch, deadline: UInt64) -> Int {
        let m = state.m
        let n = sessions.count
        // The class's people and their candidates in it, once: moves stay within the class, so
        // its people do not change while it is worked on, only where they sit.
        x.people.removeAll(keepingCapacity: true)
        x.options.removeAll(keepingCapacity: true)
        x.optionStart.removeAll(keepingCapacity: true)
        x.optionStart.append(0)
        for a in 0..<n {
            let sa = Int(sessions[a])
            for k in 0..<Int(state.headcount[sa]) {
                let p = state.attendee(sa, k)
                x.slot[p] = Int32(x.people.count)
                x.people.append(Int32(p))
                for c in m.candidates(of: p) {
                    let b = x.node[Int(m.candSession[c])]
                    if b >= 0 && Int(b) != a { x.options.append((Int32(c), b)) }
                }
                x.optionStart.append(x.options.count)
            }
        }
        defer { for p in x.people { x.slot[Int(p)] = -1 } }
        let none = Arc(target: -1, cost: .infinity, person: -1, from: -1, to: -1)
        x.arcs = Array(repeating: none, count: n * Self.arcsKept)
        x.arcCount = Array(repeating: 0, count: n)
        x.row = Array(repeating: none, count: n)
        x.banned.removeAll(keepingCapacity: true)
        for a in 0..<n { buildArcs(from: a, state: state, sessions: sessions, scratch: &x) }
        var applied = 0, failures = 0
        while failures < Self.failuresPerClass && DispatchTime.now().uptimeNanoseconds < deadline {
            guard let cycle = negativeCycle(n: n, state: state, sessions: sessions, scratch: &x) else { break }
            let before = state.soft
            x.journal.clear()
            for arc in cycle { state.remove(Int(arc.person), candidate: Int(arc.from), journal: &x.journal) }
            var fits = true
            for arc in cycle {
                guard state.canAdd(Int(arc.person), candidate: Int(arc.to)) else { fits = false; break }
                state.add(Int(arc.person), candidate: Int(arc.to), journal: &x.journal)
            }
            if fits && state.soft < before - 1e-6 {
                applied += 1
                for arc in cycle { buildArcs(from: Int(x.node[Int(m.candSession[Int(arc.from)])]), state: state, sessions: sessions, scratch: &x) }
            } else {
                state.rollback(&x.journal)
                failures += 1
                let a = Int(x.node[Int(m.candSession[Int(cycle[0].from)])])
                x.banned.insert(a * n + Int(cycle[0].target))
                buildArcs(from: a, state: state, sessions: sessions, scratch: &x)
            }
        }
        return applied
    }

    /// The arcs out of node `a`: per other session, the cheapest move there of a person in `a`
    /// (its cost as if made alone); the `arcsKept` cheapest of them are kept.
    private func buildArcs(from a: Int, state: SearchState, sessions: [Int32], scratch x: inout Scratch) {
        let m = state.m
        let n = sessions.count
        let sa = Int(sessions[a])
        x.touched.removeAll(keepingCapacity: true)
        for k in 0..<Int(state.headcount[sa]) {
            let p = state.attendee(sa, k)
            let i = Int(x.slot[p])
            guard i >= 0, let ca = m.candidateIndex(p, session: Int32(sa)) else { continue }
            let l = Int(m.interpreterLanguage[p])
            let leave = state.leavingCost(p, candidate: ca)
            let rest = state.hours[p] - m.sessionHours[sa]
            let now = state.shortfall(p, state.hours[p])
            for o in x.options[x.optionStart[i]..<x.optionStart[i + 1]] {
                let b = Int(o.node), sb = Int(sessions[b]), c = Int(o.candidate)
                let after = rest + m.sessionHours[sb]
                guard !WeeklyHours.exceedsMaximum(after, maximum: m.maxHours[p]) else { continue }
                // A first booking there needs an interpreter free then.
                if m.candNeedsBooking[c] && state.needCount[sb * state.L + l] == 0 && !state.bookable(sb, l) { continue }
                let w = leave + state.joiningCost(p, candidate: c) + state.shortfall(p, after) - now
                if x.row[b].target < 0 { x.touched.append(Int32(b)) }
                if w < x.row[b].cost { x.row[b] = Arc(target: Int32(b), cost: w, person: Int32(p), from: Int32(ca), to: Int32(c)) }
            }
        }
        // The cheapest `arcsKept`, replacing the dearest kept while a cheaper one comes.
        let first = a * Self.arcsKept
        var count = 0, worst = 0
        for b32 in x.touched {
            let b = Int(b32)
            let arc = x.row[b]
            x.row[b].target = -1
            x.row[b].cost = .infinity
            if !x.banned.isEmpty && x.banned.contains(a * n + b) { continue }
            if count < Self.arcsKept {
                x.arcs[first + count] = arc
                if arc.cost > x.arcs[first + worst].cost { worst = count }
                count += 1
            } else if arc.cost < x.arcs[first + worst].cost {
                x.arcs[first + worst] = arc
                for j in 0..<count where x.arcs[first + j].cost > x.arcs[first + worst].cost { worst = j }
            }
        }
        x.arcCount[a] = count
    }

    /// A negative cycle among the class's nodes and the free-seat node, as its moves (the
    /// free-seat node's arcs carry none), by Bellman–Ford from every node at once; nil when
    /// there is none.
    private func negativeCycle(n: Int, state: SearchState, sessions: [Int32], scratch x: inout Scratch) -> [Arc]? {
        let sink = n
        x.dist = Array(repeating: 0, count: n + 1)
        x.parent = Array(repeating: -1, count: n + 1)
        x.via = Array(repeating: -1, count: n + 1)
        x.stamp = Array(repeating: 0, count: n + 1)
        for _ in 0...n {
            var changed = false
            for a in 0..<n {
                let da = x.dist[a]
                for j in 0..<x.arcCount[a] {
                    let arc = x.arcs[a * Self.arcsKept + j]
                    let b = Int(arc.target)
                    guard da + arc.cost < x.dist[b] - 1e-9 else { continue }
                    x.dist[b] = da + arc.cost
                    x.parent[b] = Int32(a)
                    x.via[b] = Int32(a * Self.arcsKept + j)
                    changed = true
                }
                // A chain ends at a session with a seat left; any session may start one.
                let s = Int(sessions[a])
                if state.hasFreeSeat(s) && da < x.dist[sink] - 1e-9 {
                    x.dist[sink] = da; x.parent[sink] = Int32(a); x.via[sink] = -1; changed = true
                }
                if x.dist[sink] < x.dist[a] - 1e-9 { x.dist[a] = x.dist[sink]; x.parent[a] = Int32(sink); x.via[a] = -1; changed = true }
            }
            if !changed { return nil }
            // A cycle among the parents is a negative one.
            var walk: Int32 = 0
            for v in 0...n {
                walk += 1
                var u = v
                while u >= 0 && x.stamp[u] == 0 { x.stamp[u] = walk; u = Int(x.parent[u]) }
                guard u >= 0 && x.stamp[u] == walk else { continue }
                var moves: [Arc] = []
                var y = u
                repeat {
                    if x.via[y] >= 0 { moves.append(x.arcs[Int(x.via[y])]) }
                    y = Int(x.parent[y])
                } while y != u
                return moves.isEmpty ? nil : moves.reversed()
            }
            for i in 0...n { x.stamp[i] = 0 }
        }
        return nil
    }
}
