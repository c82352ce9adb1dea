import RotaEngine
import RotaJSON

/// Writes a problem document (or a region's dataset) as the CSV files of `SheetLayout`, and a
/// rota as the files a scheduler reads: who goes where, programme places, interpreter bookings,
/// and the people left short with why.
public enum SheetExport {
    /// The document's files by name. `document` is PROBLEM.md JSON as `ProblemEncoder` writes it
    /// (every default applied); without `weekStart` (a dataset) settings.csv has no week.
    public static func files(document: JSONValue) -> [(name: String, text: String)] {
        var out: [(String, String)] = [(SheetLayout.settingsFile, settings(document))]
        for file in SheetLayout.files {
            let rows = records(of: file, in: document).map { record in
                file.columns.map { cell($0, record: record.value, parentId: record.parentId) }
            }
            out.append((file.name, CSVText.file(header: file.columns.map(\.header), rows: rows)))
        }
        return out
    }

    public static func files(problem: Problem) -> [(name: String, text: String)] { files(document: ProblemEncoder.encode(problem)) }

    public static func files(dataset: Dataset) -> [(name: String, text: String)] {
        var document = ProblemEncoder.encode(Problem(weekStart: CalendarDay(daysSinceEpoch: 0), policy: dataset.policy, people: dataset.people,
                                                     placements: dataset.placements, programmes: dataset.programmes, interpreters: dataset.interpreters))
        if case .object(var o) = document { o["weekStart"] = nil; document = .object(o) }
        return files(document: document)
    }

    static func settings(_ document: JSONValue) -> String {
        let rows: [[String]] = SheetLayout.settings.compactMap { s in
            guard let v = value(at: s.path[...], in: document) else { return nil }
            return [s.name, s.kind.write(v)]
        }
        return CSVText.file(header: ["Setting", "Value"], rows: rows)
    }

    /// The records a file holds: the document's top-level list, or every parent record's list
    /// at the file's key, each with the parent's id.
    static func records(of file: SheetFile, in document: JSONValue) -> [(value: JSONValue, parentId: String?, parent: JSONValue?)] {
        if let top = file.topLevel { return (document[top]?.arrayValue ?? []).map { ($0, nil, nil) } }
        guard let link = file.parent, let parentFile = SheetLayout.byName[link.file] else { return [] }
        var out: [(JSONValue, String?, JSONValue?)] = []
        for parent in records(of: parentFile, in: document) {
            let id = parent.value["id"]?.stringValue
            for item in value(at: link.key[...], in: parent.value)?.arrayValue ?? [] { out.append((item, id, parent.value)) }
        }
        return out
    }

    static func cell(_ column: SheetColumn, record: JSONValue, parentId: String?) -> String {
        switch column.role {
        case .field(let path): return column.kind.write(value(at: path[...], in: record))
        case .parent: return column.kind.write(parentId.map { .string($0) })
        case .element: return column.kind.write(record)
        case .presence(let child):
            guard let key = SheetLayout.byName[child]?.parent?.key else { return "" }
            return column.kind.write(.bool(value(at: key[...], in: record) != nil))
        }
    }

    static func value(at path: ArraySlice<String>, in json: JSONValue) -> JSONValue? {
        guard let first = path.first else { return json }
        guard let next = json[first], !next.isNull else { return nil }
        return value(at: path.dropFirst(), in: next)
    }
}
