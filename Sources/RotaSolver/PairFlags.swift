/// One bit per candidate pair, read like a `[Bool]`: a byte a pair was 46 MB on the densest
/// region measured, where the bits take 6.
struct PairFlags: Sendable {
    private let words: [UInt64]

    init(_ flags: [Bool]) {
        var words = [UInt64](repeating: 0, count: (flags.count + 63) / 64)
        for (i, flag) in flags.enumerated() where flag { words[i >> 6] |= 1 << UInt64(i & 63) }
        self.words = words
    }

    @inline(__always) subscript(i: Int) -> Bool { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
}
