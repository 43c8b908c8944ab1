import ArgumentParser
import BookingService
import Foundation
import ServiceCore

/// `--price TYPE=AMOUNT` of `showings create` and `showings update`.
enum ShowingPrices {
    static func parse(_ texts: [String]) throws -> [String: Decimal] {
        var prices: [String: Decimal] = [:]
        for text in texts {
            let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let type = SeatType(rawValue: parts[0].lowercased()) else {
                throw ValidationError(
                    "--price \(text): expected TYPE=AMOUNT with TYPE one of \(SeatType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let amount = Decimal(string: parts[1], locale: Locale(identifier: "en_US_POSIX")),
                parts[1].allSatisfy({ $0.isNumber || $0 == "." })
            else { throw ValidationError("--price \(text): the amount must be a number from 0 to 99999999.99") }
            // The services' money rule and message.
            if let issue = FieldCheck.priceIssue(amount, at: []) { throw ValidationError("--price \(text): \(issue.msg)") }
            guard prices[type.rawValue] == nil else { throw ValidationError("--price \(type.rawValue) is given twice") }
            prices[type.rawValue] = amount
        }
        return prices
    }
}
