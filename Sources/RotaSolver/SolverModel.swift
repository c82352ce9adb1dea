import Dispatch
import Foundation
import RotaEngine

/// The problem as the search sees it: compact integer arrays, every static rule already applied.
///
/// A (person, placement session) pair is a *candidate* when no rule that depends only on the
/// two of them forbids it (availability, women-only, risk, exclusion zones, travel, childcare,
/// a clash with the person's fixed programme sessions, hours, an interpreter who could cover it).
/// What is left — capacity, one session a day, hours in total, non-association, interpreter
/// bookings — depends on the rest of the rota (`RotaRule`) and is checked by `SearchState` per
/// move.
///
/// A class, immutable and shared by every state and search: as a struct of some forty arrays it
/// was copied (memory and reference counts) wherever a move read `state.m` into a local.
public final class SolverModel: Sendable {
    public let region: Region
    public let weights: CostWeights

    // Sessions (indices are Region.sessions indices).
    public let sessionCount: Int
    public let placementSessionCount: Int
    public let sessionDay: [Int8]          // 0…6
    public let sessionStart: [Int16]
    public let sessionEnd: [Int16]
    public let sessionHours: [Double]
    public let sessionCapacity: [Int32]
    /// Where each placement session's seats start in a flat list of all seats: a session seats
    /// at most its capacity and at most its candidates (a typed capacity of 10,000 costs no
    /// memory). `SearchState` keeps its attendees there.
    public let seatStart: [Int32]
    /// Isolation applies (group-kind placement session).
    public let sessionIsWorkParty: [Bool]
    /// Per session, the languages of `languages` its staff speak, as a bitmask (the first 64
    /// languages; beyond that `needsBooking` asks the region).
    public let sessionStaffLanguageMask: [UInt64]

    // People.
    public let personCount: Int
    public let target: [Double]
    public let maxHours: [Double]
    public let remaining: [Double]
    public let hasOrder: [Bool]
    /// Interned tag (-1 none).
    public let tag: [Int32]
    public let tagCount: Int
    /// Interned language needing an interpreter (-1: needs none).
    public let interpreterLanguage: [Int32]
    public let nonAssociates: [[Int32]]

    /// Candidate sessions per person, CSR layout: candidates of p are `candSession[candStart[p]..<candStart[p+1]]`.
    public let candStart: [Int32]
    public let candSession: [Int32]
    /// Static soft cost of the pair: travel, continuity, interest mismatch (weighted).
    public let candCost: [Double]
    /// The pair needs a booked interpreter.
    let candNeedsBooking: PairFlags
    /// Per person, the `cheapestCount` candidates of lowest static cost (the nearest placements,
    /// mostly), as offsets into the person's candidates, cheapest first; -1 pads a person with
    /// fewer. Moves draw from these most of the time (`AnnealingSearch.randomCandidate`).
    public let cheapest: [Int32]
    public static let cheapestCount = 16
    /// The reverse view, by session: the candidate indices of session s are
    /// `sessionCand[sessionCandStart[s]..<sessionCandStart[s+1]]` (owner in `candPerson`).
    public let sessionCandStart: [Int32]
    public let sessionCand: [Int32]
    public let candPerson: [Int32]
    /// The candidates again, as a bitset per person (open-seat queries).
    let candidateBits: CandidateBitsets
    /// In-week sessions of each placement (ruin-and-recreate frees a placement's week).
    let placementSessions: [[Int32]]

    /// Starters: awaiting people, with candidate groups and the static cost (travel to every in-week session).
    public let starters: [Int32]
    public let isStarter: [Bool]
    public let groupCandidates: [[Int32]]      // per person (empty for non-starters)
    public let groupCandidateCost: [[Double]]
    public let groupCapacity: [Int32]
    public let groupSessions: [[Int32]]
    /// Enrolled members per group (fixed).
    public let enrolledMembers: [[Int32]]
    /// Enrolled group of each person (-1).
    public let enrolledGroup: [Int32]

    // Interpreters.
    public let languages: [String]
    public let interpretersByLanguage: [[Int32]]
    public let interpreterAvailability: [[Interval]]

    /// Cost that no decision changes: travel to enrolled members' group sessions.
    public let fixedCost: Double

