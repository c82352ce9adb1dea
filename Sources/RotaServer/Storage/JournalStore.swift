import Foundation
import RotaEngine
import RotaJSON

/// The data folder as a snapshot and an append-only journal (docs/STORAGE.md).
///
/// - `format.json` names the layout and its version; a folder of a newer version is refused.
/// - `snapshot.json`: the whole record as of a sequence number, replaced atomically.
/// - `journal.log`: one record per change after it — `[length u32 LE][CRC-32 u32 LE][JSON]` —
///   each fsync'd before the change is acknowledged.
/// - `lock`: held with `flock` while a daemon runs, so a second one is refused at start.
///
/// At start the snapshot is read and the journal replayed (records at or below the snapshot's
/// sequence are skipped: a compaction that stopped between its two renames loses nothing). A
/// torn last record is cut off with a warning; a damaged record before the end stops the start,
/// naming the file and the byte offset, and nothing is touched.
public final class JournalStore: RotaStore, @unchecked Sendable {
    public static let formatName = "probation-rota-data"
    public static let formatVersion = 2

    public let directory: URL
    /// Records after which the journal is folded into a new snapshot.
    public let compactEvery: Int
    private let lock = NSLock()
    private var lockFD: Int32 = -1
    private var journalFD: Int32 = -1
    private var journalSize: Int64 = 0
    private var recordsSinceSnapshot = 0
    /// Set when a failed append could not be cut back off: later appends would follow garbage.
    private var unusable: String?

    var journalURL: URL { directory.appendingPathComponent("journal.log") }
    var snapshotURL: URL { directory.appendingPathComponent("snapshot.json") }
    var formatURL: URL { directory.appendingPathComponent("format.json") }

