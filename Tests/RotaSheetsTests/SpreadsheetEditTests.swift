import Foundation
import RotaEngine
import RotaGenerator
import RotaJSON
import RotaSheets
import XCTest

/// What a spreadsheet does to a file when a person opens, edits and saves it: the import reads
/// the result as the same document.
final class SpreadsheetEditTests: XCTestCase {
    /// Every cell as Excel on a UK machine saves it: dates day-first, times without the leading
    /// zero, yes/no as TRUE/FALSE; columns shuffled, a notes column added, empty trailing
    /// columns and rows, a byte-order mark.
    static func asSpreadsheetSavesIt(_ text: String, seed: Int) throws -> String {
        let records = try CSVText.parse(text)
        guard let header = records.first else { return text }
        var order = Array(header.fields.indices)
        order.reverse()
        if seed % 2 == 0, order.count > 2 { order.swapAt(0, order.count / 2) }
        func cell(_ s: String) -> String {
            if let d = CalendarDay(iso: s) {
                let c = d.components
                return "\(c.day < 10 ? "0" : "")\(c.day)/\(c.month < 10 ? "0" : "")\(c.month)/\(c.year)"
            }
            if s.count == 5, s.hasPrefix("0"), s.dropFirst(2).hasPrefix(":") { return String(s.dropFirst()) }
            if s == "yes" { return "TRUE" }
            if s == "no" { return "FALSE" }
            return s
        }
        let newHeader = order.map { header.fields[$0] } + ["Notes", ""]
        var rows = records.dropFirst().map { r in order.map { $0 < r.fields.count ? cell(r.fields[$0]) : "" } + ["checked by JB", ""] }
        rows.append(Array(repeating: "", count: newHeader.count))
        return "\u{FEFF}" + CSVText.file(header: newHeader, rows: rows) + ",,,\r\n\r\n"
    }

    func testAnEditedAndResavedExportImportsAsTheSameDocument() throws {
        for (people, seed) in [(60, 5), (700, 6)] as [(Int, UInt64)] {
            let original = SheetRoundTripTests.awkwardRegion(people: people, seed: seed)
            let files = try SheetExport.files(problem: original).enumerated().map { i, f in (f.name, try Self.asSpreadsheetSavesIt(f.text, seed: i)) }
            let back = try SheetImport.read(files: files).problem()
            XCTAssertEqual(JSONWriter.string(ProblemEncoder.encode(back)), JSONWriter.string(ProblemEncoder.encode(original)))
        }
    }

    func testHeadersMatchWhateverTheirCaseSpacingAndPunctuation() throws {
        let files = [
            ("settings.csv", "setting,VALUE\nweek starting,30/11/2026\n"),
            ("people.csv", "home longitude,ROSH,sex,Id,Home-Latitude\n-1.1,Very High,f,P1,52.6\n"),
        ]
        let p = try SheetImport.read(files: files).problem()
        XCTAssertEqual(p.people.first?.risk.rosh, .veryHigh)
        XCTAssertEqual(p.people.first?.sex, .female)
        XCTAssertEqual(p.people.first?.home, GeoPoint(lat: 52.6, lon: -1.1))
    }

    func testANestedFileLeftOutKeepsTheStoredListsAndMayNameStoredRecords() throws {
        let original = RegionGenerator(people: 50, seed: 8).generate()
        let stored = Dictionary(uniqueKeysWithValues: original.people.map { ($0.id, ProblemEncoder.person($0)) })
        let target = try XCTUnwrap(original.people.first { !$0.unavailable.isEmpty })
        // Only one person's new commitments: everything else about them stays as stored.
        let imported = try SheetImport.read(files: [("unavailable.csv", "Person ID,Weekday,Start,End\n\(target.id),Tuesday,9:00,17:00\n")]) { kind, id in
            kind == "people" ? stored[id] : nil
        }
        let people = try XCTUnwrap(imported.document["people"]?.arrayValue)
        XCTAssertEqual(people.count, 1)
        let person = try ProblemDecoder.decodePerson(FieldReader(people[0], path: "people[0]"))
        XCTAssertEqual(person.weeklyUnavailable.count, 1)
        XCTAssertTrue(person.unavailable.isEmpty)
        var expected = target
        expected.unavailable = []
        expected.weeklyUnavailable = person.weeklyUnavailable
        XCTAssertEqual(person, expected)
    }
}
