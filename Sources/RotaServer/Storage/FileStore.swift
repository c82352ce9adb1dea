import Foundation
import RotaEngine
import RotaJSON

/// The data folder: `dataset.json` (people, placements, programmes, interpreters, policy) and
/// `weeks/YYYY-MM-DD.json` (a week's rota, whether it is published, and its changes).
///
/// Each file is replaced atomically: written to a temporary file beside it, fsync'd, renamed over
/// the old one, and the folder fsync'd — so a crash leaves either the old or the new file, never
/// half of one. A leftover temporary file is a torn write: it is discarded with a warning.
public final class FileStore: RotaStore, @unchecked Sendable {
    public let directory: URL
    private let lock = NSLock()

    public init(directory: URL) throws(StorageError) {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("weeks"), withIntermediateDirectories: true)
        } catch {
            throw StorageError("cannot create the data folder \(directory.path): \(error.localizedDescription)")
        }
    }

    public var location: String { directory.path }

    /// `$ROTA_DATA_DIR`, else `$XDG_DATA_HOME/probation-rota`, else `~/.local/share/probation-rota`.
    public static func defaultDirectory() -> URL {
        let env = ProcessInfo.processInfo.environment
        if let d = env["ROTA_DATA_DIR"], !d.isEmpty { return URL(fileURLWithPath: d) }
        if let x = env["XDG_DATA_HOME"], !x.isEmpty { return URL(fileURLWithPath: x).appendingPathComponent("probation-rota") }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share/probation-rota")
    }

    public func load() throws(StorageError) -> StoredData {
        lock.lock()
        defer { lock.unlock() }
        var warnings: [String] = []
        let fm = FileManager.default
        for folder in [directory, directory.appendingPathComponent("weeks")] {
            for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".tmp") {
                try? fm.removeItem(at: folder.appendingPathComponent(name))
                warnings.append("discarded a torn write: \(folder.appendingPathComponent(name).path)")
            }
        }
        var dataset: Problem?
        let datasetURL = directory.appendingPathComponent("dataset.json")
        if fm.fileExists(atPath: datasetURL.path) {
            let json = try read(datasetURL)
            do {
                dataset = try ProblemDecoder.decode(json, requireWeekStart: false)
            } catch {
                throw StorageError("\(datasetURL.path) cannot be read: \(error.description)")
            }
        }
        var weeks: [WeekRecord] = []
        let weeksURL = directory.appendingPathComponent("weeks")
        for name in ((try? fm.contentsOfDirectory(atPath: weeksURL.path)) ?? []).sorted() where name.hasSuffix(".json") {
            let url = weeksURL.appendingPathComponent(name)
            weeks.append(try decodeWeek(read(url), at: url))
        }
        return StoredData(dataset: dataset, weeks: weeks, warnings: warnings)
    }

    public func saveDataset(_ problem: Problem) throws(StorageError) {
        var json = ProblemEncoder.encode(problem)
        if case .object(var o) = json {
            o["weekStart"] = nil
            json = .object(o)
        }
        try write(JSONWriter.bytes(json), to: directory.appendingPathComponent("dataset.json"))
    }

    public func saveWeek(_ week: WeekRecord) throws(StorageError) {
        let json: JSONValue = .obj([
            ("weekStart", .string(week.weekStart.description)),
            ("published", .bool(week.published)),
            ("rota", RotaEncoder.encode(week.rota)),
            ("changes", .array(week.changes.map(Self.encode))),
        ])
        try write(JSONWriter.bytes(json), to: directory.appendingPathComponent("weeks/\(week.weekStart).json"))
    }

    static func encode(_ c: RotaChange) -> JSONValue {
        .obj([("at", .string(c.at)), ("personId", .string(c.personId)), ("added", .strings(c.added)),
              ("removed", .strings(c.removed)), ("note", .string(c.note))])
    }

    private func read(_ url: URL) throws(StorageError) -> JSONValue {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw StorageError("\(url.path) cannot be read") }
        do {
            return try JSONParser.parse([UInt8](data), limits: JSONParseLimits(maxDepth: 64, maxBytes: Int.max))
        } catch {
            throw StorageError("\(url.path) is damaged: \(error.description); the daemon will not start on damaged data (restore it or move it aside)")
        }
    }

    private func decodeWeek(_ json: JSONValue, at url: URL) throws(StorageError) -> WeekRecord {
        do {
            let r = try FieldReader(json, path: "")
            let week = try r.day("weekStart")
            let rota = try RotaDecoder.decode(r.value("rota") ?? .null)
            var changes: [RotaChange] = []
            for item in try r.optionalArray("changes", maxCount: Int.max) ?? [] {
                let c = try FieldReader(item.value, path: item.path)
                changes.append(RotaChange(at: try c.string("at"), personId: try c.string("personId"), added: try c.optionalStrings("added") ?? [],
                                          removed: try c.optionalStrings("removed") ?? [], note: try c.optionalString("note") ?? ""))
            }
            return WeekRecord(weekStart: week, rota: rota, published: try r.bool("published", default: false), changes: changes)
        } catch {
            throw StorageError("\(url.path) cannot be read: \(error.description)")
        }
    }

    /// Atomic, durable replacement of one file.
    private func write(_ bytes: [UInt8], to url: URL) throws(StorageError) {
        lock.lock()
        defer { lock.unlock() }
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw StorageError("cannot write \(tmp.path): \(String(cString: strerror(errno)))") }
        var ok = bytes.withUnsafeBytes { raw -> Bool in
            var off = 0
            while off < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 { if errno == EINTR { continue }; return false }
                off += n
            }
            return true
        }
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, rename(tmp.path, url.path) == 0 else {
            unlink(tmp.path)
            throw StorageError("cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
        let dir = open(url.deletingLastPathComponent().path, O_RDONLY)
        if dir >= 0 {
            fsync(dir)
            close(dir)
        }
    }
}
