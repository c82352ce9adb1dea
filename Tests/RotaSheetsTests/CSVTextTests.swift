import RotaSheets
import XCTest

/// The CSV reader meets files as spreadsheets write them, and the writer's output reads back.
final class CSVTextTests: XCTestCase {
    func testReadsByteOrderMarkCRLFAndQuotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let text = "\u{FEFF}ID,Name,Notes\r\nP1,\"Nowak, Anna\",\"She said \"\"hi\"\"\"\r\nP2,\"Line one\r\nline two\",plain\r\n"
        let records = try CSVText.parse(text)
        XCTAssertEqual(records.map(\.fields), [["ID", "Name", "Notes"], ["P1", "Nowak, Anna", "She said \"hi\""], ["P2", "Line one\r\nline two", "plain"]])
        XCTAssertEqual(records.map(\.row), [1, 2, 3], "a quoted line break does not start a new row")
    }

    func testSkipsEmptyRowsAndKeepsRowNumbersAsTheSpreadsheetShowsThem() throws {
        let records = try CSVText.parse("A,B\n,\n\nx,y\n,,\n\n")
        XCTAssertEqual(records.map(\.row), [1, 4])
        XCTAssertEqual(records[1].fields, ["x", "y"])
    }

    func testReadsLoneCarriageReturnsAndAFileWithoutAFinalLineEnd() throws {
        XCTAssertEqual(try CSVText.parse("A,B\rx,y").map(\.fields), [["A", "B"], ["x", "y"]])
    }

    func testReadsSemicolonSeparatedFilesFromEuropeanLocales() throws {
        XCTAssertEqual(try CSVText.parse("ID;Name\nP1;\"a;b\"\n").map(\.fields), [["ID", "Name"], ["P1", "a;b"]])
    }

    func testRefusesAQuoteThatIsNeverClosedNamingItsRow() {
        XCTAssertThrowsError(try CSVText.parse("A,B\nx,\"open\ny,z\n")) { error in
            XCTAssertEqual((error as? CSVText.SyntaxError)?.row, 2)
        }
    }

    func testWrittenFieldsReadBackExactlyForAwkwardText() throws {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("ab ,\"\n\r;'=-zéŁ€\t")
        for _ in 0..<500 {
            let fields = (0..<4).map { _ in String((0..<Int.random(in: 1...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }) }
            let text = CSVText.file(header: ["a", "b", "c", "d"], rows: [fields])
            let back = try CSVText.parse(text)
            XCTAssertEqual(back.count, 2)
            // Line breaks inside a quoted field keep their bytes; a field of spaces alone is
            // still a field.
            XCTAssertEqual(back.last?.fields, fields, "\(fields)")
        }
    }
}
