import Foundation

/// A small, fast, seedable generator (Steele, Lea & Flood, 2014), so that every generated region
/// and every solve with `--threads 1` is repeatable for a seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }

    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<n` (n > 0), by Lemire's multiply-shift; bias is negligible for our sizes.
    @inlinable public mutating func below(_ n: Int) -> Int {
        Int((UInt128(next()) * UInt128(UInt64(n))) >> 64)
    }

    /// Uniform in [0, 1).
    @inlinable public mutating func unit() -> Double { Double(next() >> 11) * (1.0 / 9007199254740992.0) }

    @inlinable public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Puts `items` in a uniformly random order (Fisher–Yates), drawing from this stream only.
    @inlinable public mutating func shuffle<T>(_ items: inout [T]) {
        for i in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(i, below(i + 1)) }
    }

    /// A standard normal deviate (Box–Muller).
    public mutating func gaussian() -> Double {
        let u1 = max(unit(), 1e-12), u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

