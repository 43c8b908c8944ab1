import ServiceCore

/// The body of the engine's `_search` for `GET /booking/search/`, written straight to bytes: every search sends one,
/// and building it as a ``JSONValue`` (a dozen dictionaries, their keys sorted on the way out) cost more than writing
/// it. The bytes are what that ``JSONValue`` encodes to (`SearchEngineQueryTests` holds the two together):
///
///     {"from":F,"query":{"bool":{"filter":[OWNER?],"must":[{"multi_match":{"fields":[…],"fuzziness":"AUTO",
///      "operator":"or","query":Q,"type":"best_fields"}}]}},"size":S}
///
/// where OWNER, for a caller who is not an admin when bookings are searched, lets a document through when it has no
/// `user_id` (movies, theaters, showings) or when it is the caller's.
struct SearchEngineQuery {
    var text: String
    var fields: [String]
    /// The caller's id (lowercase UUID) when the bookings must be theirs only; nil for an admin.
    var ownerID: String?
    var from: Int
    var size: Int

    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        append("{\"from\":", to: &out)
        JSONWriter.appendInt(from, to: &out)
        append(",\"query\":{\"bool\":{\"filter\":[", to: &out)
        if let ownerID {
            append("{\"bool\":{\"minimum_should_match\":1,\"should\":[", to: &out)
            append("{\"bool\":{\"must_not\":[{\"exists\":{\"field\":\"user_id\"}}]}},{\"term\":{\"user_id\":", to: &out)
            JSONWriter.appendString(ownerID, to: &out)
            append("}}]}}", to: &out)
        }
        append("],\"must\":[{\"multi_match\":{\"fields\":[", to: &out)
        for (i, field) in fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(field, to: &out)
        }
        append("],\"fuzziness\":\"AUTO\",\"operator\":\"or\",\"query\":", to: &out)
        JSONWriter.appendString(text, to: &out)
        append(",\"type\":\"best_fields\"}}]}},\"size\":", to: &out)
        JSONWriter.appendInt(size, to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    private func append(_ literal: StaticString, to out: inout [UInt8]) {
        literal.withUTF8Buffer { out.append(contentsOf: $0) }
    }
}
