import Dispatch
import Foundation
import RotaEngine

/// How long and how hard to search.
public struct SolveOptions: Sendable {
    public var timeLimitSeconds: Double = 10
    public var seed: UInt64 = 1
    public var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Moves per thread at most; with `threads == 1` a run that stops here or by stalling is repeatable.
    public var maxMoves: Int = Int.max
    /// Stop a thread after this many moves without a new best (scaled by instance size when nil).
    public var stallMoves: Int?
    /// Seconds allowed for the Lagrangian lower bound (runs before the search).
    public var boundSeconds: Double?
    public init() {}
}

/// What the solver reports while it runs (stderr progress, `rota/progress` notifications).
public struct SolveProgress: Sendable {
    public var elapsedSeconds: Double
    public var hard: Int
    public var soft: Double
    public var bestSoft: Double
}

/// The outcome of a solve: the rota (scored by the exact scorer) and the figures around it.
public struct SolveResult: Sendable {
    public var rota: Rota
    public var report: ScoreReport
    public var lowerBound: Double
    public var secondsToFirstFeasible: Double
    public var seconds: Double
    public var constructionSoft: Double
    public var moves: Int
    public var candidatePairs: Int
    /// Relative gap `(soft − bound) / soft`.
    public var gap: Double { report.soft > 0 ? max(0, report.soft - lowerBound) / report.soft : 0 }
}

/// `rota solve`: construction, then late-acceptance local search on every core, then the exact
/// score and the reasons for every shortfall.
public enum Solver {
    public static func solve(_ problem: Problem, options: SolveOptions = SolveOptions(),
                             isCancelled: @escaping @Sendable () -> Bool = { false },
                             progress: (@Sendable (SolveProgress) -> Void)? = nil) -> SolveResult {
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        let region = Region(problem)
        let model = SolverModel(region: region)
        let modelSeconds = elapsed()
        var initial = SearchState(model: model)
        Construction.build(&initial)
        let firstFeasible = elapsed()
        let constructed = initial
        let constructionSoft = initial.soft
        progress?(SolveProgress(elapsedSeconds: firstFeasible, hard: 0, soft: constructionSoft, bestSoft: constructionSoft))

        let boundBudget = options.boundSeconds ?? min(1.0, max(0.05, options.timeLimitSeconds * 0.08))
        let bound = LowerBound.compute(model: model, seconds: boundBudget, upperBound: constructionSoft)
        if ProcessInfo.processInfo.environment["ROTA_TRACE"] != nil {
            FileHandle.standardError.write("trace: region+model \(modelSeconds)s, construction \(firstFeasible - modelSeconds)s, bound \(elapsed() - firstFeasible)s, pairs \(model.pairCount)\n".data(using: .utf8)!)
        }

        let deadline = start + UInt64(max(0, options.timeLimitSeconds) * 1e9)
        let threads = max(1, min(options.threads, 16))
        let stall = options.stallMoves ?? max(200_000, model.pairCount * 4)
        let results = ResultBox(count: threads)
        let progressStart = start
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            var search = LateAcceptanceSearch(state: constructed, seed: options.seed &+ UInt64(t) &* 0x9E37_79B9)
            let report: ((Double, Double) -> Void)? = (t == 0 && progress != nil) ? { cur, best in
                progress?(SolveProgress(elapsedSeconds: Double(DispatchTime.now().uptimeNanoseconds - progressStart) / 1e9,
                                        hard: 0, soft: cur, bestSoft: best))
            } : nil
            search.run(deadline: deadline, maxMoves: options.maxMoves, stallMoves: stall, isCancelled: isCancelled, progress: report)
            results.set(t, search.state, moves: search.iteration)
        }
        let (bestState, moves) = results.best()
        let searchEnd = elapsed()
        var rota = bestState.rota()
        let report = Scorer.score(rota, in: region)
        let scored = elapsed()
        rota.score = report.reportedScore
        rota.unmet = UnmetExplainer(region: region, rota: ResolvedRota(rota, in: region)).unmet()
        if ProcessInfo.processInfo.environment["ROTA_TRACE"] != nil {
            FileHandle.standardError.write("trace: search ended \(searchEnd)s, scored \(scored - searchEnd)s, explained \(elapsed() - scored)s\n".data(using: .utf8)!)
        }
        return SolveResult(rota: rota, report: report, lowerBound: min(bound, report.soft), secondsToFirstFeasible: firstFeasible,
                           seconds: elapsed(), constructionSoft: constructionSoft, moves: moves, candidatePairs: model.pairCount)
    }
}

/// Collects each thread's final state; the lowest soft cost wins (ties: lowest thread index).
final class ResultBox: @unchecked Sendable {
    private var states: [SearchState?]
    private var moves: [Int]
    private let lock = NSLock()
    init(count: Int) {
        states = Array(repeating: nil, count: count)
        moves = Array(repeating: 0, count: count)
    }
    func set(_ i: Int, _ s: SearchState, moves m: Int) {
        lock.lock(); defer { lock.unlock() }
        states[i] = s
        moves[i] = m
    }
    func best() -> (SearchState, Int) {
        lock.lock(); defer { lock.unlock() }
        var bestIndex = 0
        for i in states.indices where states[i]!.soft < states[bestIndex]!.soft - 1e-9 { bestIndex = i }
        return (states[bestIndex]!, moves.reduce(0, +))
    }
}
