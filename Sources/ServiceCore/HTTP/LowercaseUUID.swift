import Foundation

/// A UUID written in JSON as the seed wrote it: lower case (Foundation writes upper case).
@propertyWrapper
public struct LowercaseUUID: Codable, Sendable, Hashable {
    public var wrappedValue: UUID

    public init(wrappedValue: UUID) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = UUID(uuidString: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a UUID: \(text)")
        }
        wrappedValue = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue.lowercasedString)
    }
}

extension UUID {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The 36 characters of `lowercasedString`, appended to `out` (unquoted). Filled on the stack and appended once:
    /// byte by byte, the array's checks were most of the cost.
    func appendLowercased(to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 36) { text in
            _ = writeLowercased(into: text)
            out.append(contentsOf: UnsafeBufferPointer(text))
        }
    }

    /// `uuidString.lowercased()` without Foundation's `snprintf` and a second string: a list of bookings writes dozens
    /// of ids, and formatting them was a tenth of the request (perf on a bookings list).
    public var lowercasedString: String {
        String(unsafeUninitializedCapacity: 36) { writeLowercased(into: $0) }
    }

    /// Writes the 36 characters into `text` (at least 36 long); returns 36.
    private func writeLowercased(into text: UnsafeMutableBufferPointer<UInt8>) -> Int {
        withUnsafeBytes(of: uuid) { bytes in
            var position = 0
            for index in 0..<16 {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    text[position] = UInt8(ascii: "-")
                    position += 1
                }
                text[position] = Self.hexDigits[Int(bytes[index] >> 4)]
                text[position + 1] = Self.hexDigits[Int(bytes[index] & 0x0F)]
                position += 2
            }
            return position
        }
    }
}
