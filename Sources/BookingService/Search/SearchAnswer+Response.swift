import Hummingbird
import NIOCore
import ServiceCore

/// The search route's answer, written straight to bytes: the same bytes `JSONResponse` wrote for it (Foundation's
/// `JSONEncoder`, sorted keys, slashes unescaped, a whole Double without `.0`), without Foundation's encoder, which
/// cost the route more CPU than its call to the engine (issue 15). `SearchAnswerJSONTests` holds the two to the
/// same bytes.
extension SearchAnswer: ResponseGenerator {
    /// Compact JSON with the keys in sorted order, as a sorted-keys `JSONEncoder` writes them.
    public func jsonBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(192 + (resultsJSON?.count ?? results.count * 640))
        func key(_ name: StaticString, first: Bool = false) {
            if !first { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            name.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }
        out.append(UInt8(ascii: "{"))
        key("engine", first: true)
        JSONWriter.appendString(engine, to: &out)
        key("indices_searched")
        out.append(UInt8(ascii: "["))
        for (i, index) in indicesSearched.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(index, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        key("limit")
        JSONWriter.appendInt(limit, to: &out)
        key("offset")
        JSONWriter.appendInt(offset, to: &out)
        key("query")
        JSONWriter.appendString(query, to: &out)
        key("results")
        if let resultsJSON {
            out.append(contentsOf: resultsJSON)
        } else {
            JSONWriter.write(.array(results), to: &out, doubles: .foundation)
        }
        key("total")
        JSONWriter.appendInt(total, to: &out)
        key("total_results")
        JSONWriter.appendInt(totalResults, to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// A 200 with the JSON, as `JSONResponse` would answer it.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: jsonBytes())))
    }
}
