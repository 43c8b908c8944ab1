import CLibPQ
import Foundation

/// A statement the pipeline prepares on each of its connections the first time it runs there (so a pool may start
/// before the migrations that create its tables have run).
public struct PipelineStatement: Sendable, Hashable {
    public let name: String
    public let sql: String

    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }
}

/// One bind parameter, sent in PostgreSQL's binary format with its length: a text value is its UTF-8 bytes as they
/// are (a NUL byte reaches the server, which refuses it with 22021 — never a silently cut C string).
public enum PipelineParameter: Sendable {
    case uuid(UUID)
    case text(String)
    case int64(Int64)
    case int32(Int32)
    case bool(Bool)

    var binary: [UInt8] {
        switch self {
        case .uuid(let id):
            return withUnsafeBytes(of: id.uuid) { Array($0) }
        case .text(let text):
            return Array(text.utf8)
        case .int64(let value):
            return withUnsafeBytes(of: value.bigEndian) { Array($0) }
        case .int32(let value):
            return withUnsafeBytes(of: value.bigEndian) { Array($0) }
        case .bool(let value):
            return [value ? 1 : 0]
        }
    }
}

/// The rows of one answer, in PostgreSQL's binary format, read where the awaiting request resumes: a libpq result
/// (the pool's thread; immutable once made, so any thread may read it, freed with the last reference) or the cells an
/// event loop's connection read off the wire (``LoopConnection``).
public struct PipelineRows: Sendable {
    final class Result: @unchecked Sendable {
        let pointer: OpaquePointer
        init(_ pointer: OpaquePointer) { self.pointer = pointer }
        deinit { PQclear(pointer) }
    }

    /// Rows read by a ``LoopConnection``: each row's cells (nil: NULL) and each column's type.
    struct WireRows: Sendable {
        var types: [Oid]
        var rows: [[[UInt8]?]]
    }

    enum Storage: Sendable {
        case libpq(Result)
        case wire(WireRows)
    }

    let storage: Storage

    init(result: Result) { storage = .libpq(result) }
    init(wire: WireRows) { storage = .wire(wire) }

    public var count: Int {
        switch storage {
        case .libpq(let result): Int(PQntuples(result.pointer))
        case .wire(let wire): wire.rows.count
        }
    }

    public var columns: Int {
        switch storage {
        case .libpq(let result): Int(PQnfields(result.pointer))
        case .wire(let wire): wire.types.count
        }
    }

    /// The value at `row`, `column` as `type`; a NULL decodes only as an optional.
    public func decode<Value: PipelineDecodable>(_ type: Value.Type, row: Int, column: Int) throws -> Value {
        guard row >= 0, row < count, column >= 0, column < columns else { throw PipelineDecodingError(column: column, reason: "no such cell") }
        do {
            switch storage {
            case .libpq(let result):
                let pointer = result.pointer
                if PQgetisnull(pointer, Int32(row), Int32(column)) == 1 { return try Self.null(Value.self, column: column) }
                let length = Int(PQgetlength(pointer, Int32(row), Int32(column)))
                let bytes = UnsafeRawBufferPointer(start: PQgetvalue(pointer, Int32(row), Int32(column)), count: length)
                return try Value.decode(bytes, oid: PQftype(pointer, Int32(column)))
            case .wire(let wire):
                let cells = wire.rows[row]
                guard column < cells.count else { throw PipelineDecodingError(column: column, reason: "no such cell") }
                guard let cell = cells[column] else { return try Self.null(Value.self, column: column) }
                return try cell.withUnsafeBytes { try Value.decode($0, oid: wire.types[column]) }
            }
        } catch let reason as PipelineDecodingError.Reason {
            throw PipelineDecodingError(column: column, reason: reason.text)
        }
    }

    private static func null<Value: PipelineDecodable>(_: Value.Type, column: Int) throws -> Value {
        guard let null = Value.null else { throw PipelineDecodingError(column: column, reason: "NULL where a value was expected") }
        return null
    }
}

/// A value the pipeline reads from PostgreSQL's binary format, checking the column's type first.
public protocol PipelineDecodable {
    static func decode(_ bytes: UnsafeRawBufferPointer, oid: Oid) throws -> Self
    /// The value of a NULL (nil: a NULL is an error).
    static var null: Self? { get }
}

extension PipelineDecodable {
    public static var null: Self? { nil }
}

/// A cell that is not of the type asked for: a bug of ours (a query and its reader disagree), a 500.
public struct PipelineDecodingError: Error, CustomStringConvertible {
    public let column: Int
    public let reason: String
    public var description: String { "cannot decode column \(column) of a pipelined query's answer: \(reason)" }

