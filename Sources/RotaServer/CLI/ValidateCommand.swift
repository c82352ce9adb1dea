import Foundation
import RotaEngine
import RotaJSON

/// `rota validate PROBLEM.json ROTA.json [--text]`: the exact score of any rota.
enum ValidateCommand {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        let text = args.flag("--text")
        let policyPath = try args.value("--policy")
        let problemPath = try args.positional("PROBLEM.json")
        let rotaPath = try args.positional("ROTA.json")
        try args.finish()
        let problem = try DocumentLoader.problem(path: problemPath, policy: DocumentLoader.basePolicy(explicitPath: policyPath))
        let rota = try DocumentLoader.rota(path: rotaPath)
        let region = Region(problem)
        let report = Scorer.score(rota, in: region)
        let matches = report.matches(rota.score)
        if text {
            Diagnostics.out(report.text(reportedScoreMatches: matches))
        } else {
            Diagnostics.out(JSONWriter.string(report.json(reportedScoreMatches: matches), pretty: true))
        }
        return .success
    }
}
