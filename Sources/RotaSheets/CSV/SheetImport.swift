import Foundation
import RotaEngine
import RotaJSON

/// Where a JSON field of an imported document came from, so that the decoders' errors
/// (`people[4].risk.rosh: expected one of …`) reach the person as the cell they typed
/// (`people.csv row 6, column "RoSH": expected one of …`).
struct CellOrigin: Sendable {
    var file: String
    var row: Int
    var column: String?

    var description: String { column.map { "\(file) row \(row), column \"\($0)\"" } ?? "\(file) row \(row)" }
}

/// The files of `SheetLayout` read back into a PROBLEM.md document. The document is then
/// decoded by the same `ProblemDecoder` as any JSON document, so a spreadsheet meets exactly
/// the rules a JSON file meets; `locate` turns the decoder's JSON paths back into cells.
public struct SheetImport: Sendable {
    /// `{ weekStart?, policy?, people, placements, programmes, interpreters }`, the kinds whose
    /// file was given.
    public var document: JSONValue
    /// The files that were read.
    public var files: Set<String>
    var origins: [String: CellOrigin]

    /// Reads `files` (name → text). `stored(kind, id)` gives the stored record (as
    /// `ProblemEncoder` writes it) when importing into a region's dataset: a nested file that
    /// was not given then leaves the stored list as it is, and rows of a nested file may name a
    /// stored record that the import does not repeat.
    public static func read(files: [(name: String, text: String)],
                            stored: (_ kind: String, _ id: String) -> JSONValue? = { _, _ in nil }) throws(InputError) -> SheetImport {
        var texts: [String: String] = [:]
        for f in files {
            let name = f.name.lowercased()
            guard name == SheetLayout.settingsFile || SheetLayout.byName[name] != nil || RotaSheetNames.all.contains(name) else {
                let known = ([SheetLayout.settingsFile] + SheetLayout.files.map(\.name)).joined(separator: ", ")
                throw InputError(path: f.name, reason: "not a file of the layout; expected one of \(known)")
            }
            guard texts.updateValue(f.text, forKey: name) == nil else { throw InputError(path: f.name, reason: "given twice") }
        }
        return try withoutActuallyEscaping(stored) { (stored) throws(InputError) -> SheetImport in
            var reader = Reader(texts: texts, stored: stored)
            return try reader.run()
        }
    }

    /// The error said of the cell the path came from (the longest known prefix of the path).
    public func locate(_ error: InputError, basePath: String = "") -> InputError {
        var path = error.path
        if !basePath.isEmpty, path.hasPrefix(basePath) { path = String(path.dropFirst(basePath.count)).drop { $0 == "." }.description }
        while true {
            if let o = origins[path] { return InputError(path: o.description, reason: error.reason) }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return error }
            path = String(path[..<cut])
        }
    }

    /// A decoded problem document (the command line's `rota import`); errors name cells.
    public func problem(basePolicy: Policy = Policy(), limits: InputLimits = .standard) throws(InputError) -> Problem {
        if document["weekStart"] == nil {
            throw InputError(path: SheetLayout.settingsFile, reason: "no \"Week starting\" row: a document needs its week (a Monday)")
        }
        do { return try ProblemDecoder.decode(document, basePolicy: basePolicy, limits: limits) } catch { throw locate(error) }
    }
}

/// A row of one file made into its JSON record, before it is placed in its parent.
private struct SheetRecord {
    var row: Int
    var value: JSONValue
    var parentId: String?
    /// Presence flags of the row (`Availability listed`), by child file.
    var presence: [String: Bool] = [:]
    /// Paths relative to the record ("" for the record itself), with their cells.
    var origins: [(String, CellOrigin)] = []
}

private struct Reader {
    let texts: [String: String]
    let stored: (String, String) -> JSONValue?

    init(texts: [String: String], stored: @escaping (String, String) -> JSONValue?) {
        self.texts = texts
        self.stored = stored
    }

    mutating func run() throws(InputError) -> SheetImport {
        var document = JSONObject()
        var origins: [String: CellOrigin] = [:]
        if let text = texts[SheetLayout.settingsFile] { try readSettings(text, into: &document, origins: &origins) }
        var records: [String: [SheetRecord]] = [:]
        for file in SheetLayout.files where texts[file.name] != nil { records[file.name] = try rows(of: file, text: texts[file.name]!) }
        // Children into parents, deepest files first, so a group carries its sessions when it
        // joins its programme.
        for file in SheetLayout.files.reversed() {
            guard let link = file.parent, let parent = SheetLayout.byName[link.file] else { continue }
            try attach(file, into: parent, key: link.key, records: &records)
        }
        for file in SheetLayout.files {
            guard let top = file.topLevel, let list = records[file.name] else { continue }
            var values: [JSONValue] = []
            for r in list {
                let base = "\(top)[\(values.count)]"
                for (rel, o) in r.origins { origins[rel.isEmpty ? base : (rel.hasPrefix("[") ? base + rel : base + "." + rel)] = o }
                values.append(r.value)
            }
            document[top] = .array(values)
        }
        return SheetImport(document: .object(document), files: Set(texts.keys), origins: origins)
    }

