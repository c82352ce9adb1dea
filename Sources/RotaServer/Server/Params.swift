import RotaEngine
import RotaJSON

/// Reading a method's params with paths rooted at `params`, every fault a -32602.
struct Params {
    let reader: FieldReader

    init(_ value: JSONValue) throws(ResponseError) {
        do { reader = try FieldReader(value, path: "params") } catch { throw .invalidParams(error) }
    }

    func run<T>(_ body: (FieldReader) throws(InputError) -> T) throws(ResponseError) -> T {
        do { return try body(reader) } catch { throw .invalidParams(error) }
    }

    func weekStart() throws(ResponseError) -> CalendarDay {
        try run { r throws(InputError) in
            let d = try r.day("weekStart")
            guard d.isMonday else { throw InputError(path: r.childPath("weekStart"), reason: "\(d) is a \(d.weekdayName), not a Monday") }
            return d
        }
    }

    func string(_ key: String) throws(ResponseError) -> String { try run { r throws(InputError) in try r.id(key) } }

    /// A list of ids, each once in the order first named: a request that repeats an id is
    /// answered about it once, so repetition cannot multiply the work or the answer.
    func ids(_ key: String) throws(ResponseError) -> [String]? {
        guard let all = try run({ r throws(InputError) in try r.optionalStrings(key, maxCount: r.limits.maxIdsPerRequest) }) else { return nil }
        var seen = Set<String>()
        return all.filter { seen.insert($0).inserted }
    }
}
