import Foundation
import RotaJSON

/// The protocol stream: one JSON object per line, written whole under a lock so that answers
/// from several threads never interleave.
///
/// `claimStandardOutput()` moves the real stdout aside and points fd 1 at stderr (as
/// sourcekit-lsp does), so that a stray `print` anywhere can never corrupt the protocol.
/// A client that closes its end is noticed on the next write (`isClosed`); SIGPIPE is ignored
/// by `rota serve`, so that write fails with EPIPE instead of killing the daemon.
public final class ProtocolOutput: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var closed = false
    /// No answer is larger: a bigger result is replaced by a `-32007` error.
    public let maxResponseBytes: Int

    public init(fileDescriptor: Int32, maxResponseBytes: Int = 64 << 20) {
        fd = fileDescriptor
        self.maxResponseBytes = maxResponseBytes
    }

    public static func claimStandardOutput(maxResponseBytes: Int = 64 << 20) -> ProtocolOutput {
        let saved = dup(STDOUT_FILENO)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        return ProtocolOutput(fileDescriptor: saved, maxResponseBytes: maxResponseBytes)
    }

    /// The client has closed its end: nothing more can be said.
    public var isClosed: Bool { lock.lock(); defer { lock.unlock() }; return closed }

    public func send(_ message: JSONValue) { write(JSONWriter.bytes(message)) }

    private func write(_ encoded: [UInt8]) {
        var bytes = encoded
        bytes.append(0x0A)
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    closed = true  // the client has gone; nothing more to say
                    return
                }
                offset += n
            }
        }
    }

    public func respond(id: RequestID?, result: JSONValue) {
        let bytes = JSONWriter.bytes(.obj([("jsonrpc", "2.0"), ("id", id?.json ?? .null), ("result", result)]))
        if bytes.count > maxResponseBytes {
            respond(id: id, error: ResponseError(.responseTooLarge, "the answer would be \(bytes.count) bytes, more than the limit of \(maxResponseBytes); ask for fewer records"))
            return
        }
        write(bytes)
    }

    public func respond(id: RequestID?, error: ResponseError) {
        send(.obj([("jsonrpc", "2.0"), ("id", id?.json ?? .null), ("error", error.json)]))
    }

    public func notify(method: String, params: JSONValue) {
        send(.obj([("jsonrpc", "2.0"), ("method", .string(method)), ("params", params)]))
    }
}
