import RotaEngine

/// Capacity what-if: the rota re-solved for a region with more resources, starting from the
/// rota it has now, and the figures before and after.
public enum WhatIf {
    public struct Outcome: Sendable {
        public var before: WhatIfFigures
        public var after: WhatIfFigures
        public var rota: Rota
    }

    public static func run(problem: Problem, rota: Rota, changes: CapacityChanges, options: SolveOptions,
                           isCancelled: @escaping @Sendable () -> Bool = { false }) throws(InputError) -> Outcome {
        let region = Region(problem)
        let before = WhatIfFigures(occupancy: Occupancy(region: region, rota: ResolvedRota(rota, in: region)))
        let changed = try changes.apply(to: problem)
        var warm = options
        warm.start = rota
        let result = Solver.solve(changed, options: warm, isCancelled: isCancelled)
        let newRegion = Region(changed)
        let after = WhatIfFigures(occupancy: Occupancy(region: newRegion, rota: ResolvedRota(result.rota, in: newRegion)))
        return Outcome(before: before, after: after, rota: result.rota)
    }
}
