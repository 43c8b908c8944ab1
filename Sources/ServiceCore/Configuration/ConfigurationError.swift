import Foundation

/// A setting is missing or malformed; the message names the setting and what would fix it.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension DecodingError {
    /// Where a JSON document (a fixture file, a setting) is wrong: `missing [3].name`, `[0].price: …`.
    public var locationSummary: String {
        func path(_ context: Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch self {
        case .keyNotFound(let key, let c): return "missing \(path(c)).\(key.stringValue)"
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): return "\(path(c)): \(c.debugDescription)"
        @unknown default: return "\(self)"
        }
    }
}

/// Reads one JSON file (a fixture file) as `T`; errors name the file and, for a document of the wrong shape, where in
/// it the problem is.
public func decodeJSONFile<T: Decodable>(_ type: T.Type, at url: URL) throws -> T {
    guard let data = FileManager.default.contents(atPath: url.path) else {
        throw ConfigurationError("cannot read \(url.path)")
    }
    do {
        return try JSONDecoder().decode(T.self, from: data)
    } catch let error as DecodingError {
        throw ConfigurationError("\(url.path): \(error.locationSummary)")
    }
}