    func readSettings(_ text: String, into document: inout JSONObject, origins: inout [String: CellOrigin]) throws(InputError) {
        let file = SheetLayout.settingsFile
        let table = try SheetTable(file: file, text: text, columns: [SheetColumn("Setting", .text, .element, required: true),
                                                                 SheetColumn("Value", .text, .element, required: true)])
        var seen: [String: Int] = [:]
        for record in table.records {
            let name = table.cell(record, "Setting")
            let value = table.cell(record, "Value")
            guard let setting = SheetLayout.settings.first(where: { SheetLayout.key($0.name) == SheetLayout.key(name) }) else {
                throw InputError(path: CellOrigin(file: file, row: record.row, column: "Setting").description,
                                 reason: "unknown setting \"\(name)\"; expected one of \(SheetLayout.settings.map(\.name).joined(separator: ", "))")
            }
            if let first = seen.updateValue(record.row, forKey: setting.name) {
                throw InputError(path: CellOrigin(file: file, row: record.row, column: "Setting").description, reason: "\"\(setting.name)\" is also given in row \(first)")
            }
            guard !value.isEmpty else { continue }
            let origin = CellOrigin(file: file, row: record.row, column: "Value")
            switch setting.kind.read(value) {
            case .success(let v):
                var root = JSONValue.object(document)
                Self.set(v, at: setting.path[...], in: &root)
                document = root.objectValue ?? document
                origins[setting.path.joined(separator: ".")] = origin
            case .failure(let e): throw InputError(path: origin.description, reason: e.reason)
            }
        }
    }

    func rows(of file: SheetFile, text: String) throws(InputError) -> [SheetRecord] {
        let table = try SheetTable(file: file.name, text: text, columns: file.columns)
        var out: [SheetRecord] = []
        out.reserveCapacity(table.records.count)
        let idColumn = file.columns.first { if case .field(let path) = $0.role { return path == ["id"] }; return false }
        var rowOfId: [String: Int] = [:]
        for record in table.records {
            var r = SheetRecord(row: record.row, value: .object(JSONObject()))
            r.origins.append(("", CellOrigin(file: file.name, row: record.row)))
            for column in file.columns {
                let origin = CellOrigin(file: file.name, row: record.row, column: column.header)
                let text = table.cell(record, column.header)
                if case .field(let path) = column.role { r.origins.append((path.joined(separator: "."), origin)) }
                if text.isEmpty {
                    if column.required && table.has(column.header) { throw InputError(path: origin.description, reason: "must not be empty") }
                    continue
                }
                let value: JSONValue
                switch column.kind.read(text) {
                case .success(let v): value = v
                case .failure(let e): throw InputError(path: origin.description, reason: e.reason)
                }
                switch column.role {
                case .field(let path): Self.set(value, at: path[...], in: &r.value)
                case .parent: r.parentId = value.stringValue
                case .element:
                    r.value = value
                    r.origins[0].1 = origin   // the record is this one cell
                case .presence(let child): r.presence[child] = value.boolValue
                }
            }
            if let idColumn, let id = r.value["id"]?.stringValue, let first = rowOfId.updateValue(record.row, forKey: id) {
                throw InputError(path: CellOrigin(file: file.name, row: record.row, column: idColumn.header).description,
                                 reason: "\(file.noun) \"\(id)\" is also in row \(first)")
            }
            if r.value["day"] != nil && r.value["weekday"] != nil {
                throw InputError(path: CellOrigin(file: file.name, row: record.row, column: "Date").description,
                                 reason: "give a Date (one day) or a Weekday (every week), not both")
            }
            out.append(r)
        }
        return out
    }

