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

    /// Slice `i`'s result, leaving `empty` in its place: a caller that concatenates large
    /// slices lets each go as soon as it is copied, instead of holding every slice and the
    /// whole at once.
    public func take(_ i: Int, leaving empty: T) -> T {
        lock.lock()
        defer { lock.unlock() }
        let value = cells[i]
        cells[i] = empty
        return value
    }

    public var values: [T] {
        lock.lock()
        defer { lock.unlock() }
        return cells
    }
}