    public init(region: Region) {
        self.region = region
        let problem = region.problem
        let w = problem.policy.weights
        self.weights = w
        let sessions = region.sessions
        sessionCount = sessions.count
        placementSessionCount = region.placementSessionCount
        let week = problem.weekStart.daysSinceEpoch
        sessionDay = sessions.map { Int8($0.interval.day.daysSinceEpoch - week) }
        sessionStart = sessions.map { Int16($0.interval.start.minutes) }
        sessionEnd = sessions.map { Int16($0.interval.end.minutes) }
        sessionHours = sessions.map(\.hours)
        sessionCapacity = sessions.map { Int32($0.capacity) }
        sessionIsWorkParty = sessions.map { $0.placement >= 0 && problem.placements[$0.placement].kind == .group }

        // Languages that somebody needs an interpreter for.
        var langIndex: [String: Int] = [:]
        var languages: [String] = []
        for p in problem.people where p.needsInterpreter && langIndex[p.language] == nil {
            langIndex[p.language] = languages.count
            languages.append(p.language)
        }
        self.languages = languages
        sessionStaffLanguageMask = sessions.map { s in
            var m: UInt64 = 0
            for l in s.staffLanguages { if let i = langIndex[l], i < 64 { m |= 1 << UInt64(i) } }
            return m
        }
        var byLang = Array(repeating: [Int32](), count: languages.count)
        for (i, it) in problem.interpreters.enumerated() {
            for l in Set(it.languages) { if let li = langIndex[l] { byLang[li].append(Int32(i)) } }
        }
        interpretersByLanguage = byLang
        interpreterAvailability = problem.interpreters.map(\.availability)

        personCount = problem.people.count
        target = region.weeklyTarget
        maxHours = region.maxWeeklyHours
        remaining = region.remainingHours
        hasOrder = problem.people.map { $0.upw != nil }
        var tagIndex: [String: Int32] = [:]
        tag = problem.people.map { p in
            guard let t = p.isolationTag else { return -1 }
            if let i = tagIndex[t] { return i }
            let i = Int32(tagIndex.count)
            tagIndex[t] = i
            return i
        }
        tagCount = tagIndex.count
        interpreterLanguage = problem.people.map { p in p.needsInterpreter ? Int32(langIndex[p.language]!) : -1 }
        nonAssociates = region.nonAssociates.map { $0.map(Int32.init) }
        enrolledGroup = region.enrolledGroup.map(Int32.init)

        var enrolled = Array(repeating: [Int32](), count: region.groups.count)
        for (p, g) in region.enrolledGroup.enumerated() where g >= 0 { enrolled[g].append(Int32(p)) }
        enrolledMembers = enrolled
        groupCapacity = region.groups.map { Int32($0.group.capacity) }
        groupSessions = region.groups.map { $0.sessions.map(Int32.init) }

        // Candidates, built in parallel over slices of people (both cores), then concatenated.
        let grid = PlacementGrid(region: region)
        placementSessions = (0..<problem.placements.count).map { grid.sessionsOf(placement: $0).map(Int32.init) }
        let chunkCount = max(1, min(64, problem.people.count / 256))
        let chunks = SliceResults(count: chunkCount, empty: CandidatePart())
        let byLangCopy = byLang, langIndexCopy = langIndex
        DispatchQueue.concurrentPerform(iterations: chunkCount) { k in
            let lo = problem.people.count * k / chunkCount, hi = problem.people.count * (k + 1) / chunkCount
            chunks.set(k, SolverModel.buildCandidates(region: region, grid: grid, people: lo..<hi, weights: w,
                                                      languageIndex: langIndexCopy, interpretersByLanguage: byLangCopy))
        }
        var candStart: [Int32] = [0]
        var candSession: [Int32] = [], candCost: [Double] = [], candNeeds: [Bool] = []
        var cheapest: [Int32] = []
        candStart.reserveCapacity(problem.people.count + 1)
        // Exact capacities, and each slice let go once copied: growth by doubling and every slice
        // held to the end would each add to the peak memory of a large region.
        let (pairTotal, cheapestTotal) = chunks.values.reduce((0, 0)) { ($0.0 + $1.sessions.count, $0.1 + $1.cheapest.count) }
        candSession.reserveCapacity(pairTotal)
        candCost.reserveCapacity(pairTotal)
        candNeeds.reserveCapacity(pairTotal)
        cheapest.reserveCapacity(cheapestTotal)
        var fixed = 0.0
        for k in 0..<chunkCount {
            let part = chunks.take(k, leaving: CandidatePart())
            let base = Int32(candSession.count)
            for e in part.ends { candStart.append(base + e) }
            candSession.append(contentsOf: part.sessions)
            candCost.append(contentsOf: part.costs)
            candNeeds.append(contentsOf: part.needs)
            cheapest.append(contentsOf: part.cheapest)
            fixed += part.fixedCost
        }
        self.candStart = candStart
        self.candSession = candSession
        self.candCost = candCost
        self.candNeedsBooking = PairFlags(candNeeds)
        self.cheapest = cheapest
        // Reverse index (counting sort by session).
        var owner = [Int32](repeating: 0, count: candSession.count)
        for p in 0..<problem.people.count { for c in Int(candStart[p])..<Int(candStart[p + 1]) { owner[c] = Int32(p) } }
        var start = [Int32](repeating: 0, count: sessions.count + 1)
        for s in candSession { start[Int(s) + 1] += 1 }
        for i in 0..<sessions.count { start[i + 1] += start[i] }
        var fill = start
        var bySession = [Int32](repeating: 0, count: candSession.count)
        for (c, s) in candSession.enumerated() {
            bySession[Int(fill[Int(s)])] = Int32(c)
            fill[Int(s)] += 1
        }
        self.candPerson = owner
        self.sessionCandStart = start
        self.sessionCand = bySession
        var seatStart: [Int32] = [0]
        for s in 0..<region.placementSessionCount { seatStart.append(seatStart[s] + min(Int32(sessions[s].capacity), start[s + 1] - start[s])) }
        self.seatStart = seatStart
        candidateBits = CandidateBitsets(candStart: candStart, candSession: candSession, sessions: region.placementSessionCount)

        // Starters.
        var starters: [Int32] = []
        var isStarter = Array(repeating: false, count: personCount)
        var gc = Array(repeating: [Int32](), count: personCount)
        var gcc = Array(repeating: [Double](), count: personCount)
        for (p, person) in problem.people.enumerated() {
            guard let prog = person.programme, prog.status == .awaiting, let pri = region.programmeIndex[prog.programmeId] else { continue }
            starters.append(Int32(p))
            isStarter[p] = true
            for (g, ref) in region.groups.enumerated() where ref.programme == pri && ref.group.acceptingNew {
                if !region.groupBarriers(person: p, group: g).isEmpty { continue }
                var ok = true
                var cost = 0.0
                for s in ref.sessions {
                    if !region.timeAndPlaceBarriers(person: p, session: s).isEmpty { ok = false; break }
                    if region.needsBooking(person: p, session: s) {
                        let li = langIndex[person.language]!
                        if !byLang[li].contains(where: { problem.interpreters[Int($0)].availability.anyContains(sessions[s].interval) }) { ok = false; break }
                    }
                    cost += person.home.distanceKm(to: sessions[s].location) * w.travelKm
                }
                if ok {
                    gc[p].append(Int32(g))
                    gcc[p].append(cost)
                }
            }
        }
        self.starters = starters
        self.isStarter = isStarter
        self.groupCandidates = gc
        self.groupCandidateCost = gcc
        self.fixedCost = fixed
    }

