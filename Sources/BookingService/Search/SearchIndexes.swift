import Foundation
import SearchClient
import ServiceCore

/// One search index: the alias clients and the indexer use, the table its documents come from, its mappings (the
/// seed's, §9.2), and the SQL that renders a row as its JSON document (PostgreSQL builds the JSON, so a reindex
/// streams documents without decoding rows in Swift).
public struct SearchIndex: Sendable, Equatable {
    /// Alias name; also the table name and the outbox `index_name`.
    public let name: String
    let mappings: JSONValue
    /// The row of alias `x` as its JSON document text.
    let documentExpression: String
    /// Fields a text query looks in, with the seed's boosts.
    let searchFields: [String]
    /// The PostgreSQL full-text fallback: a tsvector expression over alias `x`.
    let textVector: String

    public static let movies = SearchIndex(
        name: "movies",
        mappings: [
            "id": .keyword, "title": .textWithKeyword, "description": .text, "duration_minutes": ["type": "integer"],
            "genre": .textWithKeyword, "director": .textWithKeyword, "release_date": .date, "rating": ["type": "float"],
            "language": .keyword, "is_imax": ["type": "boolean"], "poster_url": .keyword, "trailer_url": .keyword,
            "cast": .text, "created_at": .date, "updated_at": .date,
        ],
        documentExpression: """
            json_build_object(
                'id', x.id, 'title', x.title, 'description', x.description, 'duration_minutes', x.duration_minutes,
                'genre', x.genre, 'director', x.director, 'release_date', x.release_date, 'rating', x.rating,
                'language', x.language, 'is_imax', x.is_imax, 'poster_url', x.poster_url, 'trailer_url', x.trailer_url,
                'cast', x."cast", 'created_at', x.created_at, 'updated_at', x.updated_at)::text
            """,
        searchFields: ["title^3", "description^2", "genre^2", "director", "cast"],
        textVector: """
            to_tsvector('simple', coalesce(x.title, '') || ' ' || coalesce(x.description, '') || ' ' || coalesce(x.genre, '') || ' '
                || coalesce(x.director, '') || ' ' || search_join_words(x."cast"))
            """)

    public static let theaters = SearchIndex(
        name: "theaters",
        mappings: [
            "id": .keyword, "name": .textWithKeyword, "description": .text, "location": .textWithKeyword, "address": .text,
            "city": .textWithKeyword, "created_at": .date, "updated_at": .date,
        ],
        documentExpression: """
            json_build_object(
                'id', x.id, 'name', x.name, 'description', x.description, 'location', x.location, 'address', x.address,
                'city', x.city, 'created_at', x.created_at, 'updated_at', x.updated_at)::text
            """,
        searchFields: ["name^3", "description^2", "location^2", "address", "city^2"],
        textVector: """
            to_tsvector('simple', x.name || ' ' || coalesce(x.description, '') || ' ' || x.location || ' ' || x.address || ' ' || x.city)
            """)

    public static let showings = SearchIndex(
        name: "showings",
        mappings: [
            "id": .keyword, "movie_id": .keyword, "theater_id": .keyword, "show_start_datetime": .date,
            "show_end_datetime": .date, "expires_at": .date, "available_seats": ["type": "integer"],
            "is_active": ["type": "boolean"], "created_at": .date, "updated_at": .date,
        ],
        documentExpression: """
            json_build_object(
                'id', x.id, 'movie_id', x.movie_id, 'theater_id', x.theater_id, 'show_start_datetime', x.show_start_datetime,
                'show_end_datetime', x.show_end_datetime, 'expires_at', x.expires_at, 'available_seats', x.available_seats,
                'is_active', x.is_active, 'created_at', x.created_at, 'updated_at', x.updated_at)::text
            """,
        searchFields: [],
        textVector: "to_tsvector('simple', x.id::text)")

    public static let bookings = SearchIndex(
        name: "bookings",
        mappings: [
            "id": .keyword, "showing_id": .keyword, "user_id": .keyword, "booking_number": .textWithKeyword,
            "total_price": ["type": "scaled_float", "scaling_factor": 100], "status": .keyword, "created_at": .date,
            "updated_at": .date,
        ],
        documentExpression: """
            json_build_object(
                'id', x.id, 'showing_id', x.showing_id, 'user_id', x.user_id, 'booking_number', x.booking_number,
                'total_price', x.total_price, 'status', x.status, 'created_at', x.created_at, 'updated_at', x.updated_at)::text
            """,
        searchFields: ["booking_number^2"],
        textVector: "to_tsvector('simple', x.booking_number || ' ' || replace(x.booking_number, '-', ' '))")

    /// `id, document` of every row; callers append WHERE/ORDER BY.
    var documentSQL: String { "SELECT x.id::text, \(documentExpression) FROM \(name) x" }

    public static let all: [SearchIndex] = [.movies, .theaters, .showings, .bookings]

    public static func named(_ name: String) -> SearchIndex? { all.first { $0.name == name } }

    /// The body of a new physical index: one shard, no replicas (a single-node engine would stay yellow otherwise).
    var createBody: JSONValue {
        ["settings": ["number_of_shards": 1, "number_of_replicas": 0], "mappings": ["properties": mappings]]
    }

    /// A new physical index name: `movies_20261125093012345` (alias name, then UTC time to the millisecond).
    func newPhysicalName(now: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: now)
        let ms = (c.nanosecond ?? 0) / 1_000_000
        return String(
            format: "%@_%04d%02d%02d%02d%02d%02d%03d", name, c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0,
            c.second ?? 0, ms)
    }

    /// Whether `index` is one of this alias's physical indices.
    func owns(physical index: String) -> Bool {
        guard index.hasPrefix(name + "_") else { return false }
        let suffix = index.dropFirst(name.count + 1)
        return suffix.count == 17 && suffix.allSatisfy(\.isNumber)
    }
}

extension JSONValue {
    static let keyword: JSONValue = ["type": "keyword"]
    static let text: JSONValue = ["type": "text"]
    static let date: JSONValue = ["type": "date"]
    static let textWithKeyword: JSONValue = ["type": "text", "fields": ["keyword": ["type": "keyword", "ignore_above": 256]]]
}