    /// Opens the folder (creating it) and takes its lock.
    public init(directory: URL, compactEvery: Int = 10_000) throws(StorageError) {
        self.directory = directory
        self.compactEvery = max(1, compactEvery)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StorageError("cannot create the data folder \(directory.path): \(error.localizedDescription)")
        }
        lockFD = open(directory.appendingPathComponent("lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lockFD >= 0 else { throw StorageError("cannot open \(directory.path)/lock: \(Self.lastError())") }
        if flock(lockFD, LOCK_EX | LOCK_NB) != 0 {
            close(lockFD)
            throw StorageError("another rota serve is using the data folder \(directory.path); stop it first (only one daemon may hold a folder)")
        }
    }

    deinit {
        if journalFD >= 0 { close(journalFD) }
        if lockFD >= 0 { close(lockFD) }
    }

    public var location: String { directory.path }

    // MARK: Start-up

    public func load() throws(StorageError) -> StoredRecord {
        lock.lock()
        defer { lock.unlock() }
        var warnings: [String] = []
        var summary = "a new data folder"
        let fm = FileManager.default
        var record = RegionRecord()
        if fm.fileExists(atPath: formatURL.path) {
            try checkFormat()
            for tmp in [".snapshot.json.tmp", ".journal.log.tmp"] where fm.fileExists(atPath: directory.appendingPathComponent(tmp).path) {
                try? fm.removeItem(at: directory.appendingPathComponent(tmp))
                warnings.append("discarded an unfinished compaction: \(directory.appendingPathComponent(tmp).path)")
            }
            let started = Date()
            if fm.fileExists(atPath: snapshotURL.path) { record = try readSnapshot() }
            let snapshotRead = Date()
            let (entries, goodLength, torn) = try scanJournal()
            for e in entries where e.sequence > record.sequence { record.apply(e) }
            summary = String(format: "snapshot read in %.2f s, %d journal records replayed in %.2f s",
                             snapshotRead.timeIntervalSince(started), entries.count, Date().timeIntervalSince(snapshotRead))
            recordsSinceSnapshot = entries.count
            if let torn {
                warnings.append(torn)
                try cutJournal(to: goodLength)
            }
        } else if LegacyFolder.isPresent(in: directory) {
            let (legacy, legacyWarnings) = try LegacyFolder.load(directory)
            record = legacy
            warnings += legacyWarnings
            try writeSnapshot(record)
            try writeFormat()
            try setAsideLegacyFiles()
            summary = "migrated the data folder from dataset.json and weeks/ to the journal (the old files are in \(directory.appendingPathComponent("migrated-v1").path))"
        } else {
            try writeFormat()
        }
        try openJournal()
        return StoredRecord(record: record, warnings: warnings, summary: summary)
    }

    private func checkFormat() throws(StorageError) {
        guard let data = FileManager.default.contents(atPath: formatURL.path),
              let json = try? JSONParser.parse([UInt8](data), limits: JSONParseLimits(maxDepth: 8, maxBytes: 1 << 16)),
              json["format"] == .string(Self.formatName), let version = json["version"]?.doubleValue else {
            throw StorageError("\(formatURL.path) is not a ProbationRota data folder's format file; nothing was touched")
        }
        if version > Double(Self.formatVersion) {
            throw StorageError("the data folder \(directory.path) was written by a newer ProbationRota (format \(JSONWriter.formatNumber(version)); this version reads format \(Self.formatVersion)); upgrade rota, nothing was touched")
        }
    }

    private func readSnapshot() throws(StorageError) -> RegionRecord {
        guard let data = FileManager.default.contents(atPath: snapshotURL.path) else { throw StorageError("\(snapshotURL.path) cannot be read") }
        do throws(InputError) {
            let json: JSONValue
            do { json = try JSONParser.parse([UInt8](data), limits: JSONParseLimits(maxDepth: 64, maxBytes: Int.max)) } catch { throw InputError(error) }
            let r = try FieldReader(json, path: "")
            var weeks: [CalendarDay: WeekRecord] = [:]
            for w in try RecordCoding.weeks(r, "weeks") { weeks[w.weekStart] = w }
            var attendance = AttendanceLog()
            for item in try r.optionalArray("attendance", maxCount: Int.max) ?? [] {
                attendance.record(try RecordCoding.attendance(FieldReader(item.value, path: item.path)))
            }
            return RegionRecord(dataset: try RecordCoding.dataset(r.value("dataset") ?? .null, path: "dataset"), weeks: weeks,
                                attendance: attendance, sequence: UInt64(try r.number("sequence", min: 0)))
        } catch {
            throw StorageError("\(snapshotURL.path) is damaged: \(error.description); the daemon will not start on damaged data, and nothing was touched")
        }
    }

    /// Every whole record of the journal; the length of the good part; a warning when the last
    /// record is torn. A bad record with more after it is damage, not a tear: the start stops.
    ///
    /// Records are framed in one pass; their checksums, parsing and decoding run on every core
    /// (a 20,000-person region's journal of 100,000 changes must start in under a second).
    private func scanJournal() throws(StorageError) -> ([JournalEntry], Int64, String?) {
        guard FileManager.default.fileExists(atPath: journalURL.path) else { return ([], 0, nil) }
        guard let data = FileManager.default.contents(atPath: journalURL.path) else { throw StorageError("\(journalURL.path) cannot be read") }
        let bytes = [UInt8](data)
        let frames = Self.frames(bytes)
        let tornAt = frames.last.map { $0.upperBound } ?? 0
        func torn(_ offset: Int) -> String {
            "discarded a torn last record at byte \(offset) of \(journalURL.path) (\(bytes.count - offset) bytes): a write cut short by a crash; it was never acknowledged"
        }
        if tornAt < bytes.count && Self.recordFollows(bytes, after: tornAt) {
            throw StorageError("\(journalURL.path) is damaged at byte \(tornAt): a record's length runs past the end of the file, yet whole records follow it; the daemon will not start on damaged data, and nothing was touched")
        }
        enum Read { case entry(JournalEntry), badChecksum, undecodable(String) }
        // Many small slices, taken by whichever core is free: one large record (a dataset.load)
        // then occupies one core while the others read the rest.
        let slices = max(1, min(frames.count / 64, 256))
        let results = SliceResults<[Read]>(count: slices, empty: [])
        DispatchQueue.concurrentPerform(iterations: slices) { k in
            let lo = frames.count * k / slices, hi = frames.count * (k + 1) / slices
            var out: [Read] = []
            out.reserveCapacity(hi - lo)
            for f in frames[lo..<hi] {
                let payload = bytes[(f.lowerBound + 8)..<f.upperBound]
                guard CRC32.checksum(payload) == Self.crcField(bytes, f.lowerBound) else { out.append(.badChecksum); continue }
                do {
                    let json = try JSONParser.parse(Array(payload), limits: JSONParseLimits(maxDepth: 64, maxBytes: Int.max))
                    out.append(.entry(try RecordCoding.entry(json)))
                } catch {
                    out.append(.undecodable("\(error)"))
                }
            }
            results.set(k, out)
        }
        var entries: [JournalEntry] = []
        entries.reserveCapacity(frames.count)
        for (i, read) in results.values.joined().enumerated() {
            let offset = frames[i].lowerBound
            switch read {
            case .entry(let e): entries.append(e)
            case .badChecksum where i == frames.count - 1 && tornAt == bytes.count:
                return (entries, Int64(offset), torn(offset))
            case .badChecksum:
                throw StorageError("\(journalURL.path) is damaged at byte \(offset): the record's checksum does not match, and \(bytes.count - frames[i].upperBound) bytes follow it; the daemon will not start on damaged data, and nothing was touched")
            case .undecodable(let why):
                throw StorageError("\(journalURL.path) is damaged at byte \(offset): \(why); nothing was touched")
            }
        }
        return (entries, Int64(tornAt), tornAt < bytes.count ? torn(tornAt) : nil)
    }

    /// The records' byte ranges (header included), as far as whole frames reach.
    static func frames(_ bytes: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var offset = 0
        while offset + 8 <= bytes.count {
            let end = offset + 8 + Int(lengthField(bytes, offset))
            guard end <= bytes.count else { break }
            out.append(offset..<end)
            offset = end
        }
        return out
    }

    static func lengthField(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }

    static func crcField(_ b: [UInt8], _ at: Int) -> UInt32 { lengthField(b, at + 4) }

    /// True when a whole, well-checksummed record starts somewhere after `offset`: then the
    /// frame at `offset` is damaged, not torn (a crash tears only the last record).
    static func recordFollows(_ bytes: [UInt8], after offset: Int) -> Bool {
        let marker = Array(#"{"seq":"#.utf8)
        var p = offset + 8
        while p + marker.count <= bytes.count {
            if bytes[p] == marker[0] && Array(bytes[p..<(p + marker.count)]) == marker && p >= offset + 16 {
                let h = p - 8
                let end = p + Int(lengthField(bytes, h))
                if end <= bytes.count && CRC32.checksum(bytes[p..<end]) == crcField(bytes, h) { return true }
            }
            p += 1
        }
        return false
    }

    private func cutJournal(to length: Int64) throws(StorageError) {
        let fd = open(journalURL.path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0, ftruncate(fd, off_t(length)) == 0, fsync(fd) == 0 else {
            if fd >= 0 { close(fd) }
            throw StorageError("cannot cut the torn record off \(journalURL.path): \(Self.lastError())")
        }
        close(fd)
    }

    private func openJournal() throws(StorageError) {
        let existed = FileManager.default.fileExists(atPath: journalURL.path)
        journalFD = open(journalURL.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard journalFD >= 0 else { throw StorageError("cannot open \(journalURL.path): \(Self.lastError())") }
        journalSize = Int64(lseek(journalFD, 0, SEEK_END))
        if !existed { Self.syncDirectory(directory) }
    }

    private func writeFormat() throws(StorageError) {
        let json: JSONValue = .obj([("format", .string(Self.formatName)), ("version", .int(Self.formatVersion))])
        try Self.replaceFile(formatURL, with: JSONWriter.bytes(json, pretty: true) + [0x0A])
    }

    private func setAsideLegacyFiles() throws(StorageError) {
        let fm = FileManager.default
        let aside = directory.appendingPathComponent("migrated-v1")
        do {
            try fm.createDirectory(at: aside, withIntermediateDirectories: true)
            for name in ["dataset.json", "weeks", ".dataset.json.tmp"] where fm.fileExists(atPath: directory.appendingPathComponent(name).path) {
                try fm.moveItem(at: directory.appendingPathComponent(name), to: aside.appendingPathComponent(name))
            }
        } catch {
            throw StorageError("migrated, but could not move the old files into \(aside.path): \(error.localizedDescription)")
        }
        Self.syncDirectory(directory)
    }

    // MARK: Changes

    public func append(_ entry: JournalEntry) throws(StorageError) {
        lock.lock()
        defer { lock.unlock() }
        if let unusable { throw StorageError(unusable) }
        let payload = JSONWriter.bytes(RecordCoding.encode(entry))
        let crc = CRC32.checksum(payload)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(payload.count + 8)
        for v in [UInt32(payload.count), crc] { for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(k)))) } }
        bytes.append(contentsOf: payload)
        guard Self.writeAll(journalFD, bytes), fsync(journalFD) == 0 else {
            let why = Self.lastError()
            // Cut the partial record off, so the journal ends on a whole record again.
            if ftruncate(journalFD, off_t(journalSize)) != 0 || fsync(journalFD) != 0 {
                unusable = "the journal \(journalURL.path) could not be written (\(why)) nor cut back; restart the daemon (the unfinished record will be discarded)"
            }
            throw StorageError("cannot write the journal \(journalURL.path): \(why); nothing was changed")
        }
        journalSize += Int64(bytes.count)
        recordsSinceSnapshot += 1
    }

