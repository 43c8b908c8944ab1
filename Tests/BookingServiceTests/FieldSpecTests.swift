import BookingService
import Foundation
import SearchClient
import ServiceCore
import Testing

/// What a PATCH of a theater, movie or showing may change (``FieldSpec``): each field's type and range at its edges,
/// null where a field may be null, unknown keys, and every problem of a body reported at once.
///
/// One table per spec, keyed by the JSON field names of the API, so the table survives a change of how FieldSpec is
/// declared: only ``check(_:_:_:)`` calls it.
@Suite struct FieldSpecTests {
    enum Outcome: Sendable, Equatable, CustomStringConvertible {
        case stored(ColumnValue)
        case refused(type: String)

        var description: String {
            switch self {
            case .stored(let value): "stored \(value)"
            case .refused(let type): "refused \(type)"
            }
        }
    }

    static func check(_ spec: FieldSpec, _ field: String, _ value: SearchJSON) -> Outcome {
        do {
            let changes = try spec.changes([field: value])
            return changes.count == 1 && changes[0].column == field ? .stored(changes[0].value) : .refused(type: "unexpected \(changes)")
        } catch let error as APIError {
            guard case .issues(let issues) = error.detail, issues.count == 1, issues[0].loc == ["body", field] else {
                return .refused(type: "unexpected \(error)")
            }
            return .refused(type: issues[0].type)
        } catch {
            return .refused(type: "unexpected \(error)")
        }
    }

    static func text(_ count: Int) -> String { String(repeating: "x", count: count) }

    @Test(arguments: [
        ("name", SearchJSON.string("PVR Forum"), Outcome.stored(.text("PVR Forum"))),
        ("name", .string(FieldSpecTests.text(200)), .stored(.text(FieldSpecTests.text(200)))),
        ("name", .string(FieldSpecTests.text(201)), .refused(type: "string_too_long")),
        ("name", .string("   "), .refused(type: "string_too_short")),
        ("name", .string(""), .refused(type: "string_too_short")),
        ("name", .null, .refused(type: "string_type")),
        ("name", .int(5), .refused(type: "string_type")),
        ("name", .string("PVR\nForum"), .refused(type: "string_pattern_mismatch")),
        ("location", .string(FieldSpecTests.text(200)), .stored(.text(FieldSpecTests.text(200)))),
        ("location", .string(FieldSpecTests.text(201)), .refused(type: "string_too_long")),
        ("address", .string(FieldSpecTests.text(500)), .stored(.text(FieldSpecTests.text(500)))),
        ("address", .string(FieldSpecTests.text(501)), .refused(type: "string_too_long")),
        ("city", .string(FieldSpecTests.text(100)), .stored(.text(FieldSpecTests.text(100)))),
        ("city", .string(FieldSpecTests.text(101)), .refused(type: "string_too_long")),
        ("description", .null, .stored(.text(nil))),
        ("description", .string(""), .stored(.text(""))),
        ("description", .string("two\nlines\tand a tab"), .stored(.text("two\nlines\tand a tab"))),
        ("description", .string("nul\u{0}"), .refused(type: "string_pattern_mismatch")),
        ("description", .string(FieldSpecTests.text(2000)), .stored(.text(FieldSpecTests.text(2000)))),
        ("description", .string(FieldSpecTests.text(2001)), .refused(type: "string_too_long")),
        ("id", .string("x"), .refused(type: "extra_forbidden")),
        ("created_at", .string("2030-01-01T00:00:00Z"), .refused(type: "extra_forbidden")),
    ])
    func theater(field: String, value: SearchJSON, outcome: Outcome) {
        #expect(Self.check(.theater, field, value) == outcome)
    }

