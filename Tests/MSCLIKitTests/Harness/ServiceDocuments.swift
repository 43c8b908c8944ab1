import BookingService
import Foundation

@testable import MSCLIKit

/// Values as the services send them: each built from the service's JSON document and decoded the way mscli's HTTP
/// backends decode a reply (``ServiceHTTPClient/decoder``), so a fake answers exactly what the wire would carry.
enum ServiceDocuments {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try ServiceHTTPClient.decoder.decode(type, from: Data(json.utf8))
    }

    static func theater(id: UUID = UUID(), name: String, city: String, location: String = "Centre") throws -> Theater {
        try decode(
            Theater.self,
            """
            {"id": "\(id.uuidString.lowercased())", "name": "\(name)", "location": "\(location)", "description": null,
             "address": "1 Road", "city": "\(city)", "created_at": "2026-01-02T03:04:05Z", "updated_at": "2026-01-02T03:04:05.250Z"}
            """)
    }

    static func seatMapEntry(id: UUID = UUID(), theater: UUID, number: String, state: String = "free") throws -> SeatMapEntry {
        let row = String(number.prefix(1))
        return try decode(
            SeatMapEntry.self,
            """
            {"seat": {"id": "\(id.uuidString.lowercased())", "theater_id": "\(theater.uuidString.lowercased())",
                      "seat_number": "\(number)", "row": "\(row)", "column": "\(number.dropFirst())", "seat_type": "regular",
                      "created_at": "2026-01-02T03:04:05Z", "updated_at": "2026-01-02T03:04:05Z"},
             "state": "\(state)", "price": 180}
            """)
    }
}
