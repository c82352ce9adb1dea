import RotaJSON

/// The verdict on a rota: hard count, soft cost and its breakdown, and every violation.
public struct ScoreReport: Sendable {
    public var hard: Int { violations.count }
    public var breakdown: [SoftCost: Double]
    public var violations: [Violation]
    public var soft: Double { SoftCost.allCases.reduce(0) { $0 + (breakdown[$1] ?? 0) } }

    public init(breakdown: [SoftCost: Double] = [:], violations: [Violation] = []) {
        self.breakdown = breakdown
        self.violations = violations
    }

    public func violationsPerRule() -> [HardRule: Int] {
        var c: [HardRule: Int] = [:]
        for v in violations { c[v.rule, default: 0] += 1 }
        return c
    }

    /// PROBLEM.md: hard equal, soft within 0.01.
    public func matches(_ reported: ReportedScore?) -> Bool {
        guard let r = reported else { return false }
        return r.hard == hard && abs(r.soft - soft) <= 0.01
    }

    public var reportedScore: ReportedScore {
        var b: [String: Double] = [:]
        for c in SoftCost.allCases { b[c.rawValue] = breakdown[c] ?? 0 }
        return ReportedScore(hard: hard, soft: soft, breakdown: b)
    }

    /// The JSON of `rota validate`.
    public func json(reportedScoreMatches: Bool) -> JSONValue {
        .obj([
            ("hard", .int(hard)),
            ("soft", .amount(soft)),
            ("breakdown", .obj(SoftCost.allCases.map { ($0.rawValue, .amount(breakdown[$0] ?? 0)) })),
            ("violations", .array(violations.map { v in
                .obj([("rule", .int(v.rule.rawValue)), ("message", .string(v.message)),
                      ("people", .strings(v.people)), ("sessions", .strings(v.sessions))])
            })),
            ("reportedScoreMatches", .bool(reportedScoreMatches)),
        ])
    }

    /// A short human summary (`rota validate --text`).
    public func text(reportedScoreMatches: Bool) -> String {
        var lines: [String] = []
        lines.append("hard \(hard)  soft \(JSONWriter.formatNumber((soft * 100).rounded() / 100))  (reported score \(reportedScoreMatches ? "matches" : "does not match"))")
        for c in SoftCost.allCases {
            let v = breakdown[c] ?? 0
            lines.append("  \(c.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0)) \(JSONWriter.formatNumber((v * 100).rounded() / 100))")
        }
        let per = violationsPerRule()
        if !per.isEmpty {
            lines.append("violations by rule: " + per.keys.sorted().map { "\($0.rawValue) \($0.title) ×\(per[$0]!)" }.joined(separator: ", "))
        }
        for v in violations { lines.append("  [rule \(v.rule.rawValue)] \(v.message)") }
        return lines.joined(separator: "\n")
    }
}
