/// Each person's candidate placement sessions as a bitset over sessions, with the rank of every
/// word, so "which of p's candidates have a free seat" is a few word ANDs against the rota's
/// open-session bitset instead of a scan of all p's candidates.
///
/// In a large region a person has hundreds of candidates and most sessions are full in a good
/// rota: refilling a ruin (most of the search's time) scanned every candidate for the few open
/// ones.
/// Candidates are sorted by session, so the candidate index of a set bit is the person's first
/// candidate plus the number of set bits before it.
struct CandidateBitsets: Sendable {
    /// Words per person (placement sessions / 64, rounded up).
    let words: Int
    let bits: [UInt64]
    /// Per (person, word): the person's candidates in earlier words.
    let rank: [Int32]

    init(candStart: [Int32], candSession: [Int32], sessions: Int) {
        let people = candStart.count - 1
        words = max(1, (sessions + 63) / 64)
        var bits = [UInt64](repeating: 0, count: people * words)
        var rank = [Int32](repeating: 0, count: people * words)
        for p in 0..<people {
            let row = p * words
            for c in Int(candStart[p])..<Int(candStart[p + 1]) {
                let s = Int(candSession[c])
                bits[row + s >> 6] |= 1 << UInt64(s & 63)
            }
            var before: Int32 = 0
            for w in 0..<words {
                rank[row + w] = before
                before += Int32(bits[row + w].nonzeroBitCount)
            }
        }
        self.bits = bits
        self.rank = rank
    }
}
