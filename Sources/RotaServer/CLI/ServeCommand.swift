import Foundation
import RotaEngine

/// `rota serve [--data-dir DIR] [--max-request-bytes N]`: the JSON-RPC daemon.
enum ServeCommand {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        var limits = InputLimits()
        let dir = try args.value("--data-dir").map { URL(fileURLWithPath: $0) } ?? FileStore.defaultDirectory()
        if let n = try args.int("--max-request-bytes", range: 1024...(1 << 30)) { limits.maxRequestLineBytes = n }
        try args.finish()
        let service: RotaService
        do {
            service = try RotaService(store: FileStore(directory: dir), limits: limits)
        } catch {
            Diagnostics.error("rota serve: cannot start: \(error.description)")
            return .inputRefused
        }
        for w in service.warnings { Diagnostics.error("rota serve: warning: \(w)") }
        // From here on fd 1 is stderr; the protocol has the real stdout to itself.
        let output = ProtocolOutput.claimStandardOutput(maxResponseBytes: limits.maxResponseBytes)
        // A client that closes its end must not kill the daemon: writes then fail with EPIPE,
        // which ends it cleanly. SIGTERM and SIGINT end it as the end of input does.
        signal(SIGPIPE, SIG_IGN)
        let daemon = Daemon(service: service, output: output, maxLineBytes: limits.maxRequestLineBytes)
        let stops = [SIGTERM, SIGINT].map { sig -> DispatchSourceSignal in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { daemon.requestStop() }
            source.resume()
            return source
        }
        Diagnostics.error("rota serve: data folder \(dir.path); \(RotaService.version); ready")
        daemon.run(input: STDIN_FILENO)
        stops.forEach { $0.cancel() }
        Diagnostics.error("rota serve: stopped; every acknowledged change is on disk")
        return .success
    }
}
