import Foundation
import RotaEngine
import RotaSheets
import RotaTestSupport
import XCTest

/// Mangled spreadsheets never crash the importer: every mutation of a valid export either reads
/// or is refused with an error that names a file.
final class SheetFuzzTests: XCTestCase {
    func testTwoThousandMangledExportsAreReadOrRefusedNeverCrash() throws {
        let dir = PackageRoot.fixture("csv/valid")
        let valid = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted().map { name in
            (name, try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8))
        }
        var rng = SplitMix64(seed: 25)
        let pieces = ["\"", ",", "\n", "\r\n", ";", "", "yes", "-1", "1e308", "31/02/2026", "24:01", "Saturday", "P01", "\u{FEFF}", "'", "=1+1", "é"]
        var refused = 0
        for _ in 0..<2_000 {
            var files = valid
            for _ in 0..<(1 + rng.below(3)) {
                let f = rng.below(files.count)
                var chars = Array(files[f].1.unicodeScalars)
                switch rng.below(5) {
                case 0 where !chars.isEmpty: chars.remove(at: rng.below(chars.count))
                case 1: chars.insert(contentsOf: pieces[rng.below(pieces.count)].unicodeScalars, at: rng.below(chars.count + 1))
                case 2: chars = Array(chars.prefix(rng.below(chars.count + 1)))
                case 3:
                    let lines = files[f].1.components(separatedBy: "\r\n")
                    chars = Array((lines + [lines[rng.below(lines.count)]]).joined(separator: "\r\n").unicodeScalars)
                default: files.remove(at: f); continue
                }
                var text = String.UnicodeScalarView()
                text.append(contentsOf: chars)
                files[f].1 = String(text)
            }
            do {
                _ = try SheetImport.read(files: files).problem()
            } catch {
                refused += 1
                XCTAssertTrue(error.description.contains(".csv"), error.description)
            }
        }
        XCTAssertGreaterThan(refused, 100, "the mutations do reach the checks")
    }
}