    struct CandidatePart {
        var ends: [Int32] = []
        var sessions: [Int32] = []
        var costs: [Double] = []
        var needs: [Bool] = []
        var cheapest: [Int32] = []
        var fixedCost = 0.0

        /// Notes the `cheapestCount` cheapest of the person whose candidates run from `first` to
        /// the end, by a small insertion list (ties: the earlier candidate, as a stable sort would).
        mutating func noteCheapest(from first: Int) {
            let k = SolverModel.cheapestCount
            let base = cheapest.count
            cheapest.append(contentsOf: repeatElement(-1, count: k))
            var n = 0
            for c in first..<costs.count {
                let cost = costs[c]
                if n == k && cost >= costs[first + Int(cheapest[base + k - 1])] { continue }
                var i = min(n, k - 1)
                while i > 0 && costs[first + Int(cheapest[base + i - 1])] > cost {
                    cheapest[base + i] = cheapest[base + i - 1]
                    i -= 1
                }
                cheapest[base + i] = Int32(c - first)
                n = min(n + 1, k)
            }
        }
    }

    /// Candidates of a slice of people. Per (person, placement): placement rules, travel, exclusion
    /// zones and the static costs once; per session: time rules, hours, fixed clashes, interpreters.
    static func buildCandidates(region: Region, grid: PlacementGrid, people range: Range<Int>, weights w: CostWeights,
                                languageIndex: [String: Int], interpretersByLanguage: [[Int32]]) -> CandidatePart {
        let problem = region.problem
        let sessions = region.sessions
        var out = CandidatePart()
        for p in range {
            let person = problem.people[p]
            let fixedSessions: [Int] = region.enrolledGroup[p] >= 0 ? region.groups[region.enrolledGroup[p]].sessions : []
            for s in fixedSessions { out.fixedCost += person.home.distanceKm(to: sessions[s].location) * w.travelKm }
            let first = out.sessions.count
            defer {
                out.noteCheapest(from: first)
                out.ends.append(Int32(out.sessions.count))
            }
            guard person.upw != nil, region.remainingHours[p] > 1e-9 else { continue }
            let maxH = region.maxWeeklyHours[p]
            let homeCos = person.home.cosLatitude
            let interpreters = person.needsInterpreter ? interpretersByLanguage[languageIndex[person.language]!] : []
            for pl in grid.placements(near: person.home, withinKm: region.maxTravelKm[p]) {
                // Fields are read in place: a copy of the whole placement per person was most of
                // this loop's time.
                if !region.placementBarriers(of: person, placement: pl).isEmpty { continue }
                let location = problem.placements[pl].location
                let km = GeoPoint.haversineKm(person.home, homeCos, location, grid.cosLatitude[pl])
                if !region.placeBarriers(of: person, p, at: location, kmFromHome: km).isEmpty { continue }
                var cost = km * w.travelKm
                if let cur = person.currentPlacementId, cur != problem.placements[pl].id { cost += w.continuity }
                if !person.interests.isEmpty && !person.interests.contains(where: { problem.placements[pl].skills.contains($0) }) { cost += w.interestMismatch }
                let needs = person.needsInterpreter && !problem.placements[pl].staffLanguages.contains(person.language)
                for s in grid.sessionsOf(placement: pl) {
                    let interval = sessions[s].interval
                    if sessions[s].hours > maxH + 1e-9 { continue }
                    if !region.timeBarriers(of: person, session: s).isEmpty { continue }
                    if fixedSessions.contains(where: { sessions[$0].interval.overlaps(interval) }) { continue }
                    if needs && !interpreters.contains(where: { problem.interpreters[Int($0)].availability.anyContains(interval) }) { continue }
                    out.sessions.append(Int32(s))
                    out.costs.append(cost)
                    out.needs.append(needs)
                }
            }
        }
        return out
    }

