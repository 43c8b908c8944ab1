import ServiceCore

/// The NDJSON body of a `_bulk` request, written straight into one byte buffer, so a caller can send it whenever
/// ``byteCount`` passes a limit (for example every 5 MB) and start over with ``removeAll(keepingCapacity:)``.
public struct BulkBody: Sendable {
    public private(set) var bytes: [UInt8] = []
    public private(set) var operationCount = 0

    public init() {}

    /// Index (create or replace) `document` under `id`: an action line and a source line.
    public mutating func index(_ index: String, id: String, document: JSONValue) {
        appendAction("index", index: index, id: id)
        document.encode(into: &bytes)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Index a document whose JSON is already encoded (one JSON object). Raw line breaks, which JSON allows only as
    /// whitespace between tokens, are turned into spaces so the source stays on one NDJSON line.
    public mutating func index(_ index: String, id: String, documentJSON: [UInt8]) {
        appendAction("index", index: index, id: id)
        if documentJSON.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
            bytes.append(contentsOf: documentJSON.lazy.map { $0 == 0x0A || $0 == 0x0D ? UInt8(ascii: " ") : $0 })
        } else {
            bytes.append(contentsOf: documentJSON)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Delete the document `id`; a missing document is not a failure (see ``BulkResult/failures``).
    public mutating func delete(_ index: String, id: String) {
        appendAction("delete", index: index, id: id)
    }

    public var byteCount: Int { bytes.count }
    public var isEmpty: Bool { operationCount == 0 }

    public mutating func removeAll(keepingCapacity: Bool = true) {
        bytes.removeAll(keepingCapacity: keepingCapacity)
        operationCount = 0
    }

    /// `{"OPERATION":{"_index":"INDEX","_id":"ID"}}\n`
    private mutating func appendAction(_ operation: StaticString, index: String, id: String) {
        operationCount += 1
        bytes.append(contentsOf: #"{""#.utf8)
        operation.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: #"":{"_index":"#.utf8)
        JSONWriter.appendString(index, to: &bytes)
        bytes.append(contentsOf: #","_id":"#.utf8)
        JSONWriter.appendString(id, to: &bytes)
        bytes.append(contentsOf: "}}\n".utf8)
    }
}
