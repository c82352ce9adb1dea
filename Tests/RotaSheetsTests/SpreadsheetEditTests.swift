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

    func testCellsReadAsSpreadsheetsWriteThem() throws {
        let files = [
            ("settings.csv", "Setting,Value\nWeek starting,30/11/2026\nMax travel km,\"1,000\"\nCost per hour short,\"99,5\"\n"),
            ("people.csv", "ID,Sex,Home latitude,Home longitude,Needs interpreter,Hours ordered,Hours completed,Deadline,RoSH\n"
                + "P1,m,52.5,-1.1,Y,40,0,1/2/2027,Very High\n"),
            ("unavailable.csv", "Person ID,Weekday,Start,End,From\nP1,sat,9:30:00,24:00,1.12.2026\n"),
        ]
        let p = try SheetImport.read(files: files).problem()
        XCTAssertEqual(p.weekStart.description, "2026-11-30")
        XCTAssertEqual(p.policy.maxTravelKm, 1_000, "a thousands separator")
        XCTAssertEqual(p.policy.weights.hoursShortfall, 99.5, "a decimal comma")
        let person = try XCTUnwrap(p.people.first)
        XCTAssertEqual(person.sex, .male)
        XCTAssertTrue(person.needsInterpreter)
        XCTAssertEqual(person.upw?.deadline.description, "2027-02-01", "day first")
        XCTAssertEqual(person.risk.rosh, .veryHigh)
        let commitment = try XCTUnwrap(person.weeklyUnavailable.first)
        XCTAssertEqual(commitment.recurrence.weekday, 5)
        XCTAssertEqual(commitment.start.description, "09:30")
        XCTAssertEqual(commitment.end.minutes, 1_440)
        XCTAssertEqual(commitment.recurrence.from?.description, "2026-12-01")
    }
}
