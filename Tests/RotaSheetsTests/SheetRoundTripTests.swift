import RotaEngine
import RotaGenerator
import RotaJSON
import RotaSheets
import RotaSolver
import XCTest

/// `import` of `export` gives back the same document — every field, every weekly entry kind,
/// awkward text — so every rota scores exactly as it did.
final class SheetRoundTripTests: XCTestCase {
    static let awkward = [
        "He said \"hello\", then left", "Nowak, Anna", "Line one\nline two", "Zoë Ó Súilleabháin-Łukasiewicz",
        "=SUM(A1:A9)", "'quoted'", "-minus", "@handle", "semi; colon", String(repeating: "Long Name ", count: 40) + "End",
        "tab\there", "€ £ ¥ — “curly”",
    ]

    /// A generated region with every optional field and weekly entry kind present and awkward
    /// text wherever a document holds text.
    static func awkwardRegion(people: Int, seed: UInt64) -> Problem {
        var p = RegionGenerator.weeklyForm(RegionGenerator(people: people, seed: seed).generate(), seed: seed)
        let week = p.weekStart
        func weekly(_ day: Int, _ s: String, _ e: String, from: CalendarDay? = nil, until: CalendarDay? = nil) -> WeeklyInterval {
            WeeklyInterval(recurrence: Recurrence(weekday: day, from: from, until: until), start: TimeOfDay(hhmm: s)!, end: TimeOfDay(hhmm: e)!)
        }
        p.policy.maxTravelKm = 27.5
        p.policy.weights.isolation = 61.25
        // An awkward id, renamed everywhere it is referenced.
        let old = p.people[0].id, new = "P,\"odd\" id"
        for i in p.people.indices {
            if p.people[i].id == old { p.people[i].id = new }
            p.people[i].nonAssociation = p.people[i].nonAssociation.map { $0 == old ? new : $0 }
        }
        for i in p.people.indices {
            p.people[i].name = awkward[i % awkward.count]
            if i % 7 == 0 { p.people[i].interests.append("painting, decorating") }
            if i % 11 == 0 { p.people[i].isolationTag = "tag, with \"quotes\"" }
            if i % 13 == 0 { p.people[i].maxTravelKm = 12.345 }
            if i % 17 == 0 { p.people[i].weeklyAvailability.append(weekly(i % 7, "08:00", "18:00", from: week.adding(days: -30), until: week.adding(days: 60))) }
            if i % 19 == 0 { p.people[i].weeklyUnavailable.append(weekly((i + 2) % 7, "09:00", "12:30")) }
            if i % 23 == 0 { p.people[i].weeklyChildcareWindows.append(weekly(2, "09:15", "14:45", until: week.adding(days: 90))) }
            if i % 29 == 0 { p.people[i].exclusionZones.append(ExclusionZone(centre: GeoPoint(lat: 52.6 + Double(i) * 1e-5, lon: -1.1), radiusKm: 1.5)) }
            if i % 31 == 0, var upw = p.people[i].upw { upw.minWeeklyHours = 3.5; upw.maxWeeklyHours = 14; p.people[i].upw = upw }
            if i % 37 == 0 { p.people[i].supervisionNotes = true }
        }
        // Never available (an empty list) and dependants with no window are not "absent".
        p.people[1].availability = []
        p.people[1].weeklyAvailability = []
        p.people[2].childcareWindows = []
        p.people[2].weeklyChildcareWindows = []
        for i in p.placements.indices {
            p.placements[i].name = awkward[(i + 3) % awkward.count]
            p.placements[i].provider = "Provider \"\(i % 3)\", Ltd\nUnit 4"
            p.placements[i].skills.append("woodwork; joinery, \"fine\"")
            if i == 0 { p.placements[i].staffLanguages = [] }
            if i == 1 { p.placements[i].staffLanguages = ["en", "pl"] }
            if !p.placements[i].weeklySessions.isEmpty {
                p.placements[i].weeklySessions[0].recurrence.except = [week.adding(days: 7 + p.placements[i].weeklySessions[0].recurrence.weekday), week.adding(days: 21)]
                p.placements[i].weeklySessions[0].recurrence.until = week.adding(days: 200)
            }
        }
        for i in p.programmes.indices {
            p.programmes[i].name += ", \"accredited\""
            for j in p.programmes[i].groups.indices where !p.programmes[i].groups[j].weeklySessions.isEmpty {
                p.programmes[i].groups[j].weeklySessions[0].recurrence.except = [week.adding(days: 14)]
                p.programmes[i].groups[j].weeklySessions[0].recurrence.from = week.adding(days: -100)
            }
        }
        for i in p.interpreters.indices where i % 2 == 0 {
            p.interpreters[i].weeklyAvailability.append(weekly(5, "10:00", "24:00", from: week))
        }
        return p
    }

