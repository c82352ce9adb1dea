import RotaJSON

/// Reads a rota document. Structural faults (wrong types, missing fields) are refused with their
/// path; entries naming unknown ids are *kept* — PROBLEM.md scores them as rule 0, so that any
/// rota, from this tool or not, gets a verdict rather than a refusal.
public enum RotaDecoder {
    public static func decode(_ json: JSONValue, limits: InputLimits = .standard, basePath: String = "") throws(InputError) -> Rota {
        let r = try FieldReader(json, path: basePath, limits: limits)
        var rota = Rota(weekStart: try r.string("weekStart"))
        for item in try r.optionalArray("assignments", maxCount: limits.maxRotaEntries) ?? [] {
            let e = try FieldReader(item.value, path: item.path, limits: limits)
            rota.assignments.append(Assignment(personId: try e.string("personId"), sessionId: try e.string("sessionId")))
        }
        for item in try r.optionalArray("programmeAllocations", maxCount: limits.maxRotaEntries) ?? [] {
            let e = try FieldReader(item.value, path: item.path, limits: limits)
            rota.programmeAllocations.append(ProgrammeAllocation(personId: try e.string("personId"), groupId: try e.string("groupId")))
        }
        for item in try r.optionalArray("interpreterBookings", maxCount: limits.maxRotaEntries) ?? [] {
            let e = try FieldReader(item.value, path: item.path, limits: limits)
            rota.interpreterBookings.append(InterpreterBooking(
                interpreterId: try e.string("interpreterId"), sessionId: try e.string("sessionId"), language: try e.string("language")))
        }
        if let s = try r.nested("score") {
            var breakdown: [String: Double] = [:]
            if let b = try s.nested("breakdown") {
                for m in b.object.members {
                    if case .number(let d) = m.value { breakdown[m.key] = d }
                }
            }
            let hard = try s.optionalNumber("hard")
            let soft = try s.optionalNumber("soft")
            // A reported score is a claim to check, not data to refuse: one that is not a whole
            // number in range simply never matches.
            if let hard, let soft, hard == hard.rounded(), abs(hard) < 1e15 {
                rota.score = ReportedScore(hard: Int(hard), soft: soft, breakdown: breakdown)
            }
        }
        for item in try r.optionalArray("unmet", maxCount: limits.maxRotaEntries) ?? [] {
            let e = try FieldReader(item.value, path: item.path, limits: limits)
            rota.unmet.append(UnmetNeed(personId: try e.string("personId"), shortfallHours: try e.optionalNumber("shortfallHours") ?? 0,
                                        reasons: try e.optionalStrings("reasons") ?? []))
        }
        return rota
    }
}
