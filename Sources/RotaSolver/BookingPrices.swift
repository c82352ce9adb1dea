/// Lagrangian prices on "a booking wherever someone needs one" (x_c ≤ b for each candidate c
/// that needs an interpreter), for `LowerBound`.
///
/// The person pays π_c for candidate c; a booking (session, language) is bought, adding
/// 40 − Σπ to the bound, only when the prices of its possible users pass its cost. A fixed share
/// can never charge a person alone with their language in a session the whole booking; the prices
/// get there by subgradient steps (x_c − b). Prices start at 40 / (possible users), so no booking
/// is bought at first. Only the prices of candidates chosen in a step or of bookings bought can
/// move, so a step touches those alone.
struct BookingPrices {
    /// Candidates that need a booking, sorted (a price's index is found by binary search: a hash
    /// map of a million candidates at 20,000 people would cost a short bound's budget).
    let candidates: [Int]
    var price: [Double]
    /// Per price, its (session, language) key; per key, its prices and their sum.
    let key: [Int]
    let members: [[Int]]
    var priceSum: [Double]
    /// Where each price sits in the pattern indices.
    let slice: [Int]
    let item: [Int]
    let base: [Double]
    let bookingCost: Double
    /// Prices chosen in the current step.
    private var chosenFlag: [Bool]
    private(set) var chosen: [Int] = []
    private(set) var bought: [Int] = []
    /// The prices whose subgradient is not zero this step (see `settle`).
    private var moving: [Int] = []

    /// Builds the prices and writes their starting values into `indices`.
    init(_ m: SolverModel, indices: inout [PatternIndex]) {
        candidates = indices.flatMap { $0.bookingItems.map { Int($0.1) } }.sorted()
        let n = candidates.count
        var slice = Array(repeating: 0, count: n), item = slice
        let sorted = candidates
        func index(_ c: Int) -> Int? { Self.position(of: c, in: sorted) }
        for k in indices.indices {
            for (i, c) in indices[k].bookingItems { let j = index(Int(c))!; slice[j] = k; item[j] = Int(i) }
        }
        self.slice = slice
        self.item = item
        base = candidates.map { m.candCost[$0] }
        let languages = m.languageStride
        var keyOf = Array(repeating: -1, count: m.sessionCount * languages)
        var members: [[Int]] = []
        var key: [Int] = []
        for (j, c) in candidates.enumerated() {
            let k = Int(m.candSession[c]) * languages + Int(m.interpreterLanguage[Int(m.candPerson[c])])
            if keyOf[k] < 0 { keyOf[k] = members.count; members.append([]) }
            key.append(keyOf[k])
            members[keyOf[k]].append(j)
        }
        self.key = key
        self.members = members
        bookingCost = m.weights.interpreterBooking
        let start = key.map { m.weights.interpreterBooking / Double(members[$0].count) }
        price = start
        priceSum = members.map { $0.reduce(0.0) { $0 + start[$1] } }
        chosenFlag = Array(repeating: false, count: n)
        for j in 0..<n { indices[slice[j]].itemCost[item[j]] = base[j] + price[j] }
    }

    static func position(of c: Int, in sorted: [Int]) -> Int? {
        var lo = 0, hi = sorted.count
        while lo < hi { let mid = (lo + hi) / 2; if sorted[mid] < c { lo = mid + 1 } else { hi = mid } }
        return lo < sorted.count && sorted[lo] == c ? lo : nil
    }

    /// Records this step's chosen candidates (those needing a booking in the weeks the people
    /// chose) and returns the bookings' side of the bound: Σ over bought bookings of 40 − Σπ.
    mutating func settle(chosenCandidates: [Int]) -> Double {
        for j in chosen { chosenFlag[j] = false }
        chosen = chosenCandidates.compactMap { Self.position(of: $0, in: candidates) }
        for j in chosen { chosenFlag[j] = true }
        bought.removeAll(keepingCapacity: true)
        var value = 0.0
        for k in priceSum.indices where priceSum[k] > bookingCost {
            value += bookingCost - priceSum[k]
            bought.append(k)
        }
        // Subgradient x_c − b: +1 for a chosen candidate whose booking is not bought, −1 for an
        // unchosen one (with a price left) whose booking is.
        moving = chosen.filter { !isBought($0) }
        for k in bought { for j in members[k] where !chosenFlag[j] && price[j] > 0 { moving.append(j) } }
        return value
    }

    private func isBought(_ j: Int) -> Bool { priceSum[key[j]] > bookingCost }

    /// Σ g² over the prices (for the Polyak step).
    func squaredNorm() -> Double { Double(moving.count) }

    /// One subgradient step of length `step`, written into `indices`.
    mutating func step(_ step: Double, indices: inout [PatternIndex]) {
        for j in moving {
            let next = max(0, price[j] + (chosenFlag[j] ? step : -step))
            priceSum[key[j]] += next - price[j]
            price[j] = next
            indices[slice[j]].itemCost[item[j]] = base[j] + next
        }
    }
}
