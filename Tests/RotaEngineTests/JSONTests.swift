import RotaJSON
import XCTest

final class JSONTests: XCTestCase {
    func testRoundTripKeepsValuesAndOrder() throws {
        let text = #"{"b":[1,2.5,-3e2,true,false,null],"a":{"x":"é\n\"q\"\u0001"},"c":""}"#
        let v = try JSONParser.parse(text)
        XCTAssertEqual(v["b"]?.arrayValue?.count, 6)
        XCTAssertEqual(v["b"]?.arrayValue?[2], .number(-300))
        XCTAssertEqual(v["a"]?["x"]?.stringValue, "é\n\"q\"\u{01}")
        XCTAssertEqual(try JSONParser.parse(JSONWriter.string(v)), v)
        XCTAssertEqual(v.objectValue?.keys, ["b", "a", "c"])
    }

    func testSurrogatePairs() throws {
        XCTAssertEqual(try JSONParser.parse(#""\ud83d\ude00""#).stringValue, "😀")
        XCTAssertThrowsError(try JSONParser.parse(#""\ud83d""#))
    }

    func testStrictness() {
        for bad in ["01", "1.", "-", "+1", "'a'", "[1,]", "{\"a\":1,}", "tru", "\"\t\"", "{} {}", "NaN", "{a:1}"] {
            XCTAssertThrowsError(try JSONParser.parse(bad), bad)
        }
    }

    func testDepthLimitStopsHostileNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        XCTAssertThrowsError(try JSONParser.parse(deep)) { e in
            XCTAssertTrue((e as! JSONSyntaxError).reason.contains("nesting"))
        }
    }

    func testWholeNumbersPrintWithoutFraction() {
        XCTAssertEqual(JSONWriter.formatNumber(7), "7")
        XCTAssertEqual(JSONWriter.formatNumber(7.25), "7.25")
        XCTAssertEqual(JSONWriter.formatNumber(.infinity), "null")
    }
}
