import Foundation
import RotaEngine
import RotaJSON
import RotaTestSupport
import XCTest

/// Paths and loaders shared by the tests.
enum Fixture {
    static func url(_ relative: String) -> URL { PackageRoot.fixture(relative) }

    static func json(_ relative: String) throws -> JSONValue {
        let data = try Data(contentsOf: url(relative))
        return try JSONParser.parse([UInt8](data))
    }

    static func problem(_ relative: String) throws -> Problem { try ProblemDecoder.decode(json(relative)) }
    static func rota(_ relative: String) throws -> Rota { try RotaDecoder.decode(json(relative)) }

    /// Decodes a problem given as a JSON text (for input-error tests).
    static func decode(_ text: String) throws -> Problem { try ProblemDecoder.decode(JSONParser.parse(text)) }
}

extension ScoreReport {
    var perRule: [Int: Int] {
        var out: [Int: Int] = [:]
        for v in violations { out[v.rule.rawValue, default: 0] += 1 }
        return out
    }
}
