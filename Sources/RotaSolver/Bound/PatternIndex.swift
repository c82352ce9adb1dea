/// Each person's candidates grouped by (day, session length), built once per bound: a
/// subgradient step then only takes a minimum over each contiguous group.
struct PatternIndex: Sendable {
    /// Per worker (index into `workers`), the range of its groups.
    var groupStart: [Int32] = [0]
    var groupDay: [Int8] = []
    var groupHours: [Double] = []
    /// Per group, the range of its items.
    var itemStart: [Int32] = [0]
    var itemCost: [Double] = []
    /// An item's price key: its session × `keyStride` + the person's tag (the tag's own slot
    /// `tagCount` when they have none), or just its session when `keyStride` is 1. Prices are
    /// read per key, so seat prices and the isolation prices (`IsolationPrices`) of a session
    /// can differ by tag.
    var itemKey: [Int32] = []
    let keyStride: Int32
    /// Items whose candidate needs an interpreter booking: (item, candidate).
    var bookingItems: [(Int32, Int32)] = []

    /// The session of price key `key`.
    @inline(__always) func session(ofKey key: Int32) -> Int32 { key / keyStride }

    init(_ m: SolverModel, workers: [Int], bookingShare: BookingShares, keyedByTag: Bool = false) {
        keyStride = keyedByTag ? Int32(m.tagCount + 1) : 1
        // Bucket by day, then sort each (small) day by length; candidates stay in session order
        // within a group. O(candidates) but for the few lengths a day has.
        var days = Array(repeating: [(key: Int, c: Int)](), count: 7)
        var order: [(key: Int, c: Int)] = []
        for p in workers {
            for d in 0..<7 { days[d].removeAll(keepingCapacity: true) }
            for c in m.candidates(of: p) {
                let s = Int(m.candSession[c])
                days[Int(m.sessionDay[s])].append((Int((m.sessionHours[s] * 100).rounded()), c))
            }
            order.removeAll(keepingCapacity: true)
            for d in 0..<7 where !days[d].isEmpty {
                days[d].sort { $0.key != $1.key ? $0.key < $1.key : $0.c < $1.c }
                order.append(contentsOf: days[d])
            }
            var last: (Int8, Double)? = nil
            for (_, c) in order {
                let s = Int(m.candSession[c])
                let key = (m.sessionDay[s], m.sessionHours[s])
                if last == nil || last!.0 != key.0 || last!.1 != key.1 {
                    if last != nil { itemStart.append(Int32(itemCost.count)) }
                    groupDay.append(key.0)
                    groupHours.append(key.1)
                    last = key
                }
                if m.candNeedsBooking[c] { bookingItems.append((Int32(itemCost.count), Int32(c))) }
                itemCost.append(m.candNeedsBooking[c] ? m.candCost[c] + bookingShare[c] : m.candCost[c])
                itemKey.append(Int32(s) * keyStride + (keyedByTag ? (m.tag[p] >= 0 ? m.tag[p] : Int32(m.tagCount)) : 0))
            }
            if last != nil { itemStart.append(Int32(itemCost.count)) }
            groupStart.append(Int32(groupDay.count))
        }
    }
}