    struct Reason: Error {
        let text: String
        init(_ text: String) { self.text = text }
        static func type(_ oid: Oid, expected: String) -> Reason { Reason("type OID \(oid) where \(expected) was expected") }
    }
}

/// PostgreSQL's type OIDs the decoders accept (pg_type.oid).
enum TypeOID {
    static let bool: Oid = 16
    static let int8: Oid = 20
    static let int2: Oid = 21
    static let int4: Oid = 23
    static let text: Oid = 25
    static let varchar: Oid = 1043
    static let bpchar: Oid = 1042
    static let name: Oid = 19
    static let timestamp: Oid = 1114
    static let timestamptz: Oid = 1184
    static let uuid: Oid = 2950
}

extension UnsafeRawBufferPointer {
    /// A big-endian integer of exactly `T`'s size.
    fileprivate func bigEndian<T: FixedWidthInteger>(_: T.Type) throws -> T {
        guard count == MemoryLayout<T>.size else { throw PipelineDecodingError.Reason("\(count) bytes for a \(MemoryLayout<T>.size)-byte integer") }
        return T(bigEndian: loadUnaligned(as: T.self))
    }
}

extension UUID: PipelineDecodable {
    public static func decode(_ bytes: UnsafeRawBufferPointer, oid: Oid) throws -> UUID {
        guard oid == TypeOID.uuid else { throw PipelineDecodingError.Reason.type(oid, expected: "uuid") }
        guard bytes.count == 16 else { throw PipelineDecodingError.Reason("\(bytes.count) bytes for a uuid") }
        var id: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &id) { $0.copyMemory(from: bytes) }
        return UUID(uuid: id)
    }
}

extension String: PipelineDecodable {
    public static func decode(_ bytes: UnsafeRawBufferPointer, oid: Oid) throws -> String {
        switch oid {
        case TypeOID.text, TypeOID.varchar, TypeOID.bpchar, TypeOID.name:
            return String(decoding: bytes, as: UTF8.self)
        default:
            throw PipelineDecodingError.Reason.type(oid, expected: "text")
        }
    }
}

extension Bool: PipelineDecodable {
    public static func decode(_ bytes: UnsafeRawBufferPointer, oid: Oid) throws -> Bool {
        guard oid == TypeOID.bool else { throw PipelineDecodingError.Reason.type(oid, expected: "bool") }
        guard bytes.count == 1 else { throw PipelineDecodingError.Reason("\(bytes.count) bytes for a bool") }
        return bytes[0] != 0
    }
}

extension Int32: PipelineDecodable {
    public static func decode(_ bytes: UnsafeRawBufferPointer, oid: Oid) throws -> Int32 {
        switch oid {
        case TypeOID.int4: return try bytes.bigEndian(Int32.self)
        case TypeOID.int2: return Int32(try bytes.bigEndian(Int16.self))
        default: throw PipelineDecodingError.Reason.type(oid, expected: "int4")
        }
    }
}

extension Int64: PipelineDecodable {
    public static func decode(_ bytes: UnsafeRawBufferPointer, oid: Oid) throws -> Int64 {
        switch oid {
        case TypeOID.int8: return try bytes.bigEndian(Int64.self)
        case TypeOID.int4, TypeOID.int2: return Int64(try Int32.decode(bytes, oid: oid))
        default: throw PipelineDecodingError.Reason.type(oid, expected: "int8")
        }
    }
}

extension Int: PipelineDecodable {
    public static func decode(_ bytes: UnsafeRawBufferPointer, oid: Oid) throws -> Int {
        Int(try Int64.decode(bytes, oid: oid))
    }
}

extension Date: PipelineDecodable {
    /// As PostgresNIO decodes it (microseconds since 2000-01-01 UTC, the same Double arithmetic), so both paths give a
    /// response the same timestamps. `infinity` and `-infinity` are refused.
    public static func decode(_ bytes: UnsafeRawBufferPointer, oid: Oid) throws -> Date {
        guard oid == TypeOID.timestamptz || oid == TypeOID.timestamp else {
            throw PipelineDecodingError.Reason.type(oid, expected: "timestamptz")
        }
        let microseconds = try bytes.bigEndian(Int64.self)
        guard microseconds != .max, microseconds != .min else { throw PipelineDecodingError.Reason("an infinite timestamp") }
        return Date(timeInterval: Double(microseconds) / Double(1_000_000), since: Date(timeIntervalSince1970: 946_684_800))
    }
}

extension Optional: PipelineDecodable where Wrapped: PipelineDecodable {
    public static func decode(_ bytes: UnsafeRawBufferPointer, oid: Oid) throws -> Wrapped? {
        try Wrapped.decode(bytes, oid: oid)
    }
    public static var null: Wrapped?? { .some(nil) }
}
