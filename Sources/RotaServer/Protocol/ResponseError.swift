import RotaEngine
import RotaJSON

/// A JSON-RPC error code: the standard ones and the application's own (-32000…-32099).
public struct ErrorCode: RawRepresentable, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let parseError = ErrorCode(rawValue: -32700)
    public static let invalidRequest = ErrorCode(rawValue: -32600)
    public static let methodNotFound = ErrorCode(rawValue: -32601)
    public static let invalidParams = ErrorCode(rawValue: -32602)
    public static let internalError = ErrorCode(rawValue: -32603)

    /// A person, placement, programme, interpreter, session or week that does not exist.
    public static let notFound = ErrorCode(rawValue: -32001)
    /// The request conflicts with the stored state: a published week, a generate already running
    /// for that week, a programme that people still reference.
    public static let conflict = ErrorCode(rawValue: -32002)
    /// The actor's role may not do this, or a provider asked about another provider's placement.
    public static let notPermitted = ErrorCode(rawValue: -32003)
    /// The request was cancelled by `$/cancelRequest` (or the daemon is shutting down).
    public static let requestCancelled = ErrorCode(rawValue: -32004)
    /// The request line is longer than the daemon accepts.
    public static let requestTooLarge = ErrorCode(rawValue: -32005)
    /// The data folder could not be written: nothing was changed.
    public static let storageFailure = ErrorCode(rawValue: -32006)
    /// The answer would pass the response limit (`InputLimits.maxResponseBytes`).
    public static let responseTooLarge = ErrorCode(rawValue: -32007)
}

/// An error answer: every thrown error of a handler becomes one of these, in one place.
public struct ResponseError: Error, Sendable {
    public var code: ErrorCode
    public var message: String
    public var data: JSONValue?

    public init(_ code: ErrorCode, _ message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// `-32602` with the path of the offending field and the reason.
    public static func invalidParams(_ e: InputError) -> ResponseError {
        ResponseError(.invalidParams, "invalid params: \(e.description)",
                      data: .obj([("path", .string(e.path)), ("reason", .string(e.reason))]))
    }

    public static func invalidParams(path: String, _ reason: String) -> ResponseError {
        invalidParams(InputError(path: path, reason: reason))
    }

    public var json: JSONValue {
        var m: [(String, JSONValue)] = [("code", .int(code.rawValue)), ("message", .string(message))]
        if let data { m.append(("data", data)) }
        return .obj(m)
    }
}
