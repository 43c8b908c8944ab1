import Foundation
import Synchronization

@testable import MSCLIKit

/// A ``ConsoleIO`` that keeps what a command writes, stdout and stderr apart, and answers its reads from `input`
/// (a prompt with no line left reads end of input, as a closed stdin would).
final class CapturingConsole: ConsoleIO {
    private struct State {
        var stdout = ""
        var stderr = ""
        var input: [String]
    }

    private let state: Mutex<State>

    init(input: [String] = []) {
        state = Mutex(State(input: input))
    }

    var stdout: String { state.withLock { $0.stdout } }
    var stderr: String { state.withLock { $0.stderr } }

    func write(_ text: String, toStandardError: Bool) {
        state.withLock { state in
            if toStandardError { state.stderr += text } else { state.stdout += text }
        }
    }

    func readLine() -> String? {
        state.withLock { state in state.input.isEmpty ? nil : state.input.removeFirst() }
    }
}

/// What a fake backend was asked, in order: handlers run on whatever task the command runs them on.
final class Calls<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])

    func record(_ value: Value) {
        values.withLock { $0.append(value) }
    }

    var all: [Value] { values.withLock { $0 } }
}
