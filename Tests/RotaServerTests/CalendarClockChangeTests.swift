import Foundation
import RotaJSON
import RotaTestSupport
import XCTest

/// Calendars read by an independent RFC 5545 parser (Python's `icalendar`, installed by
/// `.ci/run`): every event lands at the right instant on both sides of the October clock
/// change, and what a provider's calendar says of people is their names and needs only.
final class CalendarClockChangeTests: XCTestCase {
    /// Week of Monday 19 October 2026: British Summer Time ends at 02:00 on Sunday 25 October.
    static let problem: JSONValue = [
        "weekStart": "2026-10-19",
        "people": [
            ["id": "P1", "name": "Łukasz \"Luke\" Nowak, Jr", "sex": "M", "home": ["lat": 52.63, "lon": -1.13], "language": "pl", "needsInterpreter": true,
             "risk": ["rosh": "high", "mappaLevel": 2, "childRisk": true],
             "childcare": ["windows": [["weekday": "Monday", "start": "09:00", "end": "15:00"]]],
             "upw": ["hoursOrdered": 100, "hoursCompleted": 0, "deadline": "2027-06-01"],
             "programme": ["programmeId": "TSP", "status": "enrolled", "groupId": "TSP-1"]],
        ],
        "placements": [
            ["id": "PARK", "name": "Victoria Park; east side", "provider": "City Parks", "kind": "group", "location": ["lat": 52.63, "lon": -1.13],
             "maxRosh": "very_high", "mappaApproved": true, "childcareOnSite": true,
             "sessions": [
                ["id": "PARK-SAT", "weekday": "Saturday", "start": "09:00", "end": "16:30", "hours": 7, "capacity": 5],
                ["id": "PARK-SUN", "weekday": "Sunday", "start": "09:00", "end": "16:30", "hours": 7, "capacity": 5],
             ]],
        ],
        "programmes": [
            ["id": "TSP", "name": "Thinking Skills Programme", "groups": [
                ["id": "TSP-1", "location": ["lat": 52.63, "lon": -1.13], "capacity": 10, "interpreterSupported": true,
                 "sessions": [["id": "TSP-1-WED", "weekday": "Wednesday", "start": "18:00", "end": "20:30"]]],
            ]],
        ],
        "interpreters": [["id": "I-PL", "languages": ["pl"], "availability": [["weekday": "Saturday", "start": "08:00", "end": "18:00"], ["weekday": "Sunday", "start": "08:00", "end": "18:00"]]]],
    ]
    static let rota: JSONValue = [
        "weekStart": "2026-10-19",
        "assignments": [["personId": "P1", "sessionId": "PARK-SAT"], ["personId": "P1", "sessionId": "PARK-SUN"]],
        "interpreterBookings": [["interpreterId": "I-PL", "sessionId": "PARK-SAT", "language": "pl"]],
    ]

    func events(_ args: [String]) throws -> [JSONValue] {
        let dir = DaemonClient.temporaryDirectory()
        let problem = dir.appendingPathComponent("problem.json"), rota = dir.appendingPathComponent("rota.json"), ics = dir.appendingPathComponent("out.ics")
        try Data(JSONWriter.string(Self.problem).utf8).write(to: problem)
        try Data(JSONWriter.string(Self.rota).utf8).write(to: rota)
        let r = try DaemonClient.runCommand(["calendar", problem.path, rota.path] + args + ["--out", ics.path])
        XCTAssertEqual(r.status, 0, r.err)
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", PackageRoot.url.appendingPathComponent("scripts/ics-events.py").path, ics.path]
        let out = Pipe(), err = Pipe()
        python.standardOutput = out
        python.standardError = err
        try python.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        if python.terminationStatus != 0 && message.contains("No module named") && ProcessInfo.processInfo.environment["CI"] == nil {
            throw XCTSkip("Python's icalendar is not installed (.ci/run installs it): \(message)")
        }
        XCTAssertEqual(python.terminationStatus, 0, message)
        return try JSONParser.parse([UInt8](data)).arrayValue ?? []
    }

    func testAPersonsEventsAreAtTheRightInstantEitherSideOfTheOctoberClockChange() throws {
        let events = try events(["--person", "P1"])
        let byUID = Dictionary(uniqueKeysWithValues: events.map { ($0["uid"]!.stringValue!, $0) })
        XCTAssertEqual(events.count, 3, "two placement sessions and the programme session")
        // Wednesday 21 October, 18:00 BST = 17:00 UTC.
        let wed = try XCTUnwrap(byUID.values.first { $0["uid"]?.stringValue?.hasPrefix("TSP-1-WED-20261021") == true })
        XCTAssertEqual(wed["startUTC"], "2026-10-21T17:00")
        // Saturday 24 October, 09:00 BST = 08:00 UTC; Sunday 25 October, 09:00 GMT = 09:00 UTC.
        let sat = try XCTUnwrap(byUID.values.first { $0["uid"]?.stringValue?.hasPrefix("PARK-SAT-20261024") == true })
        let sun = try XCTUnwrap(byUID.values.first { $0["uid"]?.stringValue?.hasPrefix("PARK-SUN-20261025") == true })
        XCTAssertEqual(sat["startUTC"], "2026-10-24T08:00")
        XCTAssertEqual(sat["endUTC"], "2026-10-24T15:30")
        XCTAssertEqual(sun["startUTC"], "2026-10-25T09:00")
        XCTAssertEqual(sun["endUTC"], "2026-10-25T16:30")
        XCTAssertEqual(sat["tzid"], "Europe/London")
        XCTAssertEqual(sat["zones"], ["Europe/London"])
        XCTAssertEqual(sat["location"], "Victoria Park; east side (52.63, -1.13)", "escaped text reads back as written")
        XCTAssertTrue(sat["description"]?.stringValue?.contains("An interpreter (pl) is booked.") ?? false)
        XCTAssertTrue(sun["description"]?.stringValue?.contains("is still to be booked") ?? false)
    }

    func testAPlacementsEventsListAttendeesWithTheirNeedsAndNothingOfTheirRisk() throws {
        let events = try events(["--placement", "PARK"])
        XCTAssertEqual(events.count, 2)
        let text = JSONWriter.string(.array(events))
        XCTAssertTrue(text.contains("Łukasz \\\"Luke\\\" Nowak, Jr (P1); interpreter (pl) I-PL; crèche"), text)
        for word in ["high", "rosh", "MAPPA", "mappa", "risk"] { XCTAssertFalse(text.contains(word), word) }
    }
}
