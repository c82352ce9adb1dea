import Dispatch
import Foundation
import RotaEngine
import RotaJSON
import RotaSolver

/// A flag a running generate polls; set by `$/cancelRequest` or shutdown.
final class CancelFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var set = false
    func cancel() { lock.lock(); set = true; lock.unlock() }
    var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return set }
}

/// `rota serve`: newline-delimited JSON-RPC 2.0 on stdin/stdout.
///
/// The reading thread only frames and parses; every request is handled on one serial queue, so
/// handlers never race over the data. `rota.generate` checks its params there, then solves on a
/// snapshot on another thread while the queue keeps answering; its answer comes when it ends, out
/// of order, paired by id. A second generate for the same week meanwhile is a conflict (-32002);
/// `$/cancelRequest` stops a running one, which then answers -32004.
public final class Daemon: @unchecked Sendable {
    let service: RotaService
    let output: ProtocolOutput
    let maxLineBytes: Int
    private let queue = DispatchQueue(label: "probation-rota.state")
    private let generates = DispatchGroup()
    /// Running generates by request id (touched on `queue` only).
    private var running: [RequestID: CancelFlag] = [:]
    private var stopping = false

    public init(service: RotaService, output: ProtocolOutput, maxLineBytes: Int) {
        self.service = service
        self.output = output
        self.maxLineBytes = maxLineBytes
    }

    /// Reads until end of input or `server.shutdown`; returns when every answer has been sent.
    public func run(input fd: Int32) {
        var reader = LineReader(maxLineBytes: maxLineBytes)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        reading: while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            let items = n > 0 ? buffer.withUnsafeBytes { reader.feed(UnsafeRawBufferPointer(rebasing: $0[0..<n])) } : reader.finish()
            for item in items {
                if handle(item) == .stop { break reading }
            }
            if n <= 0 { break }
        }
        // Input ended or shutdown: stop running generates, then let every answer go out.
        queue.sync { for flag in running.values { flag.cancel() } }
        generates.wait()
        queue.sync {}
    }

    enum Next { case go, stop }

    func handle(_ item: LineReader.Item) -> Next {
        switch item {
        case .tooLong(let bytes):
            output.respond(id: nil, error: ResponseError(.requestTooLarge, "request line of \(bytes) bytes exceeds the limit of \(maxLineBytes) bytes; it was discarded"))
            return .go
        case .line(let bytes):
            switch Envelope.decode(bytes) {
            case .invalid(let id, let error, let answer):
                if answer { output.respond(id: id, error: error) }
            case .notification(let method, let params):
                if method == "$/cancelRequest" { queue.async { self.cancel(params["id"]) } }
            case .request(let id, let method, let params):
                if method == "rota.generate" {
                    queue.async { self.startGenerate(id: id, params: params) }
                } else if method == "server.shutdown" {
                    var permitted = true
                    queue.sync {
                        do throws(ResponseError) {
                            output.respond(id: id, result: try service.handle(method: method, params: params))
                            stopping = true
                        } catch {
                            permitted = false
                            output.respond(id: id, error: error)
                        }
                    }
                    if permitted { return .stop }
                } else {
                    queue.async {
                        do throws(ResponseError) { self.output.respond(id: id, result: try self.service.handle(method: method, params: params)) } catch { self.output.respond(id: id, error: error) }
                    }
                }
            }
            return .go
        }
    }

    private func cancel(_ raw: JSONValue?) {
        let id: RequestID?
        switch raw {
        case .string(let s)?: id = .string(s)
        case .number(let d)?: id = .number(d)
        default: id = nil
        }
        if let id { running[id]?.cancel() }
    }

    /// On `queue`.
    private func startGenerate(id: RequestID, params: JSONValue) {
        let prepared: (CalendarDay, Problem, SolveOptions)
        do { prepared = try service.prepareGenerate(params, id: id) } catch {
            output.respond(id: id, error: error)
            return
        }
        let (week, problem, options) = prepared
        let flag = CancelFlag()
        running[id] = flag
        generates.enter()
        let output = self.output
        let weekText = week.description
        DispatchQueue.global().async {
            let result = Solver.solve(problem, options: options, isCancelled: { flag.isCancelled }, progress: { p in
                output.notify(method: "rota/progress", params: .obj([
                    ("weekStart", .string(weekText)), ("elapsedMs", .int(Int(p.elapsedSeconds * 1000))),
                    ("hard", .int(p.hard)), ("soft", .number((p.soft * 100).rounded() / 100)),
                ]))
            })
            self.queue.async {
                self.running[id] = nil
                if flag.isCancelled {
                    self.service.generating[week] = nil
                    output.respond(id: id, error: ResponseError(.requestCancelled, "rota.generate for week \(weekText) was cancelled; nothing was stored"))
                } else {
                    do throws(ResponseError) { output.respond(id: id, result: try self.service.finishGenerate(week: week, rota: result.rota)) } catch { output.respond(id: id, error: error) }
                }
                self.generates.leave()
            }
        }
    }
}
