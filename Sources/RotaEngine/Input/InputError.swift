import RotaJSON

/// Why an input document was refused: the JSON path of the offending field and the reason,
/// phrased so that the person who wrote the file can fix it
/// (`people[12].risk.rosh: expected one of low, medium, high, very_high, got "hi"`).
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A JSON path such as `people[12].risk.rosh`; empty for the document itself.
    public var path: String
    public var reason: String
    /// The file the document came from, when it came from one (the command line names it).
    public var file: String?

    public init(path: String, reason: String, file: String? = nil) {
        self.path = path
        self.reason = reason
        self.file = file
    }

    public init(_ syntax: JSONSyntaxError) {
        self.path = ""
        self.reason = syntax.description
    }

    /// The same error, said of `file`.
    public func inFile(_ file: String) -> InputError { InputError(path: path, reason: reason, file: file) }

    public var description: String {
        [file, path.isEmpty ? nil : path, reason].compactMap { $0 }.joined(separator: ": ")
    }
}