    public var wantsCompaction: Bool { lock.lock(); defer { lock.unlock() }; return recordsSinceSnapshot >= compactEvery }

    /// Folds the journal into a new snapshot of `record` (which holds every appended change):
    /// the snapshot is renamed into place first, then an empty journal; a crash between the two
    /// leaves records the snapshot already has, which replay skips by their sequence.
    public func compact(_ record: RegionRecord) throws(StorageError) {
        lock.lock()
        defer { lock.unlock() }
        try writeSnapshot(record)
        try Self.replaceFile(journalURL, with: [])
        close(journalFD)
        journalFD = -1
        try openJournal()
        recordsSinceSnapshot = 0
    }

    private func writeSnapshot(_ record: RegionRecord) throws(StorageError) {
        let json: JSONValue = .obj([
            ("format", .string(Self.formatName)), ("version", .int(Self.formatVersion)),
            ("sequence", .number(Double(record.sequence))), ("dataset", RecordCoding.dataset(record.dataset)),
            ("weeks", .array(record.weeks.keys.sorted().map { RecordCoding.week(record.weeks[$0]!) })),
            ("attendance", .array(record.attendance.all.map(RecordCoding.attendance))),
        ])
        try Self.replaceFile(snapshotURL, with: JSONWriter.bytes(json))
    }

    // MARK: Files

    static func lastError() -> String { String(cString: strerror(errno)) }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 { if errno == EINTR { continue }; return false }
                off += n
            }
            return true
        }
    }

    static func syncDirectory(_ url: URL) {
        let dir = open(url.path, O_RDONLY | O_CLOEXEC)
        if dir >= 0 {
            fsync(dir)
            close(dir)
        }
    }

    /// Atomic, durable replacement of one file: a temporary file beside it, fsync'd, renamed
    /// over it, and the folder fsync'd.
    static func replaceFile(_ url: URL, with bytes: [UInt8]) throws(StorageError) {
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StorageError("cannot write \(tmp.path): \(lastError())") }
        let ok = writeAll(fd, bytes) && fsync(fd) == 0
        let why = lastError()
        close(fd)
        guard ok, rename(tmp.path, url.path) == 0 else {
            unlink(tmp.path)
            throw StorageError("cannot write \(url.path): \(ok ? lastError() : why)")
        }
        syncDirectory(url.deletingLastPathComponent())
    }
}
