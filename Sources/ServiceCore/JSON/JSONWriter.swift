/// Writes JSON straight into a byte buffer: no Foundation, no intermediate strings for integers and plain strings.
/// `package`: the search client writes bulk bodies with it.
package enum JSONWriter {
    /// How a Double is written. `.shortest` is Swift's round-trip text (`-5.0`, `0.1`); `.foundation` is what
    /// Foundation's `JSONEncoder` writes for the same Double (`-5`, `0.1`: a whole number loses its `.0`), for answers
    /// that must stay byte for byte what a `JSONEncoder` with sorted keys wrote for them.
    package enum DoubleStyle: Sendable {
        case shortest, foundation
    }

    package static func write(_ value: JSONValue, to out: inout [UInt8], doubles: DoubleStyle = .shortest) {
        switch value {
        case .null:
            appendLiteral("null", to: &out)
        case .bool(let flag):
            appendLiteral(flag ? "true" : "false", to: &out)
        case .int(let number):
            appendInt(number, to: &out)
        case .double(let number):
            appendDouble(number, to: &out, style: doubles)
        case .string(let string):
            appendString(string, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                write(element, to: &out, doubles: doubles)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            if members.count == 1, let (key, member) = members.first {
                appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(member, to: &out, doubles: doubles)
            } else if !members.isEmpty {
                var first = true
                for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    appendString(key, to: &out)
                    out.append(UInt8(ascii: ":"))
                    write(member, to: &out, doubles: doubles)
                }
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    @inline(__always)
    static func appendLiteral(_ literal: StaticString, to out: inout [UInt8]) {
        literal.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    package static func appendInt(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            out.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude))
            return
        }
        // UInt64.max has 20 digits
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var position = digits.count
            while magnitude > 0 {
                position -= 1
                digits[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[position...]))
        }
    }

    /// Swift's `description` of a Double is the shortest text that reads back as the same Double, and is valid JSON
    /// (`0.1`, `-5.0`, `1e+300`, `5e-324`); `.foundation` drops the `.0` of a whole number, as `JSONEncoder` does.
    /// NaN and infinities have no JSON form: they become `null`.
    static func appendDouble(_ value: Double, to out: inout [UInt8], style: DoubleStyle = .shortest) {
        guard value.isFinite else {
            appendLiteral("null", to: &out)
            return
        }
        let text = value.description.utf8
        if style == .foundation, text.count > 2, text.last == UInt8(ascii: "0"),
            text[text.index(text.endIndex, offsetBy: -2)] == UInt8(ascii: ".")
        {
            out.append(contentsOf: text.dropLast(2))
        } else {
            out.append(contentsOf: text)
        }
    }

    package static func appendString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { appendEscaped($0, to: &out) }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    /// Escapes `"`, `\` and the control characters below U+0020; every other byte (UTF-8 included) passes through.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            out.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            default:
                out.append(UInt8(ascii: "u"))
                out.append(UInt8(ascii: "0"))
                out.append(UInt8(ascii: "0"))
                hexDigits.withUTF8Buffer { hex in
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0x0F)])
                }
            }
            index += 1
            runStart = index
        }
        if runStart < count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count])) }
    }
}
