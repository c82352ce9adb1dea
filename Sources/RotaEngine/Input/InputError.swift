import RotaJSON

/// Why an input document was refused: the JSON path of the offending field and the reason,
/// phrased so that the person who wrote the file can fix it
/// (`people[12].risk.rosh: expected one of low, medium, high, very_high, got "hi"`).
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A JSON path such as `people[12].risk.rosh`; empty for the document itself.
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public init(_ syntax: JSONSyntaxError) {
        self.path = ""
        self.reason = syntax.description
    }

    public var description: String { path.isEmpty ? reason : "\(path): \(reason)" }
}
