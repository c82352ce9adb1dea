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
    /// Stop a thread after this many moves without a new best (scaled by instance size when nil),
    /// once most of its budget has cooled (`AnnealingSearch.coldShare`).
    public var stallMoves: Int?
    /// Seconds of the time limit kept for the Lagrangian lower bound, which runs after the search
    /// (default `Solver.boundBudget`: the time its steps need, 12–30% of the limit).
    public var boundSeconds: Double?
    /// A rota to start from (a what-if's current rota): its entries that can stand are kept and
    /// the construction fills around them.
    public var start: Rota?
    /// Where the solver's trace lines go (phase timings, epochs, the bound's steps); nil: nowhere.
    /// The engine writes nothing itself: `rota solve --trace` passes a sink that prints them.
    public var trace: (@Sendable (String) -> Void)?
    /// The annealing's first and last temperatures, in hours short (`CoolingSchedule`).
    public var startTemperatureHours = CoolingSchedule.startHours
    public var endTemperatureHours = CoolingSchedule.endHours
    public init() {}
}

/// What the solver reports while it runs (the command line's progress lines, `rota/progress` notifications).
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
    /// What went wrong without stopping the solve (for the caller to show; the engine prints nothing).
    public var warnings: [String] = []
    /// True when the lower bound meets the rota's soft cost (within `Solver.optimalityTolerance`):
    /// no rota of this week costs less.
    public var optimal: Bool { report.hard == 0 && lowerBound >= report.soft - Solver.optimalityTolerance }
    /// Relative gap `(soft − bound) / soft`.
    public var gap: Double { report.soft > 0 ? max(0, report.soft - lowerBound) / report.soft : 0 }
}

