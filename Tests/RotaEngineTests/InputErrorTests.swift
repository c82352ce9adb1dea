import RotaEngine
import RotaJSON
import RotaTestSupport
import XCTest

/// Every refusal names the JSON path of the field and the reason.
final class InputErrorTests: XCTestCase {
    /// A minimal valid document; each test breaks one thing in it.
    func doc(person: String = #"{"id":"P1","sex":"M","home":{"lat":52.6,"lon":-1.1},"upw":{"hoursOrdered":40,"hoursCompleted":0,"deadline":"2027-01-01"}}"#,
             session: String = #"{"id":"S1","day":"2026-12-05","start":"09:00","end":"16:30","hours":7,"capacity":4}"#,
             extraPeople: String = "", groupSession: String = #"{"id":"G1-S1","day":"2026-12-01","start":"18:00","end":"20:30"}"#,
             weekStart: String = "2026-11-30") -> String {
        """
        {"weekStart":"\(weekStart)",
         "people":[\(person)\(extraPeople)],
         "placements":[{"id":"PL1","name":"Park","provider":"CP","kind":"group","location":{"lat":52.6,"lon":-1.1},"sessions":[\(session)]}],
         "programmes":[{"id":"TSP","name":"TSP","groups":[{"id":"G1","location":{"lat":52.6,"lon":-1.1},"capacity":8,"sessions":[\(groupSession)]}]}],
         "interpreters":[{"id":"I1","languages":["pl"],"availability":[]}]}
        """
    }