    @inlinable public func candidates(of p: Int) -> Range<Int> { Int(candStart[p])..<Int(candStart[p + 1]) }

    @inlinable public func candidates(ofSession s: Int) -> Range<Int> { Int(sessionCandStart[s])..<Int(sessionCandStart[s + 1]) }

    /// The candidate index of session `s` for person `p` (candidates are sorted by session), or nil.
    public func candidateIndex(_ p: Int, session s: Int32) -> Int? {
        var lo = Int(candStart[p]), hi = Int(candStart[p + 1])
        while lo < hi {
            let mid = (lo + hi) / 2
            if candSession[mid] < s { lo = mid + 1 } else { hi = mid }
        }
        return lo < Int(candStart[p + 1]) && candSession[lo] == s ? lo : nil
    }

    /// True when candidate pair `c` needs a booked interpreter.
    public func needsBooking(candidate c: Int) -> Bool { candNeedsBooking[c] }

    /// True when person `p` needs a booked interpreter at session `s`.
    @inlinable public func needsBooking(_ p: Int, _ s: Int) -> Bool {
        let l = interpreterLanguage[p]
        if l < 0 { return false }
        if l < 64 { return sessionStaffLanguageMask[s] & (UInt64(1) << UInt64(l)) == 0 }
        return region.needsBooking(person: p, session: s)
    }

    @inlinable public func overlaps(_ a: Int, _ b: Int) -> Bool {
        sessionDay[a] == sessionDay[b] && sessionStart[a] < sessionEnd[b] && sessionStart[b] < sessionEnd[a]
    }

    @inlinable public func interpreterAvailable(_ i: Int, for s: Int) -> Bool {
        let iv = region.sessions[s].interval
        for a in interpreterAvailability[i] where a.contains(iv) { return true }
        return false
    }

    public var pairCount: Int { candSession.count }

    /// Languages per session in the flat (session, language) tables of bookings and needs: a
    /// key is `session * languageStride + language` (at least 1, so a region with no interpreter
    /// needs still has one slot per session).
    public var languageStride: Int { max(1, languages.count) }
}
