import ServiceCore

/// A `_search` answer read in place: the total and each hit's index, id and score, with the hit's document (`_source`)
/// left as a range of ``body`` (read it with ``JSONDocument``). The whole answer is checked as JSON when it is read.
public struct SearchPage: Sendable {
    public struct Hit: Sendable {
        public var index: String
        public var id: String
        public var score: Double?
        /// The `_source` object's bytes in ``SearchPage/body``; nil when the hit has none (or it is not an object).
        public var source: Range<Int>?
    }

    /// Hits overall (`hits.total.value`, or a bare `hits.total` before Elasticsearch 7).
    public var total: Int
    public var hits: [Hit]
    /// The answer as the engine sent it.
    public var body: [UInt8]

    /// Reads `body`; bytes that are not JSON throw ``JSONSyntaxError``, an answer without `hits` or a hit without
    /// `_index` or `_id` ``SearchError/malformedResponse(_:)``.
    package init(_ body: [UInt8]) throws {
        self.body = body
        // One pass over the answer: down into `hits`, over everything else. A name that repeats counts its last
        // member, as a decoded object keeps it.
        (total, hits) = try body.withUnsafeBufferPointer { buffer in
            let document = JSONDocument(buffer)
            var cursor = JSONDocument.Cursor(document)
            var found = false
            var total = 0
            var hits: [Hit] = []
            try cursor.document { cursor in
                guard cursor.atObject else {
                    try cursor.skip()
                    return
                }
                try cursor.members { cursor, key, plain in
                    guard document.key(key, plain, is: "hits") else {
                        try cursor.skip()
                        return
                    }
                    found = true
                    (total, hits) = (0, [])
                    guard cursor.atObject else {
                        try cursor.skip()
                        return
                    }
                    try cursor.members { cursor, key, plain in
                        if document.key(key, plain, is: "total") {
                            total = 0
                            guard cursor.atObject else {
                                total = try document.value(try cursor.skip()).intValue ?? 0
                                return
                            }
                            try cursor.members { cursor, key, plain in
                                let value = try cursor.skip()
                                if document.key(key, plain, is: "value") {
                                    total = try document.value(value).intValue ?? 0
                                }
                            }
                        } else if document.key(key, plain, is: "hits") {
                            hits = []
                            guard cursor.atArray else {
                                try cursor.skip()
                                return
                            }
                            try cursor.elements { cursor in hits.append(try Self.hit(&cursor, document)) }
                        } else {
                            try cursor.skip()
                        }
                    }
                }
            }
            guard found else { throw SearchError.malformedResponse("_search answer has no hits") }
            return (total, hits)
        }
    }

    /// One element of `hits.hits`: `_index` and `_id` must be strings.
    private static func hit(_ cursor: inout JSONDocument.Cursor, _ document: JSONDocument) throws
        -> Hit
    {
        var index: String?
        var id: String?
        var score: Double?
        var source: Range<Int>?
        if cursor.atObject {
            try cursor.members { cursor, key, plain in
                let value = try cursor.skip()
                if document.key(key, plain, is: "_index") {
                    index = try document.value(value).stringValue
                } else if document.key(key, plain, is: "_id") {
                    id = try document.value(value).stringValue
                } else if document.key(key, plain, is: "_score") {
                    score = try document.value(value).doubleValue
                } else if document.key(key, plain, is: "_source") {
                    source = document.isObject(value) ? value : nil
                }
            }
        } else {
            try cursor.skip()
        }
        guard let index, let id else {
            throw SearchError.malformedResponse("search hit without _index or _id")
        }
        return Hit(index: index, id: id, score: score, source: source)
    }
}