    @Test(arguments: [
        ("title", SearchJSON.string(FieldSpecTests.text(255)), Outcome.stored(.text(FieldSpecTests.text(255)))),
        ("title", .string(FieldSpecTests.text(256)), .refused(type: "string_too_long")),
        ("duration_minutes", .int(1), .stored(.int(1))),
        ("duration_minutes", .int(1440), .stored(.int(1440))),
        ("duration_minutes", .int(0), .refused(type: "value_error")),
        ("duration_minutes", .int(1441), .refused(type: "value_error")),
        ("duration_minutes", .int(-5), .refused(type: "value_error")),
        ("duration_minutes", .double(90.5), .refused(type: "int_type")),
        ("duration_minutes", .string("90"), .refused(type: "int_type")),
        ("duration_minutes", .null, .refused(type: "int_type")),
        ("rating", .int(0), .stored(.double(0))),
        ("rating", .int(10), .stored(.double(10))),
        ("rating", .double(7.5), .stored(.double(7.5))),
        ("rating", .double(10.01), .refused(type: "value_error")),
        ("rating", .double(-0.1), .refused(type: "value_error")),
        ("rating", .int(11), .refused(type: "value_error")),
        ("rating", .null, .stored(.double(nil))),
        ("rating", .string("7"), .refused(type: "float_type")),
        ("genre", .string(""), .stored(.text(""))),  // a one-line field that may be empty
        ("genre", .string(FieldSpecTests.text(100)), .stored(.text(FieldSpecTests.text(100)))),
        ("genre", .string(FieldSpecTests.text(101)), .refused(type: "string_too_long")),
        ("genre", .null, .stored(.text(nil))),
        ("language", .string(FieldSpecTests.text(51)), .refused(type: "string_too_long")),
        ("poster_url", .string(FieldSpecTests.text(255)), .stored(.text(FieldSpecTests.text(255)))),
        ("poster_url", .string(FieldSpecTests.text(256)), .refused(type: "string_too_long")),
        ("is_imax", .bool(true), .stored(.bool(true))),
        ("is_imax", .int(1), .refused(type: "bool_type")),
        ("is_imax", .null, .refused(type: "bool_type")),
        ("release_date", .string("2028-02-29"), .stored(.date("2028-02-29"))),
        ("release_date", .string("2030-02-29"), .refused(type: "date_parsing")),
        ("release_date", .string("2030-01-01T00:00:00Z"), .refused(type: "date_parsing")),
        ("release_date", .null, .stored(.date(nil))),
        ("cast", .array([.string("A"), .string("B")]), .stored(.textArray(["A", "B"]))),
        ("cast", .array([]), .stored(.textArray([]))),
        ("cast", .array(Array(repeating: .string("A"), count: 100)), .stored(.textArray(Array(repeating: "A", count: 100)))),
        ("cast", .array(Array(repeating: .string("A"), count: 101)), .refused(type: "too_long")),
        ("cast", .array([.string("A"), .int(1)]), .refused(type: "list_type")),
        ("cast", .array([.string(FieldSpecTests.text(256))]), .refused(type: "string_too_long")),
        ("cast", .array([.string(" ")]), .refused(type: "string_too_short")),
        ("cast", .string("A"), .refused(type: "list_type")),
        ("cast", .null, .refused(type: "list_type")),
    ])
    func movie(field: String, value: SearchJSON, outcome: Outcome) {
        #expect(Self.check(.movie, field, value) == outcome)
    }

    static let noon = Timestamps.parse("2030-11-15T12:00:00Z")!

    @Test(arguments: [
        ("show_start_datetime", SearchJSON.string("2030-11-15T12:00:00Z"), Outcome.stored(.timestamp(FieldSpecTests.noon))),
        ("show_end_datetime", .string("2030-11-15T17:30:00+05:30"), .stored(.timestamp(FieldSpecTests.noon))),
        ("expires_at", .string("2030-11-15 12:00"), .stored(.timestamp(FieldSpecTests.noon))),
        ("show_start_datetime", .string("2030-11-15"), .refused(type: "datetime_parsing")),
        ("show_start_datetime", .int(1_900_000_000), .refused(type: "datetime_type")),
        ("show_start_datetime", .null, .refused(type: "datetime_type")),
        ("available_seats", .int(0), .stored(.int(0))),
        ("available_seats", .int(100_000), .stored(.int(100_000))),
        ("available_seats", .int(100_001), .refused(type: "value_error")),
        ("available_seats", .int(-1), .refused(type: "value_error")),
        ("is_active", .bool(false), .stored(.bool(false))),
        ("is_active", .string("false"), .refused(type: "bool_type")),
        ("prices", .object([:]), .refused(type: "extra_forbidden")),  // prices change through their own route
        ("movie_id", .string("x"), .refused(type: "extra_forbidden")),
    ])
    func showing(field: String, value: SearchJSON, outcome: Outcome) {
        #expect(Self.check(.showing, field, value) == outcome)
    }

    @Test func anEmptyBodyNamesTheFieldsThatMayChange() {
        let error = #expect(throws: APIError.self) { try FieldSpec.theater.changes([:]) }
        guard case .issues(let issues)? = error?.detail else {
            Issue.record("expected validation issues, got \(String(describing: error))")
            return
        }
        #expect(issues.map(\.msg) == ["Body must change at least one of: address, city, description, location, name"])
    }

    /// Every problem of a body at once, in field order; nothing of it is stored.
    @Test func everyProblemAtOnce() {
        let error = #expect(throws: APIError.self) {
            try FieldSpec.movie.changes(["title": .string("Ok"), "rating": .int(11), "colour": .string("red"), "is_imax": .string("no")])
        }
        guard case .issues(let issues)? = error?.detail else {
            Issue.record("expected validation issues, got \(String(describing: error))")
            return
        }
        #expect(issues.map(\.loc) == [["body", "colour"], ["body", "is_imax"], ["body", "rating"]])
        #expect(issues.map(\.type) == ["extra_forbidden", "bool_type", "value_error"])
    }

    @Test func changesComeSortedByField() throws {
        let changes = try FieldSpec.theater.changes(["name": .string("B"), "city": .string("Pune"), "address": .string("1 Road")])
        #expect(changes.map(\.column) == ["address", "city", "name"])
    }
}