    /// Places the rows of `file` in their parent records (the list at `key`), checking that each
    /// names a parent; a parent of the store is brought in when the import does not list it.
    mutating func attach(_ file: SheetFile, into parent: SheetFile, key: [String], records: inout [String: [SheetRecord]]) throws(InputError) {
        let given = texts[file.name] != nil
        let children = records[file.name] ?? []
        guard given || records[parent.name] != nil else { return }
        var parents = records[parent.name] ?? []
        var position: [String: Int] = [:]
        for (i, p) in parents.enumerated() {
            if let id = p.value["id"]?.stringValue { position[id] = i }   // ids are unique: `rows(of:)` checked them
        }
        var lists: [Int: [SheetRecord]] = [:]
        for child in children {
            let id = child.parentId ?? ""
            if position[id] == nil, let kind = parent.topLevel, let record = stored(kind, id) {
                // A stored record the import does not repeat: its other fields stay as stored.
                position[id] = parents.count
                parents.append(SheetRecord(row: 0, value: record))
            }
            guard let p = position[id] else {
                let column = file.parentColumn?.header
                throw InputError(path: CellOrigin(file: file.name, row: child.row, column: column).description,
                                 reason: "no \(parent.noun) \"\(id)\" in \(parent.name)")
            }
            lists[p, default: []].append(child)
        }
        let presenceKey = file.name
        for i in parents.indices {
            let own = lists[i] ?? []
            let flag = parents[i].presence[presenceKey]
            if flag == false, let first = own.first {
                throw InputError(path: CellOrigin(file: file.name, row: first.row).description,
                                 reason: "\(parent.noun) \"\(parents[i].value["id"]?.stringValue ?? "")\" has \(file.noun) rows, but \(parent.name) row \(parents[i].row) says no")
            }
            let list: JSONValue?
            if given || !own.isEmpty {
                list = own.isEmpty && flag != true && Self.isPresence(file) ? nil : .array(own.map(\.value))
            } else if flag == false {
                list = nil
            } else if let id = parents[i].value["id"]?.stringValue, let kind = parent.topLevel,
                      let kept = stored(kind, id).flatMap({ SheetExport.value(at: key[...], in: $0) }) {
                list = kept
            } else {
                list = flag == true ? .array([]) : nil
            }
            if let list { Self.set(list, at: key[...], in: &parents[i].value) }
            let keyPath = key.joined(separator: ".")
            for (j, child) in own.enumerated() {
                for (rel, o) in child.origins { parents[i].origins.append(("\(keyPath)[\(j)]" + (rel.isEmpty ? "" : "." + rel), o)) }
            }
        }
        records[parent.name] = parents
    }

    /// True for a file whose list may be absent (any time, no dependants) as well as empty.
    static func isPresence(_ file: SheetFile) -> Bool {
        SheetLayout.files.contains { $0.columns.contains { if case .presence(let child) = $0.role { return child == file.name }; return false } }
    }

    static func set(_ value: JSONValue, at path: ArraySlice<String>, in json: inout JSONValue) {
        guard let first = path.first else { json = value; return }
        var object = json.objectValue ?? JSONObject()
        var child = object[first] ?? .object(JSONObject())
        set(value, at: path.dropFirst(), in: &child)
        object[first] = child
        json = .object(object)
    }
}

/// A CSV file with its header resolved against the layout's columns.
struct SheetTable {
    let records: [CSVText.Record]
    /// Column header (as the layout spells it) → field index in a record.
    let index: [String: Int]

    init(file: String, text: String, columns: [SheetColumn]) throws(InputError) {
        let all: [CSVText.Record]
        do { all = try CSVText.parse(text) } catch { throw InputError(path: "\(file) row \(error.row)", reason: error.reason) }
        guard let header = all.first else {
            records = []
            index = [:]
            return
        }
        var index: [String: Int] = [:]
        var byKey: [String: String] = [:]
        for c in columns { byKey[SheetLayout.key(c.header)] = c.header }
        for (i, h) in header.fields.enumerated() {
            let k = SheetLayout.key(h)
            guard !k.isEmpty, let name = byKey[k] else { continue }   // notes columns a person added are ignored
            if index.updateValue(i, forKey: name) != nil {
                throw InputError(path: "\(file) row \(header.row), column \"\(h)\"", reason: "the column \"\(name)\" appears twice")
            }
        }
        for c in columns where c.required && index[c.header] == nil {
            throw InputError(path: "\(file) row \(header.row)", reason: "no column \"\(c.header)\" (the header row has \(header.fields.filter { !$0.isEmpty }.map { "\"\($0)\"" }.joined(separator: ", ")))")
        }
        self.records = Array(all.dropFirst())
        self.index = index
    }

    func has(_ header: String) -> Bool { index[header] != nil }

    /// The trimmed cell, empty when the column or the cell is missing (a short row).
    func cell(_ record: CSVText.Record, _ header: String) -> String {
        guard let i = index[header], i < record.fields.count else { return "" }
        return record.fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
