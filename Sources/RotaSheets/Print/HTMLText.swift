/// Text placed in an HTML page: the characters that would open a tag, an entity or close a
/// double-quoted attribute are written as entities. The pages of this project (the manager's
/// report, the printable sheets) quote every attribute with double quotes.
public enum HTMLText {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
