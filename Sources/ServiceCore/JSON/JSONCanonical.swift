/// JSON read in place: values found as byte ranges, and written out as ``JSONWriter`` writes the ``JSONValue`` they
/// decode to (keys sorted, compact, the same escapes and numbers), without building that value.
///
/// Why: a search answer passes the engine's documents through (issue 15). Decoding them into ``JSONValue`` trees
/// (a dictionary per object, a String per key and string) and writing the trees back cost a search with 20 hits more
/// CPU than everything else the service did for it. Here an object's members are byte ranges sorted by their keys'
/// bytes; a plain key, a plain string and a plain integer are copied as they are, since ``JSONWriter`` would write them
/// back byte for byte. Anything else (an escape, a byte outside printable ASCII, a fraction, an exponent, `-0`, a
/// duplicate key) is decoded by ``JSONParser`` and written by ``JSONWriter`` for that value alone, so the output is
/// always what `JSONWriter.write(JSONValue.decode(bytes))` gives (`JSONCanonicalTests` holds the two together on random
/// documents), and bytes that are not JSON fail with a ``JSONSyntaxError`` as the parser's do.
package struct JSONDocument {
    package let bytes: UnsafeBufferPointer<UInt8>

    package init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// A member of an object: its key's bytes between the quotes (`plainKey`: no escape, printable ASCII only) and its
    /// value's range.
    package struct Member {
        package var key: Range<Int>
        package var plainKey: Bool
        package var value: Range<Int>
    }

    /// The range of the one value `bytes` hold (whitespace around it allowed), checked from end to end.
    package func root() throws -> Range<Int> {
        var scanner = Scanner(bytes: bytes, position: 0)
        scanner.skipWhitespace()
        let start = scanner.position
        try scanner.skipValue()
        let end = scanner.position
        scanner.skipWhitespace()
        guard scanner.position == bytes.count else { throw scanner.failure("unexpected data after the JSON value") }
        return start..<end
    }

    /// Whether the (checked) value at `range` is an object, an array, a string.
    package func isObject(_ range: Range<Int>) -> Bool { !range.isEmpty && bytes[range.lowerBound] == UInt8(ascii: "{") }
    package func isArray(_ range: Range<Int>) -> Bool { !range.isEmpty && bytes[range.lowerBound] == UInt8(ascii: "[") }

    /// The members of the object at `range`, in their order.
    package func members(_ range: Range<Int>) throws -> [Member] {
        var cursor = Cursor(self, at: range.lowerBound)
        var members: [Member] = []
        try cursor.members { cursor, key, plain in members.append(Member(key: key, plainKey: plain, value: try cursor.skip())) }
        return members
    }

    /// The elements of the array at `range`.
    package func elements(_ range: Range<Int>) throws -> [Range<Int>] {
        var cursor = Cursor(self, at: range.lowerBound)
        var elements: [Range<Int>] = []
        try cursor.elements { cursor in elements.append(try cursor.skip()) }
        return elements
    }

    /// The member named `name` (the last of that name, as a decoded object keeps it).
    package func member(_ name: StaticString, of members: [Member]) -> Member? {
        members.last { keyEquals($0, name) }
    }

    /// The value at `range` decoded.
    package func value(_ range: Range<Int>) throws -> JSONValue {
        try JSONParser.parse(UnsafeBufferPointer(rebasing: bytes[range]))
    }

    /// Appends what `JSONWriter.write(value(range), doubles:)` would.
    package func write(_ range: Range<Int>, to out: inout [UInt8], doubles: JSONWriter.DoubleStyle) throws {
        try write(range, to: &out, doubles: doubles, depth: 0)
    }

    /// Appends the object at `range` (an empty one for nil) with `extra` members set on it (replacing members of
    /// those names), as ``JSONWriter`` writes that object. `extra` holds plain keys and their values' JSON, sorted by
    /// key.
    package func writeObject(
        _ range: Range<Int>?, setting extra: [(key: StaticString, json: [UInt8])], to out: inout [UInt8], doubles: JSONWriter.DoubleStyle
    ) throws {
        var members = try range.map { try self.members($0) } ?? []
        members.removeAll { member in extra.contains { keyEquals(member, $0.key) } }
        guard let sorted = plainSorted(members) else {
            // Keys this writer does not order itself: the decoded object, with the extra members set, written whole.
            guard let range, case .object(var object) = try value(range) else { return }
            for (key, json) in extra { object[key.description] = try JSONValue.decode(json) }
            JSONWriter.write(.object(object), to: &out, doubles: doubles)
            return
        }
        out.append(UInt8(ascii: "{"))
        var pending = extra[...]
        var first = true
        func comma() {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
        }
        func writeExtra(_ entry: (key: StaticString, json: [UInt8])) {
            comma()
            out.append(UInt8(ascii: "\""))
            entry.key.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
            out.append(contentsOf: entry.json)
        }
        for member in sorted {
            while let next = pending.first, next.key.withUTF8Buffer({ compare($0, member.key) < 0 }) {
                writeExtra(next)
                pending.removeFirst()
            }
            comma()
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[member.key.lowerBound - 1..<member.key.upperBound + 1]))
            out.append(UInt8(ascii: ":"))
            try write(member.value, to: &out, doubles: doubles, depth: 1)
        }
        for entry in pending { writeExtra(entry) }
        out.append(UInt8(ascii: "}"))
    }

    // MARK: writing

    private func write(_ range: Range<Int>, to out: inout [UInt8], doubles: JSONWriter.DoubleStyle, depth: Int) throws {
        guard depth < JSONParser.maximumDepth else { throw JSONSyntaxError(offset: range.lowerBound, reason: "nesting too deep") }
        switch bytes[range.lowerBound] {
        case UInt8(ascii: "{"):
            let members = try members(range)
            guard let sorted = plainSorted(members) else {
                JSONWriter.write(try value(range), to: &out, doubles: doubles)
                return
            }
            out.append(UInt8(ascii: "{"))
            for (index, member) in sorted.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[member.key.lowerBound - 1..<member.key.upperBound + 1]))
                out.append(UInt8(ascii: ":"))
                try write(member.value, to: &out, doubles: doubles, depth: depth + 1)
            }
            out.append(UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            out.append(UInt8(ascii: "["))
            for (index, element) in try elements(range).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                try write(element, to: &out, doubles: doubles, depth: depth + 1)
            }
            out.append(UInt8(ascii: "]"))
        case UInt8(ascii: "\""):
            if isPlain(range.lowerBound + 1..<range.upperBound - 1) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
            } else {
                JSONWriter.write(try value(range), to: &out, doubles: doubles)
            }
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
        default:
            if isPlainInteger(range) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
            } else {
                JSONWriter.write(try value(range), to: &out, doubles: doubles)
            }
        }
    }

    /// The members sorted by key, when every key is plain and no key repeats; nil otherwise.
    private func plainSorted(_ members: [Member]) -> [Member]? {
        guard members.allSatisfy(\.plainKey) else { return nil }
        var sorted = members
        var inOrder = true
        for index in sorted.indices.dropFirst() where compare(sorted[index - 1].key, sorted[index].key) >= 0 {
            inOrder = false
            break
        }
        if !inOrder { sorted.sort { compare($0.key, $1.key) < 0 } }
        for index in sorted.indices.dropFirst() where compare(sorted[index - 1].key, sorted[index].key) == 0 { return nil }
        return sorted
    }

    /// Printable ASCII without `"` or `\`: what ``JSONWriter`` writes back unchanged.
    private func isPlain(_ range: Range<Int>) -> Bool {
        for index in range {
            let byte = bytes[index]
            if byte < 0x20 || byte > 0x7E || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
        }
        return true
    }

    /// `-`? digits, at most 18 of them, not `-0`: an Int that ``JSONWriter`` writes back as the same digits.
    private func isPlainInteger(_ range: Range<Int>) -> Bool {
        var start = range.lowerBound
        if bytes[start] == UInt8(ascii: "-") { start += 1 }
        let count = range.upperBound - start
        guard count >= 1, count <= 18 else { return false }
        for index in start..<range.upperBound where !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { return false }
        return !(count == 1 && bytes[start] == UInt8(ascii: "0") && start > range.lowerBound)
    }

    private func compare(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        compare(UnsafeBufferPointer(rebasing: bytes[a]), b)
    }

    private func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: Range<Int>) -> Int {
        let common = min(a.count, b.count)
        for offset in 0..<common {
            let x = a[offset]
            let y = bytes[b.lowerBound + offset]
            if x != y { return x < y ? -1 : 1 }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    private func keyEquals(_ member: Member, _ name: StaticString) -> Bool {
        member.plainKey && name.withUTF8Buffer { compare($0, member.key) == 0 }
    }
}

extension JSONDocument {
    /// Walks a document once, front to back: a caller descends into the members and elements it wants and steps over
    /// the rest, each value checked by ``JSONParser``'s rules as it is passed (``members(_:)`` and
    /// ``elements(_:)`` step over every value of a container each time, so reading a few levels down with them reads
    /// the bytes below once per level).
    package struct Cursor {
        var scanner: Scanner

        package init(_ document: JSONDocument) {
            self.init(document, at: 0)
        }

        /// A cursor at the value that starts at `position`.
        init(_ document: JSONDocument, at position: Int) {
            scanner = Scanner(bytes: document.bytes, position: position)
        }

        /// Reads the one value of the document with `body` (which must step over it), then checks nothing follows.
        package mutating func document(_ body: (inout Cursor) throws -> Void) throws {
            scanner.skipWhitespace()
            guard scanner.current != nil else { throw scanner.failure("unexpected end of input") }
            try body(&self)
            scanner.skipWhitespace()
            guard scanner.position == scanner.bytes.count else { throw scanner.failure("unexpected data after the JSON value") }
        }

        /// The value here is an object, an array.
        package var atObject: Bool { scanner.current == UInt8(ascii: "{") }
        package var atArray: Bool { scanner.current == UInt8(ascii: "[") }

        /// Steps over the value here, and says where it was.
        @discardableResult
        package mutating func skip() throws -> Range<Int> {
            let start = scanner.position
            try scanner.skipValue()
            return start..<scanner.position
        }

        /// For each member of the object here: `body` with its key (between the quotes; `plain`: no escape, printable
        /// ASCII only), positioned at its value, which `body` must step over.
        package mutating func members(_ body: (inout Cursor, _ key: Range<Int>, _ plain: Bool) throws -> Void) throws {
            try scanner.enter()
            defer { scanner.depth -= 1 }
            scanner.position += 1
            scanner.skipWhitespace()
            if scanner.current == UInt8(ascii: "}") {
                scanner.position += 1
                return
            }
            while true {
                scanner.skipWhitespace()
                guard scanner.current == UInt8(ascii: "\"") else { throw scanner.failure("expected a member name") }
                let (key, plain) = try scanner.skipString()
                scanner.skipWhitespace()
                guard scanner.current == UInt8(ascii: ":") else { throw scanner.failure("expected ':'") }
                scanner.position += 1
                scanner.skipWhitespace()
                guard scanner.current != nil else { throw scanner.failure("unexpected end of input") }
                try body(&self, key.lowerBound + 1..<key.upperBound - 1, plain)
                scanner.skipWhitespace()
                switch scanner.current {
                case UInt8(ascii: ","): scanner.position += 1
                case UInt8(ascii: "}"): scanner.position += 1; return
                default: throw scanner.failure("expected ',' or '}'")
                }
            }
        }

        /// For each element of the array here: `body`, positioned at it, which it must step over.
        package mutating func elements(_ body: (inout Cursor) throws -> Void) throws {
            try scanner.enter()
            defer { scanner.depth -= 1 }
            scanner.position += 1
            scanner.skipWhitespace()
            if scanner.current == UInt8(ascii: "]") {
                scanner.position += 1
                return
            }
            while true {
                scanner.skipWhitespace()
                guard scanner.current != nil else { throw scanner.failure("unexpected end of input") }
                try body(&self)
                scanner.skipWhitespace()
                switch scanner.current {
                case UInt8(ascii: ","): scanner.position += 1
                case UInt8(ascii: "]"): scanner.position += 1; return
                default: throw scanner.failure("expected ',' or ']'")
                }
            }
        }
    }

    /// Whether a ``Cursor`` member's key is `name` (a key with escapes is decoded first).
    package func key(_ key: Range<Int>, _ plain: Bool, is name: StaticString) -> Bool {
        if plain { return name.withUTF8Buffer { compare($0, key) == 0 } }
        return (try? value(key.lowerBound - 1..<key.upperBound + 1).stringValue) == name.description
    }
}

extension JSONDocument {
    /// Steps over values, checking them by ``JSONParser``'s rules, without building them.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position: Int
        var depth = 0

        init(bytes: UnsafeBufferPointer<UInt8>, position: Int) {
            self.bytes = bytes
            self.position = position
        }

        func failure(_ reason: String) -> JSONSyntaxError {
            JSONSyntaxError(offset: position, reason: reason)
        }

        @inline(__always)
        var current: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        mutating func skipValue() throws {
            guard let byte = current else { throw failure("unexpected end of input") }
            switch byte {
            case UInt8(ascii: "{"): try skipContainer(close: UInt8(ascii: "}"), members: true)
            case UInt8(ascii: "["): try skipContainer(close: UInt8(ascii: "]"), members: false)
            case UInt8(ascii: "\""): _ = try skipString()
            case UInt8(ascii: "t"): try skipLiteral("true")
            case UInt8(ascii: "f"): try skipLiteral("false")
            case UInt8(ascii: "n"): try skipLiteral("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
            default: throw failure("unexpected character")
            }
        }

        mutating func enter() throws {
            depth += 1
            guard depth <= JSONParser.maximumDepth else { throw failure("nesting deeper than \(JSONParser.maximumDepth)") }
        }

        private mutating func skipContainer(close: UInt8, members: Bool) throws {
            try enter()
            defer { depth -= 1 }
            position += 1
            skipWhitespace()
            if current == close {
                position += 1
                return
            }
            while true {
                skipWhitespace()
                if members {
                    guard current == UInt8(ascii: "\"") else { throw failure("expected a member name") }
                    _ = try skipString()
                    skipWhitespace()
                    guard current == UInt8(ascii: ":") else { throw failure("expected ':'") }
                    position += 1
                    skipWhitespace()
                }
                try skipValue()
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): position += 1
                case close: position += 1; return
                default: throw failure(members ? "expected ',' or '}'" : "expected ',' or ']'")
                }
            }
        }

        /// The string's range with its quotes, and whether it is plain (no escape, printable ASCII only).
        mutating func skipString() throws -> (Range<Int>, plain: Bool) {
            let start = position
            position += 1
            var plain = true
            // Eight bytes at a time while none is a quote, a backslash, below 0x20 or above 0x7E (most of a document):
            // a byte-at-a-time loop over every string was most of reading a search answer.
            if let base = bytes.baseAddress {
                while bytes.count - position >= 8 {
                    let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                    guard Self.allPlain(word) else { break }
                    position += 8
                }
            }
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    position += 1
                    return (start..<position, plain)
                }
                if byte == UInt8(ascii: "\\") {
                    plain = false
                    position += 1
                    guard let escaped = current else { break }
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                        UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        position += 1
                    case UInt8(ascii: "u"):
                        position += 1
                        guard bytes.count - position >= 4 else { throw failure("truncated \\u escape") }
                        for _ in 0..<4 {
                            switch bytes[position] {
                            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                                UInt8(ascii: "A")...UInt8(ascii: "F"):
                                position += 1
                            default: throw failure("invalid \\u escape")
                            }
                        }
                    default:
                        throw failure("invalid escape")
                    }
                    continue
                }
                if byte < 0x20 || byte > 0x7E { plain = false }
                position += 1
            }
            throw failure("unterminated string")
        }

        /// No byte of `word` is `"`, `\`, below 0x20 or above 0x7E (the classic has-zero-byte tests, per byte).
        @inline(__always)
        static func allPlain(_ word: UInt64) -> Bool {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
            if word & highs != 0 { return false }  // a byte above 0x7F
            if hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C)) || hasZero(word ^ (ones &* 0x7F)) { return false }
            // a byte below 0x20: (byte - 0x20) borrows into its high bit; no byte is above 0x7F here
            return (word &- ones &* 0x20) & ~word & highs == 0
        }

        private mutating func skipLiteral(_ literal: StaticString) throws {
            guard JSONParser.literal(literal, at: position, in: bytes) else { throw failure("invalid literal") }
            position += literal.utf8CodeUnitCount
        }

        private mutating func skipNumber() throws {
            if current == UInt8(ascii: "-") { position += 1 }
            guard let first = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
                throw failure("invalid number")
            }
            if first == UInt8(ascii: "0") { position += 1 } else { skipDigits() }
            if current == UInt8(ascii: ".") {
                position += 1
                guard skipDigits() > 0 else { throw failure("invalid number") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                position += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
                guard skipDigits() > 0 else { throw failure("invalid number") }
            }
        }

        @discardableResult
        private mutating func skipDigits() -> Int {
            let start = position
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { position += 1 }
            return position - start
        }
    }
}
