import RotaJSON

/// The id of a request: a string or a number (kept as given, so the answer echoes it exactly).
public enum RequestID: Hashable, Sendable {
    case string(String)
    case number(Double)
    /// Whole and within ±(2^53 − 1), so the Double holds exactly the integer that was sent.
    public static func isExactInteger(_ d: Double) -> Bool {
        d.isFinite && d == d.rounded() && abs(d) <= 9_007_199_254_740_991
    }

    public var json: JSONValue {
        switch self {
        case .string(let s): return .string(s)
        case .number(let d): return .number(d)
        }
    }
}

/// One incoming message, or the reason it is not one.
public enum Envelope: Sendable {
    case request(id: RequestID, method: String, params: JSONValue)
    case notification(method: String, params: JSONValue)
    /// Answer with this error (id nil: answer with `"id": null`). As JSON-RPC 2.0 says, a
    /// message too malformed to be a request or a notification is answered even without an id.
    case invalid(id: RequestID?, error: ResponseError)

    /// Reads one line. Never throws: every fault becomes `.invalid` with the right code.
    public static func decode(_ line: [UInt8], maxDepth: Int = 64) -> Envelope {
        let value: JSONValue
        do {
            value = try JSONParser.parse(line, limits: JSONParseLimits(maxDepth: maxDepth, maxBytes: Int.max))
        } catch {
            return .invalid(id: nil, error: ResponseError(.parseError, "parse error: \(error.description)"))
        }
        guard case .object(let o) = value else {
            let why = value.arrayValue != nil ? "batch requests are not supported; send one object per line" : "a request must be a JSON object, got \(value.typeName)"
            return .invalid(id: nil, error: ResponseError(.invalidRequest, why))
        }
        var id: RequestID?
        var hasID = false
        if let raw = o["id"] {
            hasID = true
            switch raw {
            case .string(let s): id = .string(s)
            case .number(let d):
                // A number id is echoed exactly only while a Double holds it exactly: whole and
                // within ±(2^53 − 1). Others (fractions, 9007199254740993, 1e999) are refused, as
                // JSON-RPC 2.0 advises, rather than answered under a different id.
                guard RequestID.isExactInteger(d) else {
                    return .invalid(id: nil, error: ResponseError(.invalidRequest, "a number id must be a whole number between -9007199254740991 and 9007199254740991; send larger ids as strings"))
                }
                id = .number(d)
            case .null: id = nil
            default:
                return .invalid(id: nil, error: ResponseError(.invalidRequest, "id must be a string or a number, got \(raw.typeName)"))
            }
        }
        guard o["jsonrpc"] == .string("2.0") else {
            return .invalid(id: id, error: ResponseError(.invalidRequest, "jsonrpc must be \"2.0\""))
        }
        guard case .string(let method)? = o["method"] else {
            return .invalid(id: id, error: ResponseError(.invalidRequest, "method must be a string"))
        }
        let params = o["params"] ?? .object(JSONObject())
        guard params.objectValue != nil || params.isNull else {
            return .invalid(id: id, error: .invalidParams(path: "params", "expected an object, got \(params.typeName)"))
        }
        let p = params.isNull ? JSONValue.object(JSONObject()) : params
        if let id { return .request(id: id, method: method, params: p) }
        if hasID {
            return .invalid(id: nil, error: ResponseError(.invalidRequest, "id must be a string or a number, got null"))
        }
        return .notification(method: method, params: p)
    }
}