/// `rota solve`: construction, then annealing local search on every core, then the exact
/// score and the reasons for every shortfall.
public enum Solver {
    public static func solve(_ problem: Problem, options: SolveOptions = SolveOptions(),
                             isCancelled: @escaping @Sendable () -> Bool = { false },
                             progress: (@Sendable (SolveProgress) -> Void)? = nil) -> SolveResult {
        let start = DispatchTime.now().uptimeNanoseconds
        let trace = options.trace
        let tracing = trace != nil
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        let region = Region(problem)
        let regionSeconds = elapsed()
        let model = SolverModel(region: region)
        let modelSeconds = elapsed()
        var constructed = options.start.map { SearchState.loading(model: model, rota: ResolvedRota($0, in: region)).0 } ?? SearchState(model: model)
        Construction.build(&constructed)
        let firstFeasible = elapsed()
        let constructionSoft = constructed.soft
        // The search never breaks a rule, so the only violations are those the input forces (an
        // enrolled member's fixed session they cannot attend, say): the construction has them
        // all, and progress reports that count throughout.
        let forcedHard = progress == nil ? 0 : Scorer.score(Occupancy(region: region, rota: ResolvedRota(constructed.rota(), in: region))).hard
        progress?(SolveProgress(elapsedSeconds: elapsed(), hard: forcedHard, soft: constructionSoft, bestSoft: constructionSoft))

        if tracing {
            trace?("trace: region \(regionSeconds)s, model \(modelSeconds - regionSeconds)s, construction \(firstFeasible - modelSeconds)s, pairs \(model.pairCount)\n")
        }
        // The bound runs last, aiming at the best rota found; it gets its share of the time limit.
        let boundBudget = options.boundSeconds ?? Self.boundBudget(limit: options.timeLimitSeconds, pairs: model.pairCount, threads: options.threads)
        // The rest of the limit is for the final score and the shortfall explanations, whose
        // work grows with the placements within each short person's reach, so with the candidate
        // pairs. They run before the bound, which takes whatever time is left, so an estimate off
        // either way moves the bound's time, not the end of the solve.
        let wrapUp = min(options.timeLimitSeconds * 0.25, 0.25 + 8e-8 * Double(model.pairCount))
        let deadline = start + UInt64(max(0, options.timeLimitSeconds - boundBudget - wrapUp) * 1e9)
        let threads = max(1, min(options.threads, 16))
        let stall = options.stallMoves ?? max(2_000_000, model.pairCount * 10)
        let searchStart = DispatchTime.now().uptimeNanoseconds
        let box = SearchBox((0..<threads).map { t in
            var search = AnnealingSearch(state: constructed, seed: options.seed &+ UInt64(t) &* 0x9E37_79B9)
            search.budgetStart = searchStart
            search.budgetEnd = deadline
            search.trace = trace
            search.schedule = CoolingSchedule(weights: model.weights, startHours: options.startTemperatureHours, endHours: options.endTemperatureHours)
            search.temperature = search.schedule.start
            return search
        })
        let progressStart = start
        // Epochs of an eighth of the limit. On a large region two threads split the rota between
        // them each epoch (`SearchPartition`) and their weeks merge; otherwise the threads search
        // the whole rota independently and all continue from the best rota found. One thread runs a single epoch, which keeps it
        // repeatable for a seed and a move budget.
        let epoch = threads == 1 ? UInt64.max / 2 : UInt64(max(0.5, options.timeLimitSeconds / 8) * 1e9)
        let small = model.pairCount <= Self.smallRegionPairs
        var partitioned = threads == 2 && !small
        var global = constructed
        var split: SearchPartition? = nil
        var epochIndex = 0
        let chains = ExchangeChains(model)
        while true {
            if partitioned {
                let cut = SearchPartition(global, epoch: epochIndex)
                for t in 0..<2 {
                    var search = box.take(t)
                    search.adopt(global, owned: cut.side.map { $0 == t }, seats: cut.seats[t], movesBookings: t == 0)
                    box.put(t, search)
                }
                split = cut
            }
            let now = DispatchTime.now().uptimeNanoseconds
            let end = min(deadline, now &+ epoch)
            DispatchQueue.concurrentPerform(iterations: threads) { t in
                var search = box.take(t)
                let report: ((Double, Double) -> Void)? = (t == 0 && progress != nil) ? { cur, best in
                    progress?(SolveProgress(elapsedSeconds: Double(DispatchTime.now().uptimeNanoseconds - progressStart) / 1e9,
                                            hard: forcedHard, soft: cur, bestSoft: best))
                } : nil
                search.run(deadline: end, maxMoves: options.maxMoves, stallMoves: stall, isCancelled: isCancelled, progress: report)
                box.put(t, search)
            }
            if let cut = split {
                let merged = cut.merge(box.take(0).state, box.take(1).state)
                if tracing {
                    trace?("trace: epoch \(epochIndex) halves \(box.take(0).state.soft) \(box.take(1).state.soft) merged \(merged.soft) before \(global.soft)\n")
                }
                // A half can end better than the merge, when the two halves' changes clash where
                // they meet (an interpreter booking one half gave up, say): keep the best of three.
                let (half, _) = box.best()
                let kept = half.soft < merged.soft - 1e-9 ? half : merged
                if kept.soft < global.soft - 1e-9 {
                    global = kept
                    global.limitSeats(to: model.sessionCapacity)
                }
                // Long exchange chains, which the halves' moves rarely find (`ExchangeChains`).
                let chainStart = elapsed()
                let chained = chains.improve(&global, deadline: deadline, threads: threads)
                if tracing { trace?("trace: epoch chains \(chained), \(global.soft) in \(elapsed() - chainStart)s\n") }
                epochIndex += 1
                split = nil
                // Both halves stalled (a small region): the rest is searched whole, by both.
                if box.allFinished && DispatchTime.now().uptimeNanoseconds < deadline && !isCancelled() {
                    partitioned = false
                    for t in 0..<threads {
                        var search = box.take(t)
                        search.adopt(global, owned: nil, seats: model.sessionCapacity)
                        box.put(t, search)
                    }
                    continue
                }
            }
            if DispatchTime.now().uptimeNanoseconds >= deadline || isCancelled() || box.allFinished { break }
            // A small region may be solved already: when a short bound meets the best rota, no
            // search can improve it, and the rest of the time is not spent.
            if small {
                let (current, _) = box.best()
                let best = current.soft < global.soft - 1e-9 ? current : global
                let quick = LowerBound.compute(model: model, seconds: Self.earlyBoundSeconds, upperBound: best.soft, threads: threads, rota: best)
                if quick >= best.soft - Self.optimalityTolerance {
                    if tracing { trace?("trace: optimal after epoch \(epochIndex): bound \(quick) meets \(best.soft)\n") }
                    if best.soft < global.soft - 1e-9 { global = best }
                    break
                }
            }
            if !partitioned { box.shareBest() }
        }
        let (searched, moves) = box.best()
        var bestState = searched.soft < global.soft - 1e-9 ? searched : global
        // A last pass of exchange chains, on up to a quarter of the bound's time (none when
        // cancelled).
        bestState.limitSeats(to: model.sessionCapacity)
        let chainStart = elapsed()
        let chained = chains.improve(&bestState, deadline: isCancelled() ? 0 : deadline + UInt64(boundBudget / 4 * 1e9), threads: threads)
        if tracing { trace?("trace: final chains \(chained), \(bestState.soft) in \(elapsed() - chainStart)s\n") }
        let searchEnd = elapsed()
        var rota = bestState.rota()
        var occupancy = Occupancy(region: region, rota: ResolvedRota(rota, in: region))
        var report = Scorer.score(occupancy)
        var warnings: [String] = []
        if report.hard > 0 {
            // The search keeps every rule, so its violations are the input's, which the
            // construction has too. Were a defect ever to let one more through, the construction
            // is returned: a legal rota is never traded for a cheaper illegal one.
            let fallback = constructed.rota()
            let fallbackOccupancy = Occupancy(region: region, rota: ResolvedRota(fallback, in: region))
            let fallbackReport = Scorer.score(fallbackOccupancy)
            if fallbackReport.hard < report.hard {
                warnings.append("the search's rota broke \(report.hard - fallbackReport.hard) more hard rule(s) than the input forces; the construction is returned")
                (rota, occupancy, report) = (fallback, fallbackOccupancy, fallbackReport)
            }
        }
        let scored = elapsed()
        rota.score = report.reportedScore
        rota.unmet = UnmetExplainer(occupancy: occupancy).unmet()
        rota.access = AccessFigures(occupancy: occupancy)
        let explained = elapsed()
        // The bound last, in the time left but for two of its steps and 50 ms (its last step may
        // run past its deadline, and on a large region one step kept was not enough);
        // a cancelled solve spends no more time on it.
        let stepSeconds = Double(model.pairCount) * Self.boundSecondsPerPair / Double(threads)
        let boundSeconds = options.boundSeconds ?? max(0, options.timeLimitSeconds - explained - 2 * stepSeconds - 0.05)
        let bound = LowerBound.compute(model: model, seconds: isCancelled() ? 0 : boundSeconds, upperBound: bestState.soft, threads: threads, rota: bestState,
                                       trace: trace)
        if tracing {
            trace?("trace: search ended \(searchEnd)s, scored \(scored - searchEnd)s, explained \(explained - scored)s, bound \(elapsed() - explained)s\n")
        }
        return SolveResult(rota: rota, report: report, lowerBound: bound, secondsToFirstFeasible: firstFeasible,
                           seconds: elapsed(), constructionSoft: constructionSoft, moves: moves, candidatePairs: model.pairCount, warnings: warnings)
    }
}

