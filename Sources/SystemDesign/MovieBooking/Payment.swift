import Foundation

public struct PaymentReceipt: Sendable, Hashable {
    public let reference: String
    public let method: String
    public let amount: Decimal
}

public enum PaymentError: Error, Sendable, Equatable {
    case invalidCard(String)
    case invalidUPIAddress(String)
    case declined(String)
}

/// How a booking is paid. Implementations validate their instrument and either charge or throw.
public protocol PaymentStrategy: Sendable {
    var name: String { get }
    func charge(_ amount: Decimal, reference: UUID) async throws(PaymentError) -> PaymentReceipt
}

/// A card, checked with the Luhn algorithm and its expiry before it is charged.
public struct CardPayment: PaymentStrategy {
    public let number: String
    public let expiry: DateComponents  // year and month
    public let clock: any DesignClock
    public var name: String { "card" }

    public init(number: String, expiryYear: Int, expiryMonth: Int, clock: any DesignClock = SystemClock()) {
        self.number = number.filter { !$0.isWhitespace && $0 != "-" }
        self.expiry = DateComponents(year: expiryYear, month: expiryMonth)
        self.clock = clock
    }

    public static func luhnValid(_ digits: String) -> Bool {
        guard (12...19).contains(digits.count), digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return false }
        var sum = 0
        for (index, char) in digits.reversed().enumerated() {
            var digit = char.wholeNumberValue!
            if index % 2 == 1 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return sum % 10 == 0
    }

    public func charge(_ amount: Decimal, reference: UUID) async throws(PaymentError) -> PaymentReceipt {
        guard Self.luhnValid(number) else { throw .invalidCard("card number fails the Luhn check") }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let today = calendar.dateComponents([.year, .month], from: clock.now)
        guard let year = expiry.year, let month = expiry.month, (1...12).contains(month),
            (year, month) >= (today.year!, today.month!)
        else { throw .invalidCard("card expired") }
        return PaymentReceipt(reference: "card-\(number.suffix(4))-\(reference.uuidString.prefix(8))", method: name, amount: amount)
    }
}

/// A UPI virtual payment address (`name@bank`).
public struct UPIPayment: PaymentStrategy {
    public let address: String
    public var name: String { "upi" }

    public init(address: String) { self.address = address }

    public static func validAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, (2...256).contains(parts[0].count), (2...64).contains(parts[1].count) else { return false }
        let allowed = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "-" || c == "_") }
        return parts[0].allSatisfy(allowed) && parts[1].allSatisfy { $0.isASCII && $0.isLetter }
    }

    public func charge(_ amount: Decimal, reference: UUID) async throws(PaymentError) -> PaymentReceipt {
        guard Self.validAddress(address) else { throw .invalidUPIAddress(address) }
        return PaymentReceipt(reference: "upi-\(reference.uuidString.prefix(8))", method: name, amount: amount)
    }
}

/// A gateway that refuses every charge: for tests and for simulating outages.
public struct DecliningPayment: PaymentStrategy {
    public let reason: String
    public var name: String { "declining" }
    public init(reason: String = "insufficient funds") { self.reason = reason }
    public func charge(_ amount: Decimal, reference: UUID) async throws(PaymentError) -> PaymentReceipt {
        throw .declined(reason)
    }
}