    /// The files a directory would hold.
    static func exported(_ p: Problem) -> [(name: String, text: String)] { SheetExport.files(problem: p) }

    func assertRoundTrip(_ p: Problem, file: StaticString = #filePath, line: UInt = #line) throws {
        let back = try SheetImport.read(files: Self.exported(p)).problem()
        XCTAssertEqual(JSONWriter.string(ProblemEncoder.encode(back)), JSONWriter.string(ProblemEncoder.encode(p)), file: file, line: line)
    }

    func testImportOfExportGivesBackEveryFieldOfGeneratedRegionsOfEverySize() throws {
        for (people, seed) in [(40, 1), (400, 2), (1_500, 3)] as [(Int, UInt64)] {
            try assertRoundTrip(Self.awkwardRegion(people: people, seed: seed))
            try assertRoundTrip(RegionGenerator(people: people, seed: seed).generate())
        }
    }

    func testImportOfExportScoresEveryRotaExactlyAsTheOriginal() throws {
        let original = Self.awkwardRegion(people: 300, seed: 9)
        let back = try SheetImport.read(files: Self.exported(original)).problem()
        var options = SolveOptions()
        options.timeLimitSeconds = 0.5
        options.threads = 1
        let solved = Solver.solve(original.document(forWeek: original.weekStart), options: options).rota
        // The solver's rota, an empty one, and one with every entry broken in some way.
        var broken = solved
        broken.assignments += solved.assignments.prefix(20).map { Assignment(personId: $0.personId, sessionId: solved.assignments.last!.sessionId) }
        broken.interpreterBookings = broken.interpreterBookings.dropLast()
        for rota in [solved, Rota(weekStart: original.weekStart.description), broken] {
            let a = Scorer.score(rota, in: Region(original.document(forWeek: original.weekStart)))
            let b = Scorer.score(rota, in: Region(back.document(forWeek: back.weekStart)))
            XCTAssertEqual(a.hard, b.hard)
            XCTAssertEqual(a.soft, b.soft)
            XCTAssertEqual(a.violations.map(\.message), b.violations.map(\.message))
        }
    }

    func testTheRotaFilesReadBackAsTheSameRota() throws {
        let p = RegionGenerator(people: 200, seed: 4).generate()
        var options = SolveOptions()
        options.timeLimitSeconds = 0.3
        options.threads = 1
        let rota = Solver.solve(p, options: options).rota
        let files = RotaSheetFiles.files(problem: p, rota: rota)
        let back = try RotaSheetFiles.rota(files: files, weekStart: p.weekStart)
        XCTAssertEqual(back.assignments, rota.assignments)
        XCTAssertEqual(back.programmeAllocations, rota.programmeAllocations)
        XCTAssertEqual(back.interpreterBookings, rota.interpreterBookings)
        let unmet = try XCTUnwrap(files.first { $0.name == "unmet.csv" }?.text)
        XCTAssertEqual(try CSVText.parse(unmet).count - 1, WeekPlan(problem: p, rota: rota).unmet.count, "one row per person left short")
    }
}
