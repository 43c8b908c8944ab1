import Foundation
import Synchronization

/// A one-line progress bar on stderr, redrawn in place at most ten times a second, only when stderr is a terminal
/// (scripts and CI logs get the summary line the command prints instead).
final class ProgressBar: Sendable {
    private struct State {
        var lastDraw = ContinuousClock.now - .seconds(1)
        var drawn = false
        var started = ContinuousClock.now
    }

    private let enabled: Bool
    private let state = Mutex(State())

    init(console: Console, enabled: Bool = isatty(2) == 1) {
        self.enabled = enabled
    }

    func update(label: String, done: Int, total: Int) {
        guard enabled else { return }
        let line: String? = state.withLock { state in
            let now = ContinuousClock.now
            if done == 0 { state.started = now }
            guard now - state.lastDraw >= .milliseconds(100) || done >= total else { return nil }
            state.lastDraw = now
            state.drawn = true
            let fraction = total > 0 ? min(Double(done) / Double(total), 1) : 1
            let width = 30
            let filled = Int(fraction * Double(width))
            let elapsed = Double((now - state.started).components.seconds) + Double((now - state.started).components.attoseconds) / 1e18
            let rate = elapsed > 0 ? Double(done) / elapsed : 0
            return String(
                format: "\r%@ [%@%@] %3.0f%% %d/%d %.0f/s\u{1B}[K", label, String(repeating: "=", count: filled),
                String(repeating: " ", count: width - filled), fraction * 100, done, total, rate)
        }
        if let line { Console.write(line, to: STDERR_FILENO) }
    }

    /// Ends the bar's line so the next output starts on a fresh one.
    func finish() {
        guard enabled else { return }
        let drawn = state.withLock { state in
            defer { state.drawn = false }
            return state.drawn
        }
        if drawn { Console.write("\n", to: STDERR_FILENO) }
    }
}
