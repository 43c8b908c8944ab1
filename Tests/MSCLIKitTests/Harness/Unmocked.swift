import Testing

/// A call a fake backend has no handler for.
struct UnmockedCall: Error, CustomStringConvertible {
    var function: String
    var description: String { "the test set no handler for \(function)" }
}

/// What a fake backend's method answers: its handler's answer to the arguments, or, when the test set no handler, a
/// failed test (recorded as an issue, whatever the command does with the error) and an ``UnmockedCall`` thrown so
/// nothing carries on as if the call had been answered (swiftly's mocks `fatalError` instead).
func answer<each Argument, Result>(
    _ handler: (@Sendable (repeat each Argument) async throws -> Result)?, _ argument: repeat each Argument,
    function: String = #function
) async throws -> Result {
    guard let handler else {
        Issue.record("unmocked backend call: \(function)")
        throw UnmockedCall(function: function)
    }
    return try await handler(repeat each argument)
}
