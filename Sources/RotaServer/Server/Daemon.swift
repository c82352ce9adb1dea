import Dispatch
import Foundation
import RotaEngine
import RotaJSON
import RotaSolver

/// A flag a running job polls; set by `$/cancelRequest` or shutdown.
final class CancelFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var set = false
    func cancel() { lock.lock(); set = true; lock.unlock() }
    var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return set }
}

/// `rota serve`: newline-delimited JSON-RPC 2.0 on stdin/stdout.
///
/// The reading thread only frames and parses; every request is handled on one serial queue, so
/// handlers never race over the data. A job (`rota.generate`, `capacity.whatIf`,
/// `capacity.suggest`) is prepared there, then works on a snapshot on another thread while the
/// queue keeps answering; its answer comes when it ends, out of order, paired by id.
/// `$/cancelRequest` from its caller or a scheduler stops a running one, which answers -32004.
public final class Daemon: @unchecked Sendable {
    let service: RotaService
    let output: ProtocolOutput
    let maxLineBytes: Int
    private let queue = DispatchQueue(label: "probation-rota.state")
    private let jobs = DispatchGroup()
    /// Running jobs by request id, with who started them (touched on `queue` only).
    private var running: [RequestID: (flag: CancelFlag, actor: Actor)] = [:]
    /// Ids for jobs sent as notifications, which nobody answers or cancels by id.
    private var notificationCount = 0
    private let stopLock = NSLock()
    private var stopRequested = false

    public init(service: RotaService, output: ProtocolOutput, maxLineBytes: Int) {
        self.service = service
        self.output = output
        self.maxLineBytes = maxLineBytes
    }

    /// Ends the reading loop as end of input would (SIGTERM): running jobs are cancelled,
    /// every answer already due is sent, and every acknowledged change is already on disk.
    public func requestStop() { stopLock.lock(); stopRequested = true; stopLock.unlock() }
    private var shouldStop: Bool { stopLock.lock(); defer { stopLock.unlock() }; return stopRequested }

    /// Reads until end of input, `server.shutdown`, a stop request or a closed output; returns
    /// when every answer has been sent. Reads wait in `poll` a quarter-second at a time so that a
    /// stop request or a client gone from stdout is noticed while stdin stays open.
    public func run(input fd: Int32) {
        var reader = LineReader(maxLineBytes: maxLineBytes)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        reading: while !shouldStop && !output.isClosed {
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let polled = poll(&ready, 1, 250)
            if polled == 0 || (polled < 0 && errno == EINTR) { continue }
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            let items = n > 0 ? buffer.withUnsafeBytes { reader.feed(UnsafeRawBufferPointer(rebasing: $0[0..<n])) } : reader.finish()
            for item in items {
                if handle(item) == .stop { break reading }
            }
            if n <= 0 { break }
        }
        // Input ended or shutdown: stop running jobs, then let every answer go out.
        queue.sync { for job in running.values { job.flag.cancel() } }
        jobs.wait()
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
            case .invalid(let id, let error):
                output.respond(id: id, error: error)
                return .go
            case .notification(let method, let params):
                // JSON-RPC 2.0: a notification is carried out and never answered.
                if method == "$/cancelRequest" {
                    queue.async { self.cancel(params) }
                    return .go
                }
                return dispatch(method: method, params: params, id: nil)
            case .request(let id, let method, let params):
                return dispatch(method: method, params: params, id: id)
            }
        }
    }

    /// Carries out one request (`id` nil: a notification, whose outcome is not sent).
    private func dispatch(method: String, params: JSONValue, id: RequestID?) -> Next {
        if method == ServerShutdownMethod.name {
            var permitted = true
            queue.sync {
                do throws(ResponseError) { answer(id, try service.handle(method: method, params: params)) } catch {
                    permitted = false
                    answer(id, error)
                }
            }
            return permitted ? .stop : .go
        }
        queue.async {
            do throws(ResponseError) {
                let (entry, actor, p) = try MethodTable.resolve(method, params: params)
                switch entry.kind {
                case .immediate(let run): self.answer(id, try run(p, actor, self.service))
                case .job(let prepare): self.start(try prepare(p, actor, self.service), id: id, actor: actor)
                }
            } catch { self.answer(id, error) }
        }
        return .go
    }

    /// Sends the outcome of a request; a notification's (`id` nil) is never sent.
    private func answer(_ id: RequestID?, _ result: JSONValue) { if let id { output.respond(id: id, result: result) } }
    private func answer(_ id: RequestID?, _ error: ResponseError) { if let id { output.respond(id: id, error: error) } }

    /// `$/cancelRequest {id}`: only the role and id that started the request, or a scheduler,
    /// may stop it; anyone else's cancel is ignored (a notification has no answer to refuse with).
    private func cancel(_ params: JSONValue) {
        guard let caller = try? Actor(params: params) else { return }
        let id: RequestID?
        switch params["id"] {
        case .string(let s)?: id = .string(s)
        case .number(let d)? where RequestID.isExactInteger(d): id = .number(d)
        default: id = nil
        }
        guard let id, let job = running[id] else { return }
        if caller.role == .scheduler || caller == job.actor { job.flag.cancel() }
    }

    /// The job runner, on `queue`: the work runs off the queue with progress notifications and
    /// a cancel flag; its finishing step (the write) and its answer come back to the queue.
    private func start(_ job: Job, id: RequestID?, actor: Actor) {
        let jobId: RequestID
        if let id { jobId = id } else {
            notificationCount += 1
            jobId = .string("$/notification/\(notificationCount)")  // nobody can name it: only shutdown stops it
        }
        let flag = CancelFlag()
        running[jobId] = (flag, actor)
        jobs.enter()
        let output = self.output
        DispatchQueue.global().async {
            let finish = job.work({ flag.isCancelled }, { method, params in output.notify(method: method, params: params) })
            self.queue.async {
                self.running[jobId] = nil
                if flag.isCancelled {
                    job.abandon()
                    self.answer(id, ResponseError(.requestCancelled, "\(job.description) was cancelled; nothing was stored"))
                } else {
                    do throws(ResponseError) { self.answer(id, try finish()) } catch { self.answer(id, error) }
                }
                self.jobs.leave()
            }
        }
    }
}
