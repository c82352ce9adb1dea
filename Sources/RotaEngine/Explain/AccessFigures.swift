import RotaJSON

/// Access by need: how the people who need an interpreter, a women-only setting or school hours,
/// and those of high risk, fare against everyone (PROTOCOL.md, second round). The documented
/// failure of spreadsheet rotas is that these groups are the ones left without hours; these
/// figures make that visible in every rota the tool writes.
public struct AccessFigures: Hashable, Sendable {
    /// Over unpaid-work people with hours left (`R > 0`).
    public struct Figure: Hashable, Sendable {
        public var people = 0
        /// The share given any hours this week.
        public var withHours = 0.0
        /// The mean of `min(1, A / T)` (1 when `T` is 0).
        public var targetMet = 0.0
        public init(people: Int = 0, withHours: Double = 0, targetMet: Double = 0) {
            (self.people, self.withHours, self.targetMet) = (people, withHours, targetMet)
        }
    }

    /// Programme starters (`status: awaiting`): placed in a group this week, or still waiting.
    public struct Starters: Hashable, Sendable {
        public var placed = 0
        public var awaiting = 0
        public init(placed: Int = 0, awaiting: Int = 0) { (self.placed, self.awaiting) = (placed, awaiting) }
    }

    public static let needs = ["all", "interpreter", "womenOnly", "childcare", "roshHigh"]

    public var byNeed: [String: Figure] = [:]
    /// Interpreter users by language.
    public var byLanguage: [String: Figure] = [:]
    public var starters: [String: Starters] = [:]

    /// The needs a person counts under (always `all`).
    public static func needs(of person: Person) -> [String] {
        var out = ["all"]
        if person.needsInterpreter { out.append("interpreter") }
        if person.womenOnly { out.append("womenOnly") }
        if person.childcareWindows != nil { out.append("childcare") }
        if person.risk.rosh >= .high { out.append("roshHigh") }
        return out
    }

    public init(occupancy occ: Occupancy) {
        let region = occ.region
        var sums: [String: (n: Int, withHours: Int, met: Double)] = [:]
        var languageSums: [String: (n: Int, withHours: Int, met: Double)] = [:]
        for need in Self.needs {
            sums[need] = (0, 0, 0)
            starters[need] = Starters()
        }
        for (p, person) in region.people.enumerated() {
            let needs = Self.needs(of: person)
            if person.upw != nil && region.remainingHours[p] > 1e-9 {
                let a = occ.hours(p), t = region.weeklyTarget[p]
                let met = t > 1e-9 ? min(1, a / t) : 1
                for need in needs {
                    sums[need]!.n += 1
                    if a > 1e-9 { sums[need]!.withHours += 1 }
                    sums[need]!.met += met
                }
                if person.needsInterpreter {
                    var l = languageSums[person.language] ?? (0, 0, 0)
                    l.n += 1
                    if a > 1e-9 { l.withHours += 1 }
                    l.met += met
                    languageSums[person.language] = l
                }
            }
            if person.programme?.status == .awaiting {
                let placed = !occ.groupsOf[p].isEmpty
                for need in needs {
                    if placed { starters[need]!.placed += 1 } else { starters[need]!.awaiting += 1 }
                }
            }
        }
        func figure(_ s: (n: Int, withHours: Int, met: Double)) -> Figure {
            s.n == 0 ? Figure() : Figure(people: s.n, withHours: Double(s.withHours) / Double(s.n), targetMet: s.met / Double(s.n))
        }
        byNeed = sums.mapValues(figure)
        byLanguage = languageSums.mapValues(figure)
    }

    public var json: JSONValue {
        func f(_ x: Figure) -> JSONValue {
            .obj([("people", .int(x.people)), ("withHours", .number((x.withHours * 10_000).rounded() / 10_000)),
                  ("targetMet", .number((x.targetMet * 10_000).rounded() / 10_000))])
        }
        var m: [(String, JSONValue)] = Self.needs.map { ($0, f(byNeed[$0] ?? Figure())) }
        m.append(("byLanguage", .obj(byLanguage.keys.sorted().map { ($0, f(byLanguage[$0]!)) })))
        m.append(("starters", .obj(Self.needs.map { n in
            let s = starters[n] ?? Starters()
            return (n, .obj([("placed", .int(s.placed)), ("awaiting", .int(s.awaiting))]))
        })))
        return .obj(m)
    }
}
