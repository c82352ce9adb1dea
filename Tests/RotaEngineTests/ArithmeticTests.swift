import Foundation
import RotaEngine
import XCTest

/// Distances, dates and the weekly-target arithmetic of PROBLEM.md.
final class ArithmeticTests: XCTestCase {
    let week = CalendarDay(iso: "2026-11-30")!

    func testHaversineMatchesKnownDistances() {
        // One degree of latitude on a 6371 km sphere: 2πR/360.
        XCTAssertEqual(GeoPoint(lat: 52, lon: -1).distanceKm(to: GeoPoint(lat: 53, lon: -1)), 111.19492664455873, accuracy: 1e-9)
        // London (51.5074, -0.1278) to Paris (48.8566, 2.3522): about 343.6 km.
        XCTAssertEqual(GeoPoint(lat: 51.5074, lon: -0.1278).distanceKm(to: GeoPoint(lat: 48.8566, lon: 2.3522)), 343.56, accuracy: 0.05)
        XCTAssertEqual(GeoPoint(lat: 10, lon: 20).distanceKm(to: GeoPoint(lat: 10, lon: 20)), 0)
        // Antipodes: half the circumference, without NaN from rounding.
        XCTAssertEqual(GeoPoint(lat: 0, lon: 0).distanceKm(to: GeoPoint(lat: 0, lon: 180)), Double.pi * 6371, accuracy: 1e-6)
    }

    func order(_ ordered: Double, _ done: Double, deadlineInDays d: Int, min: Double? = nil, max: Double? = nil) -> WeeklyTarget {
        WeeklyTarget(order: UnpaidWorkOrder(hoursOrdered: ordered, hoursCompleted: done, deadline: week.adding(days: d),
                                            minWeeklyHours: min, maxWeeklyHours: max), policy: Policy(), weekStart: week)
    }

    func testDistanceWithCachedCosinesIsTheTextbookHaversineBitForBit() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let a = GeoPoint(lat: 50 + rng.unit() * 5, lon: -5 + rng.unit() * 6)
            let b = GeoPoint(lat: 50 + rng.unit() * 5, lon: -5 + rng.unit() * 6)
            // PROBLEM.md's formula written out, as an independent implementation would.
            let rad = Double.pi / 180
            let h = sin((b.lat - a.lat) * rad / 2) * sin((b.lat - a.lat) * rad / 2)
                + cos(a.lat * rad) * cos(b.lat * rad) * sin((b.lon - a.lon) * rad / 2) * sin((b.lon - a.lon) * rad / 2)
            let textbook = 2 * 6371.0 * asin(min(1, sqrt(h)))
            XCTAssertEqual(a.distanceKm(to: b), textbook)
            XCTAssertEqual(GeoPoint.haversineKm(a, a.cosLatitude, b, b.cosLatitude), textbook)
        }
    }

    func testDeadlineInThreeDaysAsksForEverythingUpToTheWeeklyMaximum() {
        let t = order(100, 80, deadlineInDays: 3)
        XCTAssertEqual(t.weeksLeft, 1)
        XCTAssertEqual(t.targetHours, 20)
        XCTAssertEqual(order(100, 40, deadlineInDays: 3).targetHours, 28, "capped at the intensive maximum")
    }

    func testDeadlineIn52WeeksSpreadsButNeverBelowTheStandardOffer() {
        let t = order(300, 0, deadlineInDays: 364)
        XCTAssertEqual(t.weeksLeft, 52)
        XCTAssertEqual(t.targetHours, 7, "300/52 = 5.8 is below the 7-hour standard offer")
        XCTAssertEqual(order(300, 0, deadlineInDays: 70).targetHours, 28, "300/10 = 30, capped at 28")
        XCTAssertEqual(order(300, 0, deadlineInDays: 71).weeksLeft, 11, "ceil(71/7) = 11")
        XCTAssertEqual(order(300, 0, deadlineInDays: 140).targetHours, 15, "300/20")
    }

    func testDeadlinePassedOrTodayCountsAsOneWeek() {
        XCTAssertEqual(order(60, 40, deadlineInDays: -10).weeksLeft, 1)
        XCTAssertEqual(order(60, 40, deadlineInDays: -10).targetHours, 20)
        XCTAssertEqual(order(60, 40, deadlineInDays: 0).weeksLeft, 1)
        XCTAssertEqual(order(60, 40, deadlineInDays: -7).weeksLeft, 1)
    }

    func testTargetNeverExceedsWhatIsLeftNorGoesNegative() {
        XCTAssertEqual(order(40, 36, deadlineInDays: 90).targetHours, 4)
        XCTAssertEqual(order(40, 45, deadlineInDays: 90).targetHours, 0, "over-completed orders ask for nothing")
        XCTAssertEqual(order(100, 0, deadlineInDays: 300, min: 10).targetHours, 10, "a person's own minimum")
        XCTAssertEqual(order(100, 0, deadlineInDays: 7, max: 14).targetHours, 14, "a person's own maximum")
    }

    func testDatesRefuseImpossibleDaysAndKnowTheirWeekday() {
        XCTAssertNil(CalendarDay(iso: "2026-02-30"))
        XCTAssertNil(CalendarDay(iso: "2026-13-01"))
        XCTAssertNil(CalendarDay(iso: "2026-1-01"))
        XCTAssertNotNil(CalendarDay(iso: "2028-02-29"))
        XCTAssertNil(CalendarDay(iso: "2100-02-29"))
        XCTAssertEqual(CalendarDay(iso: "2026-11-30")!.weekday, 0)
        XCTAssertEqual(CalendarDay(iso: "2026-12-06")!.weekdayName, "Sunday")
        XCTAssertEqual(CalendarDay(iso: "2026-11-30")!.adding(days: 33).description, "2027-01-02")
    }

    func testTimesAcceptTwentyFourHundredAsEndOfDayOnly() {
        XCTAssertEqual(TimeOfDay(hhmm: "24:00")?.minutes, 1440)
        XCTAssertNil(TimeOfDay(hhmm: "25:00"))
        XCTAssertNil(TimeOfDay(hhmm: "24:01"))
        XCTAssertNil(TimeOfDay(hhmm: "12:60"))
        XCTAssertNil(TimeOfDay(hhmm: "9:00"))
    }

    func testIntervalsAreHalfOpen() {
        let d = week
        let a = Interval(day: d, start: TimeOfDay(hhmm: "09:00")!, end: TimeOfDay(hhmm: "12:00")!)
        let b = Interval(day: d, start: TimeOfDay(hhmm: "12:00")!, end: TimeOfDay(hhmm: "15:00")!)
        XCTAssertFalse(a.overlaps(b), "touching intervals do not overlap")
        XCTAssertTrue(a.contains(a))
        XCTAssertFalse(Interval(day: d.adding(days: 1), start: a.start, end: a.end).overlaps(a))
    }
}
