enum SolveCommand {
    static func run(_ args: inout Arguments) throws -> ExitStatus {
        throw UsageError("not built yet")
    }
}
