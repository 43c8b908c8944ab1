import Testing

/// A call a fake backend has no handler for. The test fails (recorded as an issue, whatever the command does with
/// the error), and the command gets an error, so nothing carries on as if the call had been answered.
struct UnmockedCall: Error, CustomStringConvertible {
    var function: String
    var description: String { "the test set no handler for \(function)" }
}

func unmocked(_ function: String) -> UnmockedCall {
    let call = UnmockedCall(function: function)
    Issue.record("unmocked backend call: \(function)")
    return call
}
