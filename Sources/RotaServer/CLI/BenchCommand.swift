import Foundation
import RotaEngine
import RotaGenerator
import RotaJSON
import RotaSolver

/// `rota bench`: the solver benchmark of the solver issue. Each size runs in a child process
/// (`rota bench-one`) so that peak memory is that instance's own.
///
/// `rota bench --daemon`: the daemon throughput benchmark — a client writing `allocation.check`
/// and `server.health` over a pipe to a real `rota serve`, with latency percentiles.
enum BenchCommand {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        if args.flag("--daemon") { return try DaemonBench.run(&args) }
        if args.flag("--record") { return try RecordBench.run(&args) }
        if args.flag("--officer") { return try OfficerBench.run(&args) }
        let sizes = (try args.value("--sizes") ?? "400,1500,5000,20000").split(separator: ",").compactMap { Int($0) }
        let timeLimit = try args.double("--time-limit", range: 0...3600) ?? 10
        let threads = try args.int("--threads", range: 1...64) ?? ProcessInfo.processInfo.activeProcessorCount
        let seed = try args.int("--seed", range: 0...Int.max) ?? 1
        let familyNames = (try args.value("--families") ?? "standard").split(separator: ",").map(String.init)
        try args.finish()
        guard !sizes.isEmpty else { throw UsageError("--sizes needs numbers, e.g. 400,1500") }
        let families = try familyNames.map { name in
            guard let f = RegionGenerator.Family(rawValue: name) else { throw UsageError("--families expects standard and/or dense, got \"\(name)\"") }
            return f
        }
        Diagnostics.out("| family | people | sessions | candidate pairs | first feasible (s) | final (s) | greedy day-by-day soft | construction soft | final soft | lower bound | gap | moves | peak memory (MiB) | hard | |")
        Diagnostics.out("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        for family in families {
          for n in sizes {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
            if !FileManager.default.isExecutableFile(atPath: child.executableURL!.path) {
                child.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
            }
            child.arguments = ["bench-one", String(n), String(timeLimit), String(threads), String(seed), family.rawValue]
            let pipe = Pipe()
            child.standardOutput = pipe
            try child.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            child.waitUntilExit()
            guard let v = try? JSONParser.parse([UInt8](data)) else {
                Diagnostics.error("bench: size \(n) failed")
                continue
            }
            func d(_ k: String) -> Double { v[k]?.doubleValue ?? .nan }
            Diagnostics.out("| \(family.rawValue) " + String(format: "| %d | %d | %d | %.3f | %.2f | %.0f | %.0f | %.0f | %.0f | %.2f%% | %.0f | %.0f | %d |",
                                   n, Int(d("sessions")), Int(d("pairs")), d("firstFeasible"), d("seconds"), d("greedy"), d("construction"),
                                   d("soft"), d("bound"), d("gap") * 100, d("moves"), d("peakMiB"), Int(d("hard")))
                            + (v["optimal"]?.boolValue == true ? " optimal |" : " |"))
          }
        }
        return .success
    }

    /// One instance, in this process: prints one JSON line.
    static func one(_ args: [String]) -> ExitStatus {
        guard args.count == 5, let n = Int(args[0]), let t = Double(args[1]), let k = Int(args[2]), let s = UInt64(args[3]),
              let family = RegionGenerator.Family(rawValue: args[4]) else { return .usage }
        let problem = RegionGenerator(people: n, seed: s, family: family).generate()
        var options = SolveOptions()
        options.timeLimitSeconds = t
        options.threads = k
        options.seed = s
        let greedy = Scorer.score(GreedyDayFill.solve(problem), in: Region(problem))
        let r = Solver.solve(problem, options: options)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let region = Region(problem)
        Diagnostics.out(JSONWriter.string(.obj([
            ("people", .int(n)), ("sessions", .int(region.sessions.count)), ("pairs", .int(r.candidatePairs)),
            ("firstFeasible", .number(r.secondsToFirstFeasible)), ("seconds", .number(r.seconds)),
            ("construction", .number(r.constructionSoft)), ("soft", .number(r.report.soft)), ("bound", .number(r.lowerBound)),
            ("gap", .number(r.gap)), ("optimal", .bool(r.optimal)), ("moves", .int(r.moves)), ("hard", .int(r.report.hard)),
            ("peakMiB", .number(Double(usage.ru_maxrss) / 1024)), ("greedy", .number(greedy.soft)), ("greedyHard", .int(greedy.hard)),
        ])))
        return .success
    }
}