extension Solver {
    /// Steps the bound is given time for: it climbs steeply for the first few hundred while the
    /// search, near its plateau by then, loses little (measured in docs/experiments).
    static let boundSteps = 600.0
    /// Seconds per candidate pair per bound step on one core, as first measured on two. Steps have
    /// since become cheaper; the budget was kept, so the bound takes the extra steps (a shorter
    /// bound and a longer search printed a wider gap: docs/experiments).
    static let boundSecondsPerPair = 2.6e-9

    /// A rota within this much of the bound is optimal (costs are sums of doubles; a hundredth is
    /// far below any cost the weights can make and far above the sums' rounding).
    public static let optimalityTolerance = 0.01
    /// Regions up to this many candidate pairs (about a thousand people) are small: every thread
    /// anneals the whole rota, all continuing from the best after each epoch — halves of a small
    /// region, each with half the seats, ended worse (docs/experiments) — and a bound of
    /// `earlyBoundSeconds` (thousands of steps at that size) checks for optimality after every
    /// epoch.
    static let smallRegionPairs = 100_000
    static let earlyBoundSeconds = 0.05

    /// The bound's share of a solve: the time `boundSteps` take on this many pairs, but at least
    /// 12% of the limit (small regions, where the steps are cheap, converge with time to spare)
    /// and at most 30% (the rota comes first).
    static func boundBudget(limit: Double, pairs: Int, threads: Int) -> Double {
        let cores = Double(max(1, min(threads, ProcessInfo.processInfo.activeProcessorCount)))
        let wanted = boundSteps * Double(pairs) * boundSecondsPerPair / cores
        return min(limit * 0.30, max(0.05, limit * 0.12, wanted))
    }
}

/// The searches of all threads, handed out one per thread per epoch.
final class SearchBox: @unchecked Sendable {
    private var searches: [AnnealingSearch]
    private let lock = NSLock()
    init(_ s: [AnnealingSearch]) { searches = s }

    func take(_ i: Int) -> AnnealingSearch { lock.lock(); defer { lock.unlock() }; return searches[i] }
    func put(_ i: Int, _ s: AnnealingSearch) { lock.lock(); defer { lock.unlock() }; searches[i] = s }

    /// Every search stopped by its move budget or by stalling.
    var allFinished: Bool { lock.lock(); defer { lock.unlock() }; return searches.allSatisfy(\.finished) }

    private var bestIndex: Int {
        var b = 0
        for i in searches.indices where searches[i].state.soft < searches[b].state.soft - 1e-9 { b = i }
        return b
    }

    /// Every search continues from the best rota found so far (keeping its own random stream).
    func shareBest() {
        lock.lock(); defer { lock.unlock() }
        let b = bestIndex
        for i in searches.indices where i != b && !searches[i].finished { searches[i].adopt(searches[b]) }
    }

    func best() -> (SearchState, Int) {
        lock.lock(); defer { lock.unlock() }
        return (searches[bestIndex].state, searches.reduce(0) { $0 + $1.iteration })
    }
}
