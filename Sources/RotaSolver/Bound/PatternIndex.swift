/// Each person's candidates grouped by (day, session length), built once per bound: a
/// subgradient step then only takes a minimum over each contiguous group.
///
/// An item is eight bytes: its static cost as a `Float` rounded down, so the bound stays a bound,
/// and its price key. Prices of an item's own — an interpreter booking's share or price, an
/// isolation price — are kept exactly, in slots, for the few items that have them: such an
/// item's key is a slot's, past the session keys, whose price each step writes as its session's
/// plus its own (`itemPrices`), so the scan reads every item alike. A `Double`
/// cost, updated in place, took twelve bytes an item: 560 MB on a 46-million-pair region, most
/// of the bound's peak over the search's (docs/SOLVER.md). (An item of four bytes, the candidate
/// alone, with cost and session read from the model, made a step a third slower.)
struct PatternIndex: Sendable {
    /// Per worker (index into `workers`), the range of its groups.
    var groupStart: [Int32] = [0]
    var groupDay: [Int8] = []
    var groupHours: [Double] = []
    /// Per group, the range of its items.
    var itemStart: [Int32] = [0]
    /// Per item, its candidate's static cost rounded down, and its price key: a session key
    /// (below `sessionKeys`) or `sessionKeys` + its slot.
    private(set) var itemCost: [Float] = []
    private(set) var itemKey: [UInt32] = []
    let sessionKeys: Int
    /// Per slot, its item's session key and the price added to the item's cost.
    private(set) var slotKey: [UInt32] = []
    private(set) var slotExtra: [Double] = []
    /// Price keys are a session × `keyStride` + the person's tag slot (`tagSlot(of:)`), or just
    /// the session when `keyStride` is 1. Prices are read per key, so seat prices and the
    /// isolation prices (`IsolationPrices`) of a session can differ by tag.
    let keyStride: Int32
    private let tag: [Int32]
    private let tagCount: Int32
    /// The slots of candidates that need an interpreter booking: (slot, candidate).
    private(set) var bookingSlots: [(slot: Int32, candidate: Int32)] = []

    /// The session of price key `key`.
    @inline(__always) func session(ofKey key: Int32) -> Int32 { key / keyStride }

    /// Person `p`'s part of their candidates' price keys.
    @inline(__always) func tagSlot(of p: Int) -> Int32 {
        keyStride == 1 ? 0 : (tag[p] >= 0 ? tag[p] : tagCount)
    }

    /// The session key of item `k` (its session's price key, whether or not it has a slot).
    @inline(__always) func key(ofItem k: Int) -> Int32 {
        let key = Int(itemKey[k])
        return Int32(bitPattern: key < sessionKeys ? UInt32(key) : slotKey[key - sessionKeys])
    }

    /// The slot of item `k` (-1: none).
    @inline(__always) func slot(ofItem k: Int) -> Int32 {
        let key = Int(itemKey[k])
        return key < sessionKeys ? -1 : Int32(key - sessionKeys)
    }

    /// The prices the scan reads by item key: `keyPrices` (per session key), then per slot its
    /// session key's price plus its own.
    func itemPrices(_ keyPrices: [Double]) -> [Double] {
        var prices = keyPrices
        prices.reserveCapacity(sessionKeys + slotKey.count)
        for slot in slotKey.indices { prices.append(keyPrices[Int(slotKey[slot])] + slotExtra[slot]) }
        return prices
    }

    /// Adds `delta` to the cost of the candidate in `slot` (a booking or isolation price moved).
    @inline(__always) mutating func shift(slot: Int, by delta: Double) { slotExtra[slot] += delta }

    /// `x` as a `Float` no greater than it.
    static func roundedDown(_ x: Double) -> Float {
        let f = Float(x)
        return Double(f) > x ? f.nextDown : f
    }

    /// - Parameter keyedByTag: prices are kept per (session, tag), and the candidates of tagged
    ///   people in sessions whose isolation is priced (`IsolationPrices.isPriced`) get slots.
    init(_ m: SolverModel, workers: [Int], bookingShare: BookingShares, keyedByTag: Bool = false) {
        keyStride = keyedByTag ? Int32(m.tagCount + 1) : 1
        tag = m.tag
        tagCount = Int32(m.tagCount)
        sessionKeys = m.sessionCount * Int(keyStride)
        precondition(sessionKeys + m.pairCount < Int(UInt32.max), "more than 2^32 price keys")
        let pairs = workers.reduce(0) { $0 + m.candidates(of: $1).count }
        itemCost.reserveCapacity(pairs)
        itemKey.reserveCapacity(pairs)
        // Per day, the worker's session lengths (hundredths of an hour, with the hours) and a
        // bucket of candidates for each: candidates arrive in session order and stay in it, and
        // a day has few lengths, so a linear search finds the bucket and nothing is sorted but
        // the lengths.
        var lengths = Array(repeating: [(length: Int, hours: Double)](), count: 7)
        var buckets = Array(repeating: [[Int32]](), count: 7)
        for p in workers {
            for d in 0..<7 {
                lengths[d].removeAll(keepingCapacity: true)
                for b in buckets[d].indices { buckets[d][b].removeAll(keepingCapacity: true) }
            }
            for c in m.candidates(of: p) {
                let s = Int(m.candSession[c])
                let d = Int(m.sessionDay[s]), length = Int((m.sessionHours[s] * 100).rounded())
                var b = lengths[d].firstIndex { $0.length == length } ?? -1
                if b < 0 {
                    b = lengths[d].count
                    lengths[d].append((length, m.sessionHours[s]))
                    if buckets[d].count <= b { buckets[d].append([]) }
                }
                buckets[d][b].append(Int32(c))
            }
            for d in 0..<7 {
                for b in lengths[d].indices.sorted(by: { lengths[d][$0].length < lengths[d][$1].length }) {
                    groupDay.append(Int8(d))
                    groupHours.append(lengths[d][b].hours)
                    for c32 in buckets[d][b] {
                        let c = Int(c32)
                        let s = Int(m.candSession[c])
                        var key = UInt32(s) * UInt32(keyStride) + UInt32(tagSlot(of: p))
                        let needsBooking = m.candNeedsBooking[c]
                        let isolationPriced = keyedByTag && m.tag[p] >= 0 && IsolationPrices.isPriced(m, session: s)
                        if needsBooking || isolationPriced {
                            let slot = UInt32(slotKey.count)
                            if needsBooking { bookingSlots.append((Int32(slot), Int32(c))) }
                            slotKey.append(key)
                            slotExtra.append(needsBooking ? bookingShare[c] : 0)
                            key = UInt32(sessionKeys) + slot
                        }
                        itemCost.append(Self.roundedDown(m.candCost[c]))
                        itemKey.append(key)
                    }
                    itemStart.append(Int32(itemKey.count))
                }
            }
            groupStart.append(Int32(groupDay.count))
        }
    }
}
