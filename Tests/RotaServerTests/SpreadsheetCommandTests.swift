import Foundation
import RotaJSON
import RotaTestSupport
import XCTest

/// Spreadsheets, calendars, printable sheets and `rota show` (issue 25), through the real binary.
final class SpreadsheetCommandTests: XCTestCase {
    let week: JSONValue = "2026-11-30"

    func temporary() -> URL { DaemonClient.temporaryDirectory() }

    /// The small fixture solved, for the commands that read a problem and a rota.
    func solvedSmallRegion() throws -> (problem: String, rota: String) {
        let problem = PackageRoot.fixture("small/problem.json").path
        let rota = temporary().appendingPathComponent("rota.json").path
        let r = try DaemonClient.runCommand(["solve", problem, "--time-limit", "1", "--threads", "1", "--quiet", "--out", rota])
        XCTAssertEqual(r.status, 0, r.err)
        return (problem, rota)
    }

    func testExportThenImportGivesADocumentThatScoresTheRotaIdentically() throws {
        let (problem, rota) = try solvedSmallRegion()
        let dir = temporary()
        let csv = dir.appendingPathComponent("csv").path
        XCTAssertEqual(try DaemonClient.runCommand(["export", problem, rota, "--to", csv]).status, 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: csv).sorted()
        XCTAssertTrue(Set(names).isSuperset(of: ["people.csv", "availability.csv", "sessions.csv", "assignments.csv", "unmet.csv", "settings.csv"]), "\(names)")
        let back = dir.appendingPathComponent("back.json").path
        let backRota = dir.appendingPathComponent("back-rota.json").path
        let imported = try DaemonClient.runCommand(["import", csv, "--out", back, "--rota-out", backRota])
        XCTAssertEqual(imported.status, 0, imported.err)
        let before = try DaemonClient.runCommand(["validate", problem, rota])
        let after = try DaemonClient.runCommand(["validate", back, rota])
        XCTAssertEqual(before.out, after.out)
        let fromCSV = try JSONParser.parse(Array(DaemonClient.runCommand(["validate", back, backRota]).out.utf8))
        let original = try JSONParser.parse(Array(before.out.utf8))
        XCTAssertEqual(fromCSV["soft"], original["soft"])
        XCTAssertEqual(fromCSV["hard"], original["hard"])
    }

