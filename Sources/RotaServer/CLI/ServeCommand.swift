import Foundation
import RotaEngine

/// `rota serve [--data-dir DIR] [--max-request-bytes N] [--max-response-bytes N] [--compact-every N]`:
/// the JSON-RPC daemon.
enum ServeCommand {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        var limits = InputLimits()
        let dir = try args.value("--data-dir").map { URL(fileURLWithPath: $0) } ?? defaultDirectory()
        if let n = try args.int("--max-request-bytes", range: 1024...(1 << 30)) { limits.maxRequestLineBytes = n }
        if let n = try args.int("--max-response-bytes", range: 1024...(1 << 30)) { limits.maxResponseBytes = n }
        let compactEvery = try args.int("--compact-every", range: 1...100_000_000) ?? 10_000
        try args.finish()
        // A full disk or a file-size limit must fail a write (-32006), not kill the daemon.
        signal(SIGXFSZ, SIG_IGN)
        let service: RotaService
        do {
            service = try RotaService(store: JournalStore(directory: dir, compactEvery: compactEvery), limits: limits)
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
        Diagnostics.error("rota serve: data folder \(dir.path): \(service.loadSummary); \(RotaService.version); ready")
        daemon.run(input: STDIN_FILENO)
        stops.forEach { $0.cancel() }
        Diagnostics.error("rota serve: stopped; every acknowledged change is on disk")
        return .success
    }

    /// `$ROTA_DATA_DIR`, else `$XDG_DATA_HOME/probation-rota`, else `~/.local/share/probation-rota`.
    static func defaultDirectory() -> URL {
        let env = ProcessInfo.processInfo.environment
        if let d = env["ROTA_DATA_DIR"], !d.isEmpty { return URL(fileURLWithPath: d) }
        if let x = env["XDG_DATA_HOME"], !x.isEmpty { return URL(fileURLWithPath: x).appendingPathComponent("probation-rota") }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share/probation-rota")
    }
}
