import Foundation
import Hummingbird

/// Encodes any `Encodable` as a JSON response with the given status. Keys are written as the types name them
/// (the seed's snake_case names are spelt out in `CodingKeys`), with sorted keys so output is stable.
public struct JSONResponse<Value: Encodable & Sendable>: ResponseGenerator, Sendable {
    public var status: HTTPResponse.Status
    public var value: Value
    public var headers: HTTPFields

    public init(_ value: Value, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) {
        self.value = value
        self.status = status
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try JSONCoding.encode(value))))
    }
}

public enum JSONCoding {
    /// The JSON text of `value`: ISO 8601 dates with milliseconds, sorted keys, no escaped slashes. A
    /// ``JSONWritable`` value (or an array of them) writes itself; any other is written by ``ResponseEncoder``, which
    /// gives the same bytes as ``encoder`` several times faster.
    public static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        if let writable = value as? any JSONWritable { return writable.jsonBytes() }
        return try ResponseEncoder.encode(value)
    }

    /// Foundation's encoder set up as the responses are written: the reference ``ResponseEncoder`` is tested against.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        return encoder
    }()
}