    /// Every fixture of Fixtures/csv/bad is the valid export with one bad cell (or header):
    /// the import refuses it with exit 1 and names the file, row, column and reason.
    func testEachKindOfBadCellIsRefusedNamingFileRowColumnAndReason() throws {
        let valid = PackageRoot.fixture("csv/valid")
        let bad = PackageRoot.fixture("csv/bad")
        let cases = try FileManager.default.contentsOfDirectory(atPath: bad.path).sorted()
        XCTAssertGreaterThanOrEqual(cases.count, 20)
        for name in cases {
            let dir = temporary()
            for f in try FileManager.default.contentsOfDirectory(atPath: valid.path) {
                try FileManager.default.copyItem(at: valid.appendingPathComponent(f), to: dir.appendingPathComponent(f))
            }
            for f in try FileManager.default.contentsOfDirectory(atPath: bad.appendingPathComponent(name).path) where f.hasSuffix(".csv") {
                try? FileManager.default.removeItem(at: dir.appendingPathComponent(f))
                try FileManager.default.copyItem(at: bad.appendingPathComponent(name).appendingPathComponent(f), to: dir.appendingPathComponent(f))
            }
            let expected = try String(contentsOf: bad.appendingPathComponent(name).appendingPathComponent("expected.txt"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let r = try DaemonClient.runCommand(["import", dir.path, "--out", dir.appendingPathComponent("out.json").path])
            XCTAssertEqual(r.status, 1, name)
            XCTAssertEqual(r.err.trimmingCharacters(in: .whitespacesAndNewlines), "rota: input refused: " + expected, name)
            XCTAssertTrue(expected.contains(".csv row "), "\(name): the message names the file and row")
        }
        // And the valid set itself imports.
        XCTAssertEqual(try DaemonClient.runCommand(["import", valid.path, "--out", temporary().appendingPathComponent("ok.json").path]).status, 0)
    }

    func testShowListsEachDayPlacementAndAttendeeThenThePeopleLeftShortWithReasons() throws {
        let (problem, rota) = try solvedSmallRegion()
        let r = try DaemonClient.runCommand(["show", problem, rota])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("Tuesday 1 December 2026"), r.out)
        XCTAssertTrue(r.out.contains("Victoria Park clean-up [PARK]"), r.out)
        let rotaJSON = try JSONParser.parse([UInt8](Data(contentsOf: URL(fileURLWithPath: rota))))
        for a in rotaJSON["assignments"]?.arrayValue ?? [] {
            XCTAssertTrue(r.out.contains(a["personId"]!.stringValue!), "every assigned person appears")
        }
        let unmet = rotaJSON["unmet"]?.arrayValue ?? []
        XCTAssertFalse(unmet.isEmpty)
        XCTAssertTrue(r.out.contains("Left short (\(unmet.count))"), r.out)
        for u in unmet { XCTAssertTrue(r.out.contains(u["reasons"]!.arrayValue!.first!.stringValue!), "reasons are shown") }
    }

    func testSheetsAreOneSelfContainedPageWithASignInTablePerPlacementAndACardPerPerson() throws {
        let (problem, rota) = try solvedSmallRegion()
        let out = temporary().appendingPathComponent("sheets.html")
        XCTAssertEqual(try DaemonClient.runCommand(["sheets", problem, rota, "--html", out.path]).status, 0)
        let html = try String(contentsOf: out, encoding: .utf8)
        XCTAssertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script") || html.contains("<link"), "no external assets")
        XCTAssertTrue(html.contains("@page"))
        XCTAssertTrue(html.contains("Signed in (time)") && html.contains("Hours worked"))
        XCTAssertTrue(html.contains("<h1>Victoria Park clean-up</h1>"))
        XCTAssertTrue(html.contains("your week from"))
        // (The fixture has a placement whose id is MAPPA: the words of the risk fields are what must not appear.)
        XCTAssertFalse(html.lowercased().contains("rosh") || html.lowercased().contains("risk") || html.contains("MAPPA level"), "no risk data on a supervisor's sheet")
    }

    func testACalendarIsFoldedCRLFTextWithALondonTimeZoneAndStableUIDs() throws {
        let (problem, rota) = try solvedSmallRegion()
        let a = try DaemonClient.runCommand(["calendar", problem, rota, "--placement", "PARK"])
        let b = try DaemonClient.runCommand(["calendar", problem, rota, "--placement", "PARK"])
        XCTAssertEqual(a.status, 0, a.err)
        let bytes = Array(a.out.utf8)
        for (i, byte) in bytes.enumerated() where byte == 0x0A { XCTAssertEqual(bytes[i - 1], 0x0D, "every line ends CRLF") }
        for line in a.out.components(separatedBy: "\r\n") { XCTAssertLessThanOrEqual(line.utf8.count, 75, line) }
        XCTAssertTrue(a.out.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London"))
        XCTAssertTrue(a.out.contains("DTSTART;TZID=Europe/London:20261201T090000"))
        func uids(_ s: String) -> [String] { s.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") } }
        XCTAssertFalse(uids(a.out).isEmpty)
        XCTAssertEqual(uids(a.out), uids(b.out), "the same session occurrence keeps its UID")
        XCTAssertEqual(Set(uids(a.out)).count, uids(a.out).count)
        let unknown = try DaemonClient.runCommand(["calendar", problem, rota, "--person", "NOBODY"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.err.contains("--person: no person \"NOBODY\""), unknown.err)
    }

    // MARK: The daemon

    func loaded() throws -> DaemonClient {
        let c = try DaemonClient(dataDir: temporary())
        _ = c.call("dataset.load", try DaemonClient.dataset("small/problem.json"))
        return c
    }

    func testDatasetExportThenImportIntoAnotherRegionGivesTheSameDataset() throws {
        let a = try loaded()
        defer { _ = a.closeAndWait() }
        let files = a.call("dataset.export")["files"]
        XCTAssertNotNil(files?["people.csv"]?.stringValue)
        XCTAssertNil(files?["settings.csv"]?.stringValue?.range(of: "Week starting"), "the standing data has no week")
        let b = try DaemonClient(dataDir: temporary())
        defer { _ = b.closeAndWait() }
        let counts = b.call("dataset.import", ["files": files!])
        XCTAssertEqual(counts, a.call("server.health")["counts"] ?? counts)
        let ids = a.call("dataset.get")["ids"]!
        let all: JSONValue = .obj([("people", ids["people"]!), ("placements", ids["placements"]!), ("programmes", ids["programmes"]!), ("interpreters", ids["interpreters"]!)])
        XCTAssertEqual(JSONWriter.string(b.call("dataset.get", all)), JSONWriter.string(a.call("dataset.get", all)))
    }

    func testDatasetImportRefusesABadCellWithItsFileRowAndColumnAndChangesNothing() throws {
        let c = try loaded()
        defer { _ = c.closeAndWait() }
        let before = JSONWriter.string(c.call("dataset.get", ["people": ["P01", "P02"]]))
        let e = c.error("dataset.import", ["files": ["people.csv": "ID,Sex,Home latitude,Home longitude,RoSH\nP01,M,52.6,-1.1,low\nP02,M,52.6,-1.1,hi\n"]])
        XCTAssertEqual(e.code, -32602)
        XCTAssertEqual(e["data"]?["path"], "people.csv row 3, column \"RoSH\"")
        XCTAssertEqual(e["data"]?["reason"], "expected one of low, medium, high, very_high, got \"hi\"")
        let unknown = c.error("dataset.import", ["files": ["non-associations.csv": "Person ID,Other person ID\nP01,NOBODY\n"]])
        XCTAssertEqual(unknown["data"]?["path"], "non-associations.csv row 2, column \"Other person ID\"")
        XCTAssertEqual(c.error("dataset.import", ["files": ["people.xlsx": "…"]]).code, -32602)
        XCTAssertEqual(c.error("dataset.import", ["files": ["people.csv": 3]])["data"]?["path"], "params.files.people.csv")
        XCTAssertEqual(JSONWriter.string(c.call("dataset.get", ["people": ["P01", "P02"]])), before)
        XCTAssertEqual(c.error("dataset.import", ["files": ["people.csv": "ID\nP9\n"], "actor": ["role": "officer", "id": "o1"]]).code, -32003)
    }

    func testAnImportedRowMergesLikeAnUpsertAndANestedFileLeftOutKeepsTheStoredList() throws {
        let c = try loaded()
        defer { _ = c.closeAndWait() }
        let p29 = c.call("dataset.get", ["people": ["P29"]])["people"]?.arrayValue?.first
        XCTAssertNotNil(p29?["availability"])
        _ = c.call("dataset.import", ["files": ["people.csv": "ID,Name,Sex,Home latitude,Home longitude,RoSH\nP29,Jo Bloggs,M,52.6,-1.1,medium\nNEW1,New Person,F,52.61,-1.12,low\n"]])
        let after = c.call("dataset.get", ["people": ["P29", "NEW1"]])["people"]?.arrayValue ?? []
        XCTAssertEqual(after.count, 2)
        XCTAssertEqual(after.first?["name"], "Jo Bloggs")
        XCTAssertEqual(after.first?["risk"]?["rosh"], "medium")
        XCTAssertEqual(after.first?["availability"], p29?["availability"], "availability.csv was not given: the stored list stays")
        _ = c.call("dataset.import", ["files": ["availability.csv": "Person ID,Weekday,Start,End\nP29,Saturday,9:00,17:00\n"]])
        let weekly = c.call("dataset.get", ["people": ["P29"]])["people"]?.arrayValue?.first
        XCTAssertEqual(weekly?["availability"], [["weekday": "Saturday", "start": "09:00", "end": "17:00"]])
        XCTAssertEqual(weekly?["name"], "Jo Bloggs", "a row of a nested file keeps the rest of the stored person")
    }

    func testRotaExportAndCalendarsFromTheDaemonWithProvidersSeeingOnlyTheirOwnPlacements() throws {
        let c = try loaded()
        defer { _ = c.closeAndWait() }
        _ = c.call("rota.generate", ["weekStart": week, "timeLimitMs": 300, "seed": 1])
        let files = c.call("rota.export", ["weekStart": week])["files"]
        let assignments = try XCTUnwrap(files?["assignments.csv"]?.stringValue)
        XCTAssertTrue(assignments.hasPrefix("Person ID,Name,Placement ID,Placement,Session ID,Date,Weekday,Start,End,Hours,Interpreter booked"))
        XCTAssertNotNil(files?["unmet.csv"]?.stringValue)
        let heart: JSONValue = ["role": "provider", "id": "Heart Foundation"]
        let ics = c.call("calendar.get", ["weekStart": week, "placementId": "SHOP", "actor": heart])["ics"]?.stringValue ?? ""
        XCTAssertTrue(ics.hasPrefix("BEGIN:VCALENDAR\r\n"), ics)
        XCTAssertFalse(ics.contains("rosh") || ics.contains("RoSH") || ics.contains("MAPPA"))
        XCTAssertEqual(c.error("calendar.get", ["weekStart": week, "placementId": "PARK", "actor": heart]).code, -32003)
        XCTAssertEqual(c.error("calendar.get", ["weekStart": week, "personId": "P01", "actor": heart]).code, -32003)
        XCTAssertEqual(c.error("calendar.get", ["weekStart": week, "personId": "NOBODY"]).code, -32001)
        XCTAssertEqual(c.error("calendar.get", ["weekStart": week]).code, -32602)
        let someone = try XCTUnwrap(assignments.split(separator: "\r\n").dropFirst().first?.split(separator: ",").first.map(String.init))
        let person = c.call("calendar.get", ["weekStart": week, "personId": .string(someone)])["ics"]?.stringValue ?? ""
        XCTAssertTrue(person.contains("BEGIN:VEVENT"), person)
        XCTAssertEqual(c.error("rota.export", ["weekStart": week, "actor": heart]).code, -32003)
        XCTAssertEqual(c.error("dataset.export", ["actor": heart]).code, -32003)
    }
}
