import Foundation
import RotaJSON

/// The protocol stream: one JSON object per line, written whole under a lock so that answers
/// from several threads never interleave.
///
/// `claimStandardOutput()` moves the real stdout aside and points fd 1 at stderr (as
/// sourcekit-lsp does), so that a stray `print` anywhere can never corrupt the protocol.
public final class ProtocolOutput: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()

    public init(fileDescriptor: Int32) { fd = fileDescriptor }

    public static func claimStandardOutput() -> ProtocolOutput {
        let saved = dup(STDOUT_FILENO)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        return ProtocolOutput(fileDescriptor: saved)
    }

    public func send(_ message: JSONValue) {
        var bytes = JSONWriter.bytes(message)
        bytes.append(0x0A)
        lock.lock()
        defer { lock.unlock() }
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return  // the client has gone; nothing more to say
                }
                offset += n
            }
        }
    }

    public func respond(id: RequestID?, result: JSONValue) {
        send(.obj([("jsonrpc", "2.0"), ("id", id?.json ?? .null), ("result", result)]))
    }

    public func respond(id: RequestID?, error: ResponseError) {
        send(.obj([("jsonrpc", "2.0"), ("id", id?.json ?? .null), ("error", error.json)]))
    }

    public func notify(method: String, params: JSONValue) {
        send(.obj([("jsonrpc", "2.0"), ("method", .string(method)), ("params", params)]))
    }
}
