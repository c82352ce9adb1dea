import Foundation
import RotaEngine
import RotaJSON
import RotaSolver

/// `rota solve PROBLEM.json [--time-limit S] [--seed N] [--threads K] [--out ROTA.json]`.
enum SolveCommand {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        var options = SolveOptions()
        if let t = try args.double("--time-limit", range: 0...86_400) { options.timeLimitSeconds = t }
        if let s = try args.int("--seed", range: 0...Int.max) { options.seed = UInt64(s) }
        if let k = try args.int("--threads", range: 1...64) { options.threads = k }
        if let n = try args.int("--moves", range: 0...Int.max) { options.maxMoves = n }
        if let b = try args.double("--bound-seconds", range: 0...3600) { options.boundSeconds = b }
        let out = try args.value("--out")
        let quiet = args.flag("--quiet")
        if args.flag("--trace") { options.trace = { line in FileHandle.standardError.write(Data(line.utf8)) } }
        let policyPath = try args.value("--policy")
        let problemPath = try args.positional("PROBLEM.json")
        try args.finish()
        let problem = try DocumentLoader.problem(path: problemPath, policy: DocumentLoader.basePolicy(explicitPath: policyPath))
        var progress: (@Sendable (SolveProgress) -> Void)? = nil
        if !quiet {
            progress = { (p: SolveProgress) in
                Diagnostics.error(String(format: "[%6.2fs] hard %d  soft %.2f  best %.2f", p.elapsedSeconds, p.hard, p.soft, p.bestSoft))
            }
        }
        let result = Solver.solve(problem, options: options, progress: progress)
        for w in result.warnings { Diagnostics.error("warning: \(w)") }
        let text = JSONWriter.string(RotaEncoder.encode(result.rota), pretty: true)
        try DocumentLoader.write(text, to: out)
        if !quiet {
            Diagnostics.error(String(format: "done in %.2fs (first feasible %.3fs, %d moves): hard %d  soft %.2f  lower bound %.2f  gap %.2f%%  unmet %d",
                                     result.seconds, result.secondsToFirstFeasible, result.moves, result.report.hard, result.report.soft,
                                     result.lowerBound, result.gap * 100, result.rota.unmet.count) + (result.optimal ? "  optimal" : ""))
        }
        return .success
    }
}
