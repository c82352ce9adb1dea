/// The text rules of RFC 5545 that every calendar file must follow: CRLF line ends, lines
/// folded at 75 octets (never inside a UTF-8 sequence), and TEXT values escaped.
enum ICalendarText {
    /// A TEXT value: backslash, semicolon and comma escaped, line breaks as `\n` (3.3.11).
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var lastWasCR = false
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !lastWasCR { out += "\\n" }
            default:
                // Other control characters are not allowed in a content line (3.1).
                if c.value < 0x20 || c.value == 0x7F { out += " " } else { out.unicodeScalars.append(c) }
            }
            lastWasCR = c == "\r"
        }
        return out
    }

    /// A content line folded into lines of at most 75 octets, continuation lines starting with
    /// a space (3.1), each ended by CRLF.
    static func fold(_ line: String) -> String {
        var out: [UInt8] = []
        var width = 0
        for c in line.unicodeScalars {
            let bytes = Array(String(c).utf8)
            if width + bytes.count > 75 {
                out += [0x0D, 0x0A, 0x20]
                width = 1
            }
            out += bytes
            width += bytes.count
        }
        out += [0x0D, 0x0A]
        return String(decoding: out, as: UTF8.self)
    }

    /// Europe/London: GMT in winter, BST (+01:00) from the last Sunday of March at 01:00 UTC to
    /// the last Sunday of October at 01:00 UTC, as the rules have stood since 1996.
    static let londonTimeZone = [
        "BEGIN:VTIMEZONE", "TZID:Europe/London",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST", "DTSTART:19810329T010000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT", "DTSTART:19961027T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]
}
