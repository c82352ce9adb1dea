import Foundation

/// RFC 4180 text as spreadsheets actually write it: a UTF-8 byte-order mark, CRLF or LF (or a
/// lone CR, old Excel for Mac) line ends, quoted fields holding commas, quotes and line breaks,
/// trailing empty rows and columns, and — when a spreadsheet set to a European locale saved the
/// file — semicolons between fields.
public enum CSVText {
    /// One record of the file with its row number as a spreadsheet shows it (the header is row 1;
    /// a record whose quoted field spans lines is still one row).
    public struct Record: Sendable, Equatable {
        public var row: Int
        public var fields: [String]
    }

    /// Why the text cannot be read as CSV at all.
    public struct SyntaxError: Error, Sendable, Equatable {
        public var row: Int
        public var reason: String
    }

    /// The records of `text`, without the rows that are wholly empty.
    public static func parse(_ text: String) throws(SyntaxError) -> [Record] {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        let separator = sniffSeparator(scalars)
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var row = 1
        var i = 0
        var quoted = false
        var quotedRowStart = 0
        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
        }
        func endRecord() {
            endField()
            if fields.contains(where: { !$0.allSatisfy(\.isWhitespace) }) { records.append(Record(row: row, fields: fields)) }
            fields = []
            row += 1
        }
        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count && scalars[i + 1] == "\"" {
                        field.append("\"")
                        i += 2
                        continue
                    }
                    quoted = false
                } else {
                    field.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case "\"" where field.isEmpty:
                quoted = true
                quotedRowStart = row
            case separator:
                endField()
            case "\r":
                endRecord()
                if i + 1 < scalars.count && scalars[i + 1] == "\n" { i += 1 }
            case "\n":
                endRecord()
            default:
                // A quote inside an unquoted field, or text after a closing quote, is kept as
                // written: spreadsheets never write it, people sometimes type it.
                field.append(c)
            }
            i += 1
        }
        if quoted { throw SyntaxError(row: quotedRowStart, reason: "a quoted field opened here is never closed") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }

    /// A comma, unless the first line has no comma outside quotes but does have semicolons.
    static func sniffSeparator(_ s: [Unicode.Scalar]) -> Unicode.Scalar {
        var commas = 0, semicolons = 0, quoted = false
        for c in s {
            if c == "\"" { quoted.toggle(); continue }
            if quoted { continue }
            if c == "\n" || c == "\r" { break }
            if c == "," { commas += 1 } else if c == ";" { semicolons += 1 }
        }
        return commas == 0 && semicolons > 0 ? ";" : ","
    }

    /// One field as RFC 4180 writes it: quoted when it holds a separator, a quote, a line break
    /// or space at either end (which a spreadsheet would otherwise trim).
    public static func field(_ s: String) -> String {
        let needsQuotes = s.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }
            || s.first?.isWhitespace == true || s.last?.isWhitespace == true
        guard needsQuotes else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A whole file: a header and rows, CRLF line ends as RFC 4180 says.
    public static func file(header: [String], rows: [[String]]) -> String {
        var out = header.map(field).joined(separator: ",") + "\r\n"
        for r in rows { out += r.map(field).joined(separator: ",") + "\r\n" }
        return out
    }
}
