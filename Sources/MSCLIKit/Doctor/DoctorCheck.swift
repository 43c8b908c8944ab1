import Foundation

/// One line of `mscli doctor`: what was checked, how it went, and the command that fixes it.
struct DoctorCheck: Codable, Sendable, Equatable {
    enum Status: String, Codable, Sendable {
        case ok, warn, fail, skip
    }

    var name: String
    var status: Status
    var detail: String
    var fix: String?
    var durationMs: Double?

    enum CodingKeys: String, CodingKey {
        case name, status, detail, fix
        case durationMs = "duration_ms"
    }

    static func ok(_ name: String, _ detail: String) -> DoctorCheck { DoctorCheck(name: name, status: .ok, detail: detail) }
    static func skip(_ name: String, _ detail: String, fix: String? = nil) -> DoctorCheck {
        DoctorCheck(name: name, status: .skip, detail: detail, fix: fix)
    }
    static func warn(_ name: String, _ detail: String, fix: String? = nil) -> DoctorCheck {
        DoctorCheck(name: name, status: .warn, detail: detail, fix: fix)
    }
    static func fail(_ name: String, _ detail: String, fix: String? = nil) -> DoctorCheck {
        DoctorCheck(name: name, status: .fail, detail: detail, fix: fix)
    }
}

enum DoctorReport {
    /// The checklist for a terminal: a mark, the name, what was found; the fix indented below a failure or warning.
    static func checklist(_ checks: [DoctorCheck]) -> String {
        let width = (checks.map(\.name.count).max() ?? 0) + 2
        var lines: [String] = []
        for check in checks {
            let mark =
                switch check.status {
                case .ok: "✔"
                case .warn: "!"
                case .fail: "✘"
                case .skip: "-"
                }
            let took = check.durationMs.map { String(format: " (%.0f ms)", $0) } ?? ""
            lines.append("\(mark) \(check.name.padding(toLength: width, withPad: " ", startingAt: 0))\(check.detail)\(took)")
            if let fix = check.fix, check.status != .ok { lines.append("    fix: \(fix)") }
        }
        let failed = checks.filter { $0.status == .fail }.count
        let warned = checks.filter { $0.status == .warn }.count
        lines.append("")
        lines.append(
            failed == 0 && warned == 0
                ? "All \(checks.filter { $0.status == .ok }.count) checks passed"
                    + (checks.contains { $0.status == .skip } ? " (some skipped: not configured)" : "")
                : "\(failed) failed, \(warned) warning(s), \(checks.filter { $0.status == .ok }.count) passed")
        return lines.joined(separator: "\n")
    }
}
