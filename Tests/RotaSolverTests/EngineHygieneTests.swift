import Foundation
import RotaTestSupport
import XCTest

/// The engine and the solver are libraries: their behaviour comes from their arguments, and what
/// they have to say goes back to the caller (`SolveOptions.trace`, `SolveResult.warnings`).
final class EngineHygieneTests: XCTestCase {
    func testTheEngineAndSolverReadNoEnvironmentAndWriteNothingToStderr() throws {
        for target in ["RotaEngine", "RotaSolver", "RotaGenerator"] {
            let folder = PackageRoot.url.appendingPathComponent("Sources/\(target)")
            let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
            XCTAssertFalse(files.isEmpty, target)
            for file in files {
                let text = try String(contentsOf: file, encoding: .utf8)
                for forbidden in ["processInfo.environment", "FileHandle.standardError", "print(", "stderr"] {
                    XCTAssertFalse(text.contains(forbidden), "\(file.lastPathComponent) uses \(forbidden)")
                }
            }
        }
    }
}
