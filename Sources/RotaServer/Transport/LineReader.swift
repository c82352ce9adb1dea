import Foundation

/// Splits a byte stream into lines, with a hard limit on a line's length.
///
/// A line over the limit is not buffered: its bytes are skipped up to the next newline and it is
/// reported as `.tooLong`, so one oversized request cannot exhaust memory or end the daemon.
public struct LineReader {
    public enum Item: Equatable {
        case line([UInt8])
        case tooLong(bytes: Int)
    }

    public let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var skipping = false
    private var skipped = 0

    public init(maxLineBytes: Int) { self.maxLineBytes = maxLineBytes }

    /// Feeds bytes; returns the complete items they finish.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer) -> [Item] {
        var items: [Item] = []
        var start = 0
        let bytes = chunk.bindMemory(to: UInt8.self)
        for i in 0..<bytes.count where bytes[i] == 0x0A {
            finishSegment(bytes, start, i, into: &items, atNewline: true)
            start = i + 1
        }
        finishSegment(bytes, start, bytes.count, into: &items, atNewline: false)
        return items
    }

    private mutating func finishSegment(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, into items: inout [Item], atNewline: Bool) {
        let count = to - from
        if skipping {
            skipped += count
        } else if buffer.count + count > maxLineBytes {
            skipping = true
            skipped = buffer.count + count
            buffer = []
        } else if count > 0 {
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<to]))
        }
        guard atNewline else { return }
        if skipping {
            items.append(.tooLong(bytes: skipped))
            skipping = false
            skipped = 0
        } else {
            var line = buffer
            if line.last == 0x0D { line.removeLast() }
            buffer = []
            if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { items.append(.line(line)) }
        }
    }

    /// What is left when the stream ends (a last line without a newline).
    public mutating func finish() -> [Item] {
        defer { buffer = []; skipping = false }
        if skipping { return [.tooLong(bytes: skipped)] }
        return buffer.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) ? [] : [.line(buffer)]
    }
}
