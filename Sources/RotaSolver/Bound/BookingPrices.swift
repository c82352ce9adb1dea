import RotaEngine

/// Lagrangian prices on "a booking wherever someone needs one" (x_c ≤ b for each candidate c
/// that needs an interpreter), for `LowerBound`.
///
/// The person pays π_c for candidate c; a booking (session, language) is bought, adding
/// 40 − Σπ to the bound, only when the prices of its possible users pass its cost. A fixed share
/// can never charge a person alone with their language in a session the whole booking; the prices
/// get there by subgradient steps (x_c − b). Prices start at 40 / (possible users), so no booking
/// is bought at first. Only the prices of candidates chosen in a step or of bookings bought can
/// move, so a step touches those alone.
///
/// Interpreters' time is priced too: a language's bookings running at one time cannot outnumber
/// its interpreters then. Without it the bound let every Romanian speaker in a region take a
/// weekday morning that only four interpreters could cover (docs/experiments).
struct BookingPrices {
    /// Candidates that need a booking, sorted (a price's index is found by binary search: a hash
    /// map of a large region's candidates would cost a short bound's budget). A dense region has
    /// millions: per price, 32-bit numbers where they suffice.
    let candidates: [Int32]
    var price: [Double]
    /// Per price, its (session, language) key; per key, its prices and their sum.
    let key: [Int32]
    let members: [[Int32]]
    var priceSum: [Double]
    /// Where each price sits: its slice's pattern index, and its slot there.
    let slice: [Int32]
    let indexSlot: [Int32]
    let bookingCost: Double
    /// Interpreter time: one slot per (language, day, session start) among the bookable keys,
    /// with the interpreters of that language available then (`slotCapacity`) and a price ν ≥ 0
    /// on "bookings of a language running at one time ≤ its interpreters then" — each booking
    /// needs its own interpreter. A booking pays 40 + Σν over the slots it covers.
    let keySlots: [[Int]]
    let slotCapacity: [Double]
    var nu: [Double]
    /// Per key, Σν over its slots.
    private var keyNu: [Double]
    private var slotUse: [Int]
    /// Prices chosen in the current step.
    private var chosenFlag: [Bool]
    private(set) var chosen: [Int] = []
    private(set) var bought: [Int] = []
    /// The prices whose subgradient is not zero this step (see `settle`).
    private var moving: [Int] = []

    /// Builds the prices and writes their starting values into `indices`, in place of the fixed
    /// `shares` the items were built with (other prices on the items stay).
    init(_ m: SolverModel, indices: inout [PatternIndex], replacing shares: BookingShares) {
        var sorted: [Int32] = []
        sorted.reserveCapacity(indices.reduce(0) { $0 + $1.bookingSlots.count })
        for index in indices { for (_, c) in index.bookingSlots { sorted.append(c) } }
        sorted.sort()
        candidates = sorted
        let n = sorted.count
        var slice = Array(repeating: Int32(0), count: n), indexSlot = slice
        for k in indices.indices {
            for (i, c) in indices[k].bookingSlots { let j = Self.position(of: Int(c), in: sorted)!; slice[j] = Int32(k); indexSlot[j] = i }
        }
        self.slice = slice
        self.indexSlot = indexSlot
        let languages = m.languageStride
        var keyOf = Array(repeating: Int32(-1), count: m.sessionCount * languages)
        var members: [[Int32]] = []
        var key: [Int32] = []
        key.reserveCapacity(n)
        // Each key's session and language, for the interpreter-time slots.
        var keySession: [Int] = [], keyLanguage: [Int] = []
        for (j, c32) in sorted.enumerated() {
            let c = Int(c32)
            let s = Int(m.candSession[c]), l = Int(m.interpreterLanguage[Int(m.candPerson[c])])
            let k = s * languages + l
            if keyOf[k] < 0 {
                keyOf[k] = Int32(members.count)
                members.append([])
                keySession.append(s)
                keyLanguage.append(l)
            }
            key.append(keyOf[k])
            members[Int(keyOf[k])].append(Int32(j))
        }
        self.key = key
        self.members = members
        bookingCost = m.weights.interpreterBooking
        var price = Array(repeating: 0.0, count: n)
        for j in 0..<n { price[j] = m.weights.interpreterBooking / Double(members[Int(key[j])].count) }
        self.price = price
        priceSum = members.map { $0.reduce(0.0) { $0 + price[Int($1)] } }
        chosenFlag = Array(repeating: false, count: n)
        for j in 0..<n { indices[Int(slice[j])].shift(slot: Int(indexSlot[j]), by: price[j] - shares[Int(sorted[j])]) }
        (keySlots, slotCapacity) = Self.interpreterSlots(m, keySession: keySession, keyLanguage: keyLanguage)
        nu = Array(repeating: 0, count: slotCapacity.count)
        keyNu = Array(repeating: 0, count: members.count)
        slotUse = Array(repeating: 0, count: slotCapacity.count)
    }

