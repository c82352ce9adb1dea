import Foundation
import RotaEngine
import RotaJSON

/// Reads the files the command line is given, turning every failure into an `InputError`
/// that names the file and the field.
public enum DocumentLoader {
    public static func readJSON(path: String, limits: InputLimits = .standard) throws(InputError) -> JSONValue {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(path: "", reason: "cannot read the file", file: path)
        }
        if data.count > limits.maxDocumentBytes {
            throw InputError(path: "", reason: "\(data.count) bytes exceeds the limit of \(limits.maxDocumentBytes)", file: path)
        }
        do {
            return try JSONParser.parse([UInt8](data), limits: limits.parse)
        } catch {
            throw InputError(path: "", reason: error.description, file: path)
        }
    }

    /// The base policy: `--policy FILE`, else `$ROTA_POLICY`, else `config/policy.json` in the
    /// working directory if present, else PROBLEM.md's table.
    public static func basePolicy(explicitPath: String?) throws(InputError) -> Policy {
        var path = explicitPath
        if path == nil, let env = ProcessInfo.processInfo.environment["ROTA_POLICY"], !env.isEmpty { path = env }
        if path == nil, FileManager.default.fileExists(atPath: "config/policy.json") { path = "config/policy.json" }
        guard let path else { return Policy() }
        let json = try readJSON(path: path)
        do {
            return try ProblemDecoder.decodePolicy(FieldReader(json, path: ""), base: Policy())
        } catch { throw error.inFile(path) }
    }

    /// The week's document of the file: weekly entries replaced by their occurrences in its
    /// `weekStart` week (TIMETABLE.md), which is what is scored and solved.
    public static func problem(path: String, policy: Policy) throws(InputError) -> Problem {
        let document = try document(path: path, policy: policy)
        return document.document(forWeek: document.weekStart)
    }

    /// The document as written, weekly entries and all.
    public static func document(path: String, policy: Policy) throws(InputError) -> Problem {
        let json = try readJSON(path: path)
        do { return try ProblemDecoder.decode(json, basePolicy: policy) } catch { throw error.inFile(path) }
    }

    /// Text to a file, or to stdout (with a final newline) without one.
    public static func write(_ text: String, to path: String?) throws(InputError) {
        guard let path else { Diagnostics.out(text); return }
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else { throw InputError(path: "", reason: "cannot write", file: path) }
    }

    public static func rota(path: String) throws(InputError) -> Rota {
        let json = try readJSON(path: path)
        do { return try RotaDecoder.decode(json) } catch { throw error.inFile(path) }
    }
}
