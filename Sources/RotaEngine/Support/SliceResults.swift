import Foundation

/// Results of work split into slices and run with `DispatchQueue.concurrentPerform`: each slice
/// writes its own cell under a lock, and the caller reads them in slice order.
public final class SliceResults<T>: @unchecked Sendable {
    private var cells: [T]
    private let lock = NSLock()

    public init(count: Int, empty: T) { cells = Array(repeating: empty, count: count) }

    public func set(_ i: Int, _ value: T) {
        lock.lock()
        defer { lock.unlock() }
        cells[i] = value
    }

    public var values: [T] {
        lock.lock()
        defer { lock.unlock() }
        return cells
    }
}
