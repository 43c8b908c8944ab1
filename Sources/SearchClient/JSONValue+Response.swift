import ServiceCore

/// The search client's old name for ``JSONValue``, kept so code written against it still compiles; new code names
/// `JSONValue` (ServiceCore).
@available(*, deprecated, renamed: "JSONValue")
public typealias SearchJSON = JSONValue

extension JSONValue {
    /// A search server's answer parsed; bytes that are not one JSON document are a malformed response.
    static func response(_ bytes: [UInt8]) throws -> JSONValue {
        do {
            return try decode(bytes)
        } catch let error as JSONSyntaxError {
            throw SearchError.malformedResponse(error.description)
        }
    }
}
