import Foundation
import RotaEngine
import RotaJSON
import RotaSheets

/// `rota export` and `rota import`: a region's document as CSV files a person edits in a
/// spreadsheet, and back (docs/CSV.md).
enum SpreadsheetCommands {
    /// `rota export PROBLEM.json [ROTA.json] --to DIR`.
    static func export(_ args: inout Arguments) throws -> ExitStatus {
        guard let dir = try args.value("--to") else { throw UsageError("rota export needs --to DIR") }
        let problemPath = try args.positional("PROBLEM.json")
        let rotaPath = args.rest.first { !$0.hasPrefix("--") }
        if let rotaPath { args.rest.removeAll { $0 == rotaPath } }
        try args.finish()
        let document = try DocumentLoader.document(path: problemPath, policy: DocumentLoader.basePolicy(explicitPath: nil))
        var files = SheetExport.files(problem: document)
        if let rotaPath {
            let rota = try DocumentLoader.rota(path: rotaPath)
            files += RotaSheetFiles.files(problem: document.document(forWeek: document.weekStart), rota: rota)
        }
        try write(files, to: dir)
        Diagnostics.error("wrote \(files.count) files to \(dir)")
        return .success
    }

    /// `rota import DIR [--out PROBLEM.json] [--rota-out ROTA.json]`.
    static func `import`(_ args: inout Arguments) throws -> ExitStatus {
        let out = try args.value("--out")
        let rotaOut = try args.value("--rota-out")
        let dir = try args.positional("DIR")
        try args.finish()
        let files = try read(dir)
        let imported = try SheetImport.read(files: files)
        let problem = try imported.problem(basePolicy: DocumentLoader.basePolicy(explicitPath: nil))
        try DocumentLoader.write(JSONWriter.string(ProblemEncoder.encode(problem), pretty: true), to: out)
        if let rotaOut {
            let rota = try RotaSheetFiles.rota(files: files, weekStart: problem.weekStart)
            try DocumentLoader.write(JSONWriter.string(RotaEncoder.encode(rota), pretty: true), to: rotaOut)
        }
        return .success
    }

    /// The `.csv` files of a folder, by name.
    static func read(_ dir: String) throws(InputError) -> [(name: String, text: String)] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
            throw InputError(path: "", reason: "cannot read the folder", file: dir)
        }
        var files: [(String, String)] = []
        for name in names.sorted() where name.lowercased().hasSuffix(".csv") {
            let path = (dir as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else { throw InputError(path: "", reason: "cannot read the file", file: path) }
            guard data.count <= InputLimits.standard.maxDocumentBytes else {
                throw InputError(path: "", reason: "\(data.count) bytes exceeds the limit of \(InputLimits.standard.maxDocumentBytes)", file: path)
            }
            // Spreadsheets save UTF-8; an old Excel "CSV" is Windows-1252, read as such rather than refused.
            guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1252) else {
                throw InputError(path: "", reason: "not UTF-8 text", file: path)
            }
            files.append((name, text))
        }
        if files.isEmpty { throw InputError(path: "", reason: "no .csv files in the folder", file: dir) }
        return files
    }

    static func write(_ files: [(name: String, text: String)], to dir: String) throws {
        do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
            throw InputError(path: "", reason: "cannot create the folder", file: dir)
        }
        for f in files {
            let path = (dir as NSString).appendingPathComponent(f.name)
            try DocumentLoader.write(f.text, to: path)
        }
    }
}
