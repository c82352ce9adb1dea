import Foundation
import RotaEngine
import RotaJSON

/// The data folder as versions before the journal kept it: `dataset.json` and
/// `weeks/YYYY-MM-DD.json`, each replaced whole on every change. Read once, to migrate such a
/// folder to the journal on its first start with this version (`JournalStore`).
enum LegacyFolder {
    /// True when `directory` holds data in this layout.
    static func isPresent(in directory: URL) -> Bool {
        let fm = FileManager.default
        if fm.fileExists(atPath: directory.appendingPathComponent("dataset.json").path) { return true }
        let weeks = (try? fm.contentsOfDirectory(atPath: directory.appendingPathComponent("weeks").path)) ?? []
        return weeks.contains { $0.hasSuffix(".json") }
    }

    /// The record the folder holds. A leftover temporary file (a write torn by a crash) is not
    /// read: it is named in the warnings and left for the migration to set aside.
    static func load(_ directory: URL) throws(StorageError) -> (RegionRecord, [String]) {
        var warnings: [String] = []
        let fm = FileManager.default
        for folder in [directory, directory.appendingPathComponent("weeks")] {
            for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".tmp") {
                warnings.append("discarded a torn write: \(folder.appendingPathComponent(name).path)")
            }
        }
        var dataset = Dataset()
        let datasetURL = directory.appendingPathComponent("dataset.json")
        if fm.fileExists(atPath: datasetURL.path) {
            do {
                dataset = try RecordCoding.dataset(try read(datasetURL), path: "")
            } catch {
                throw StorageError("\(datasetURL.path) cannot be read: \(error); the daemon will not start on damaged data (restore it or move it aside)")
            }
        }
        var weeks: [CalendarDay: WeekRecord] = [:]
        let weeksURL = directory.appendingPathComponent("weeks")
        for name in ((try? fm.contentsOfDirectory(atPath: weeksURL.path)) ?? []).sorted() where name.hasSuffix(".json") {
            let url = weeksURL.appendingPathComponent(name)
            do {
                let w = try RecordCoding.week(FieldReader(try read(url), path: ""))
                weeks[w.weekStart] = w
            } catch {
                throw StorageError("\(url.path) cannot be read: \(error)")
            }
        }
        return (RegionRecord(dataset: dataset, weeks: weeks), warnings)
    }

    private static func read(_ url: URL) throws(StorageError) -> JSONValue {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw StorageError("\(url.path) cannot be read") }
        do {
            return try JSONParser.parse([UInt8](data), limits: JSONParseLimits(maxDepth: 64, maxBytes: Int.max))
        } catch {
            throw StorageError("\(url.path) is damaged: \(error); the daemon will not start on damaged data (restore it or move it aside)")
        }
    }
}