    /// The interpreter-time slots each key covers, and each slot's interpreters. The most
    /// bookings of a language running at once is reached at some booking's start, so a slot per
    /// (language, day, start of a keyed session) is enough; an interpreter counts in a slot of
    /// each language they speak who is available at that minute (a multilingual one in several:
    /// a relaxation, so still a bound).
    static func interpreterSlots(_ m: SolverModel, keySession: [Int], keyLanguage: [Int]) -> (keySlots: [[Int]], capacity: [Double]) {
        struct Slot: Hashable { let language: Int; let day: CalendarDay; let minute: Int }
        var slotIndex: [Slot: Int] = [:]
        var slots: [Slot] = []
        /// Per (language, day), its slots.
        var ofDay: [Slot: [Int]] = [:]
        for k in keySession.indices {
            let iv = m.region.sessions[keySession[k]].interval
            let slot = Slot(language: keyLanguage[k], day: iv.day, minute: iv.start.minutes)
            guard slotIndex[slot] == nil else { continue }
            slotIndex[slot] = slots.count
            ofDay[Slot(language: slot.language, day: slot.day, minute: 0), default: []].append(slots.count)
            slots.append(slot)
        }
        let keySlots = keySession.indices.map { k in
            let iv = m.region.sessions[keySession[k]].interval
            return ofDay[Slot(language: keyLanguage[k], day: iv.day, minute: 0)]!.filter {
                slots[$0].minute >= iv.start.minutes && slots[$0].minute < iv.end.minutes
            }
        }
        let capacity = slots.map { t in
            Double(m.interpretersByLanguage[t.language].filter { i in
                m.interpreterAvailability[Int(i)].contains { $0.day == t.day && $0.start.minutes <= t.minute && t.minute < $0.end.minutes }
            }.count)
        }
        return (keySlots, capacity)
    }

    static func position(of c: Int, in sorted: [Int32]) -> Int? {
        var lo = 0, hi = sorted.count
        while lo < hi { let mid = (lo + hi) / 2; if Int(sorted[mid]) < c { lo = mid + 1 } else { hi = mid } }
        return lo < sorted.count && Int(sorted[lo]) == c ? lo : nil
    }

    /// Records this step's chosen candidates (those needing a booking in the weeks the people
    /// chose) and returns the bookings' side of the bound: Σ over bought bookings of 40 − Σπ.
    mutating func settle(chosenCandidates: [Int]) -> Double {
        for j in chosen { chosenFlag[j] = false }
        chosen = chosenCandidates.compactMap { Self.position(of: $0, in: candidates) }
        for j in chosen { chosenFlag[j] = true }
        bought.removeAll(keepingCapacity: true)
        var value = 0.0
        for t in slotUse.indices { slotUse[t] = 0 }
        for k in priceSum.indices where priceSum[k] > bookingCost + keyNu[k] {
            value += bookingCost + keyNu[k] - priceSum[k]
            bought.append(k)
            for t in keySlots[k] { slotUse[t] += 1 }
        }
        for t in nu.indices { value -= nu[t] * slotCapacity[t] }
        // Subgradient x_c − b: +1 for a chosen candidate whose booking is not bought, −1 for an
        // unchosen one (with a price left) whose booking is.
        moving = chosen.filter { !isBought($0) }
        for k in bought { for j32 in members[k] where !chosenFlag[Int(j32)] && price[Int(j32)] > 0 { moving.append(Int(j32)) } }
        return value
    }

    private func isBought(_ j: Int) -> Bool { priceSum[Int(key[j])] > bookingCost + keyNu[Int(key[j])] }

    /// Σ g² over the prices (for the Polyak step).
    func squaredNorm() -> Double {
        var norm = Double(moving.count)
        for t in nu.indices {
            let g = Double(slotUse[t]) - slotCapacity[t]
            if g > 0 || nu[t] > 0 { norm += g * g }
        }
        return norm
    }

    /// The interpreter-time prices' subgradient, sparse (slots from `offset`, in order): what a
    /// proximal bundle (`ProximalBundle`) takes in place of their subgradient steps.
    func slotSubgradient(offset: Int, index: inout [Int32], value: inout [Double]) {
        for t in nu.indices {
            let g = Double(slotUse[t]) - slotCapacity[t]
            if g != 0 && (g > 0 || nu[t] > 0) {
                index.append(Int32(offset + t))
                value.append(g)
            }
        }
    }

    /// Sets the interpreter-time prices (one per slot, in order).
    mutating func setSlotPrices(_ values: ArraySlice<Double>) {
        var changed = false
        for (t, v) in zip(nu.indices, values) where nu[t] != v {
            nu[t] = v
            changed = true
        }
        if changed { for k in keyNu.indices { keyNu[k] = keySlots[k].reduce(0.0) { $0 + nu[$1] } } }
    }

    /// One subgradient step of length `step`, written into `indices`; the interpreter-time
    /// prices stay as they are unless `slots`.
    mutating func step(_ step: Double, indices: inout [PatternIndex], slots: Bool = true) {
        for j in moving {
            let next = max(0, price[j] + (chosenFlag[j] ? step : -step))
            priceSum[Int(key[j])] += next - price[j]
            indices[Int(slice[j])].shift(slot: Int(indexSlot[j]), by: next - price[j])
            price[j] = next
        }
        guard slots else { return }
        var changed = false
        for t in nu.indices {
            let next = max(0, nu[t] + step * (Double(slotUse[t]) - slotCapacity[t]))
            if next != nu[t] { nu[t] = next; changed = true }
        }
        if changed { for k in keyNu.indices { keyNu[k] = keySlots[k].reduce(0.0) { $0 + nu[$1] } } }
    }
}
