import RotaEngine
import RotaJSON

/// Seeded mutations of valid requests and documents, the way a careless or hostile client
/// breaks them: bytes flipped and cut, values of the wrong type, fields dropped, ids repeated,
/// numbers out of every range, nesting too deep, arrays too long.
struct Mutator {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    enum Kind: CaseIterable {
        case flipByte, cutBytes, swapType, dropField, duplicateIds, hugeNumber, deepNesting, hugeArray, nullField, emptyString
    }

    /// One mutated line from a valid message (no newline inside: the framing is not under test).
    mutating func mutate(_ valid: JSONValue) -> (kind: Kind, line: [UInt8]) {
        let kind = Kind.allCases[rng.below(Kind.allCases.count)]
        switch kind {
        case .flipByte:
            var bytes = JSONWriter.bytes(valid)
            for _ in 0...rng.below(3) where !bytes.isEmpty {
                let i = rng.below(bytes.count)
                var b = UInt8(truncatingIfNeeded: rng.below(256))
                if b == 0x0A { b = 0x20 }
                bytes[i] = b
            }
            return (kind, bytes)
        case .cutBytes:
            let bytes = JSONWriter.bytes(valid)
            return (kind, Array(bytes.prefix(rng.below(max(1, bytes.count)))))
        default:
            var v = valid
            rewriteOne(&v, kind: kind)
            return (kind, JSONWriter.bytes(v))
        }
    }

    /// Rewrites one value somewhere inside `v` (the deeper, the less likely).
    private mutating func rewriteOne(_ v: inout JSONValue, kind: Kind) {
        switch v {
        case .object(var o) where !o.members.isEmpty && rng.below(4) != 0:
            let i = rng.below(o.members.count)
            if kind == .dropField && rng.below(3) == 0 {
                o.members.remove(at: i)
            } else {
                rewriteOne(&o.members[i].value, kind: kind)
            }
            v = .object(o)
        case .array(var a) where !a.isEmpty && rng.below(4) != 0:
            let i = rng.below(a.count)
            if kind == .duplicateIds {
                a.append(contentsOf: Array(repeating: a[i], count: 1 + rng.below(50)))
            } else {
                rewriteOne(&a[i], kind: kind)
            }
            v = .array(a)
        default:
            v = replacement(for: v, kind: kind)
        }
    }

    private mutating func replacement(for v: JSONValue, kind: Kind) -> JSONValue {
        switch kind {
        case .swapType:
            let others: [JSONValue] = [.null, .bool(true), .number(7), .string("7"), .array([]), .object(JSONObject())]
            return others[rng.below(others.count)]
        case .hugeNumber:
            let huge: [Double] = [1e300, -1e300, 2147483648, 9007199254740993, 1e15, -1, 0, 5e-324, 3.5, 86_400_001]
            return .number(huge[rng.below(huge.count)])
        case .deepNesting:
            var d: JSONValue = v
            for _ in 0..<(rng.chance(0.5) ? 70 : 40) { d = rng.chance(0.5) ? .array([d]) : .obj([("x", d)]) }
            return d
        case .hugeArray:
            // Just past the list limits; a large value is not copied thousands of times (the run
            // would measure the parser's speed, not the limits).
            let element = JSONWriter.bytes(v).count > 2_048 ? JSONValue.number(1) : v
            return .array(Array(repeating: element, count: rng.chance(0.5) ? 2_500 : 1_001))
        case .nullField:
            return .null
        case .emptyString:
            return .string(rng.chance(0.5) ? "" : String(repeating: "é", count: 600))
        case .duplicateIds:
            return .array(Array(repeating: v, count: 2 + rng.below(100)))
        case .dropField, .flipByte, .cutBytes:
            return .null
        }
    }
}