    func refusal(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> InputError? {
        do {
            _ = try ProblemDecoder.decode(JSONParser.parse(text))
            XCTFail("accepted", file: file, line: line)
            return nil
        } catch let e as InputError {
            return e
        } catch let e as JSONSyntaxError {
            return InputError(e)
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    func assertRefused(_ text: String, path: String, reasonContains: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let e = refusal(text, file: file, line: line) else { return }
        XCTAssertEqual(e.path, path, e.description, file: file, line: line)
        XCTAssertTrue(e.reason.contains(reasonContains), "\(e.description) lacks \(reasonContains)", file: file, line: line)
    }

    func testTheMinimalDocumentIsAccepted() throws {
        let p = try ProblemDecoder.decode(JSONParser.parse(doc()))
        XCTAssertEqual(p.people.count, 1)
        XCTAssertEqual(p.people[0].language, "en")
        XCTAssertFalse(p.people[0].womenOnly)
        XCTAssertEqual(p.placements[0].maxRosh, .medium)
        XCTAssertEqual(p.programmes[0].maxRosh, .veryHigh)
        XCTAssertTrue(p.programmes[0].groups[0].acceptingNew)
    }

    func testMalformedJSONGivesLineAndColumn() {
        let e = refusal("{\n  \"weekStart\": \"2026-11-30\",\n  \"people\": [}\n}")
        XCTAssertEqual(e?.reason.contains("line 3, column 14"), true, e?.description ?? "")
        XCTAssertEqual(refusal("{\"a\": tru}")?.reason.contains("line 1, column 7"), true)
        XCTAssertNotNil(refusal(""))
        XCTAssertNotNil(refusal("[1, 2"))
    }

    func testMissingRequiredField() {
        assertRefused(doc(person: #"{"id":"P1","home":{"lat":52.6,"lon":-1.1}}"#), path: "people[0].sex", reasonContains: "required field is missing")
        assertRefused(doc(session: #"{"id":"S1","day":"2026-12-05","start":"09:00","end":"16:30","capacity":4}"#),
                      path: "placements[0].sessions[0].hours", reasonContains: "required")
        assertRefused(#"{"people":[]}"#, path: "weekStart", reasonContains: "required")
    }

    func testWrongTypes() {
        assertRefused(doc(person: #"{"id":"P1","sex":"M","home":{"lat":"52.6","lon":-1.1}}"#), path: "people[0].home.lat", reasonContains: "expected a number, got a string")
        assertRefused(doc(person: #"{"id":7,"sex":"M","home":{"lat":52.6,"lon":-1.1}}"#), path: "people[0].id", reasonContains: "expected a string, got a number")
        assertRefused(doc(person: #"{"id":"P1","sex":"M","home":{"lat":52.6,"lon":-1.1},"needsInterpreter":"yes"}"#),
                      path: "people[0].needsInterpreter", reasonContains: "expected true or false")
        assertRefused(#"{"weekStart":"2026-11-30","people":{}}"#, path: "people", reasonContains: "expected an array, got an object")
        assertRefused("[]", path: "", reasonContains: "expected an object, got an array")
    }

    func testUnknownEnumValueNamesTheChoices() {
        let e = refusal(doc(person: #"{"id":"P1","sex":"M","home":{"lat":52.6,"lon":-1.1},"risk":{"rosh":"hi"}}"#))
        XCTAssertEqual(e?.description, #"people[0].risk.rosh: expected one of low, medium, high, very_high, got "hi""#)
    }

    func testBadDatesAndTimes() {
        assertRefused(doc(session: #"{"id":"S1","day":"2026-12-05","start":"25:00","end":"26:00","hours":7,"capacity":4}"#),
                      path: "placements[0].sessions[0].start", reasonContains: "\"25:00\"")
        assertRefused(doc(session: #"{"id":"S1","day":"2026-02-30","start":"09:00","end":"16:30","hours":7,"capacity":4}"#),
                      path: "placements[0].sessions[0].day", reasonContains: "\"2026-02-30\"")
        assertRefused(doc(weekStart: "2026-12-01"), path: "weekStart", reasonContains: "not a Monday")
        assertRefused(doc(person: #"{"id":"P1","sex":"M","home":{"lat":52.6,"lon":-1.1},"upw":{"hoursOrdered":40,"hoursCompleted":0,"deadline":"31/12/2026"}}"#),
                      path: "people[0].upw.deadline", reasonContains: "YYYY-MM-DD")
    }

    func testEndMustBeAfterStart() {
        assertRefused(doc(session: #"{"id":"S1","day":"2026-12-05","start":"16:30","end":"09:00","hours":7,"capacity":4}"#),
                      path: "placements[0].sessions[0].end", reasonContains: "not after start")
        assertRefused(doc(groupSession: #"{"id":"G1-S1","day":"2026-12-01","start":"18:00","end":"18:00"}"#),
                      path: "programmes[0].groups[0].sessions[0].end", reasonContains: "not after start")
    }

    func testNegativeOrNonFiniteNumbers() {
        assertRefused(doc(session: #"{"id":"S1","day":"2026-12-05","start":"09:00","end":"16:30","hours":-7,"capacity":4}"#),
                      path: "placements[0].sessions[0].hours", reasonContains: "must not be negative")
        assertRefused(doc(session: #"{"id":"S1","day":"2026-12-05","start":"09:00","end":"16:30","hours":7,"capacity":-1}"#),
                      path: "placements[0].sessions[0].capacity", reasonContains: "must not be negative")
        assertRefused(doc(session: #"{"id":"S1","day":"2026-12-05","start":"09:00","end":"16:30","hours":7,"capacity":2.5}"#),
                      path: "placements[0].sessions[0].capacity", reasonContains: "whole number")
        assertRefused(doc(session: #"{"id":"S1","day":"2026-12-05","start":"09:00","end":"16:30","hours":1e999,"capacity":4}"#),
                      path: "placements[0].sessions[0].hours", reasonContains: "finite")
        assertRefused(doc(person: #"{"id":"P1","sex":"M","home":{"lat":95,"lon":-1.1}}"#), path: "people[0].home.lat", reasonContains: "at most 90")
        assertRefused(doc(person: #"{"id":"P1","sex":"M","home":{"lat":52,"lon":-1},"maxTravelKm":-3}"#), path: "people[0].maxTravelKm", reasonContains: "negative")
    }

    func testDuplicateIds() {
        assertRefused(doc(extraPeople: #",{"id":"P1","sex":"F","home":{"lat":52.6,"lon":-1.1}}"#), path: "people[1].id", reasonContains: "duplicate person id \"P1\"")
    }

    func testSessionIdsAreUniqueAcrossPlacementsAndGroups() {
        assertRefused(doc(groupSession: #"{"id":"S1","day":"2026-12-01","start":"18:00","end":"20:30"}"#),
                      path: "programmes[0].groups[0].sessions[0].id", reasonContains: "duplicate session id \"S1\"")
    }

    func testReferencesToUnknownPeopleAndProgrammes() {
        assertRefused(doc(person: #"{"id":"P1","sex":"M","home":{"lat":52.6,"lon":-1.1},"nonAssociation":["P9"]}"#),
                      path: "people[0].nonAssociation[0]", reasonContains: "unknown person id \"P9\"")
        assertRefused(doc(person: #"{"id":"P1","sex":"M","home":{"lat":52.6,"lon":-1.1},"programme":{"programmeId":"XYZ","status":"awaiting"}}"#),
                      path: "people[0].programme.programmeId", reasonContains: "unknown programme id \"XYZ\"")
    }

    func testEnrolledPersonNeedsAGroup() {
        assertRefused(doc(person: #"{"id":"P1","sex":"M","home":{"lat":52.6,"lon":-1.1},"programme":{"programmeId":"TSP","status":"enrolled"}}"#),
                      path: "people[0].programme.groupId", reasonContains: "required when status is enrolled")
    }

    func testNullIsAbsentAndUnknownFieldsAreIgnored() throws {
        let p = try ProblemDecoder.decode(JSONParser.parse(doc(person: #"{"id":"P1","sex":"F","home":{"lat":52.6,"lon":-1.1},"womenOnly":null,"language":null,"shoeSize":44}"#)))
        XCTAssertTrue(p.people[0].womenOnly, "default for F")
        XCTAssertEqual(p.people[0].language, "en")
    }

    func testSessionsOutsideTheWeekAreNotErrors() throws {
        let p = try ProblemDecoder.decode(JSONParser.parse(doc(session: #"{"id":"S1","day":"2027-05-05","start":"09:00","end":"16:30","hours":7,"capacity":4}"#)))
        XCTAssertEqual(Region(p).placementSessionCount, 0)
    }

    func testPolicyOverridesFieldByField() throws {
        var base = Policy()
        base.maxTravelKm = 30
        let json = try JSONParser.parse(#"{"weekStart":"2026-11-30","policy":{"weights":{"travelKm":3}}}"#)
        let p = try ProblemDecoder.decode(json, basePolicy: base)
        XCTAssertEqual(p.policy.maxTravelKm, 30)
        XCTAssertEqual(p.policy.weights.travelKm, 3)
        XCTAssertEqual(p.policy.weights.hoursShortfall, 100)
    }

    func testConfigPolicyFileMirrorsTheSpecDefaults() throws {
        let json = try JSONParser.parse(String(contentsOf: PackageRoot.url.appendingPathComponent("config/policy.json"), encoding: .utf8))
        XCTAssertEqual(try ProblemDecoder.decodePolicy(FieldReader(json, path: ""), base: Policy()), Policy())
    }

    func testRotaStructuralFaultsAreRefusedWithTheirPath() {
        XCTAssertThrowsError(try RotaDecoder.decode(JSONParser.parse(#"{"weekStart":"2026-11-30","assignments":[{"personId":"P1"}]}"#))) { e in
            XCTAssertEqual((e as? InputError)?.path, "assignments[0].sessionId")
        }
    }

    func testAnAbsurdReportedScoreNeverMatchesAndNeverCrashes() throws {
        let rota = try RotaDecoder.decode(JSONParser.parse(#"{"weekStart":"2026-11-30","score":{"hard":1e300,"soft":0.5}}"#))
        XCTAssertNil(rota.score)
        let region = Region(try Fixture.problem("small/problem.json"))
        XCTAssertFalse(Scorer.score(rota, in: region).matches(rota.score))
    }
}
