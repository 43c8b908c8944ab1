import Foundation
import HTTPTypes
import ServiceCore
import Testing

@testable import MSCLIKit

/// Exit codes are a contract scripts branch on: what each error becomes (``ErrorClassifier``) and the codes themselves.
@Suite struct ExitStatusTests {
    @Test func theCodesAreStable() {
        #expect(MSCLIKit.ExitStatus.allCases.map(\.rawValue) == [0, 1, 2, 3, 4, 5, 64, 130])
    }

    /// `mscli --help` lists every code (its text is written by hand next to the enum).
    @Test func theRootHelpListsEveryCode() {
        let help = MSCLI.helpMessage(columns: 1000).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let line = help.components(separatedBy: "Exit codes:").dropFirst().first?.prefix(400) ?? ""
        for status in MSCLIKit.ExitStatus.allCases {
            #expect((";" + line).contains("; \(status.rawValue) "), "\(status) missing from: \(line)")
        }
    }

    @Test(arguments: [
        (200, MSCLIKit.ExitStatus.success), (204, .success), (299, .success),
        (400, .refused), (401, .refused), (403, .refused), (404, .refused), (409, .refused), (413, .refused), (422, .refused),
        (429, .refused), (499, .refused),
        (500, .failure), (501, .failure), (502, .unreachable), (503, .unreachable), (504, .unreachable), (505, .failure),
        (302, .failure),
    ])
    func httpStatuses(code: Int, status: MSCLIKit.ExitStatus) {
        #expect(ErrorClassifier.status(forHTTP: code) == status)
    }

    struct Other: Error, CustomStringConvertible {
        var description: String
    }

    @Test(arguments: [
        (CLIError("kept as it is", status: .pending) as any Error, "kept as it is", MSCLIKit.ExitStatus.pending),
        (APIError.notFound("Theater not found") as any Error, "Theater not found", .refused),
        (APIError(.serviceUnavailable, "database unavailable") as any Error, "database unavailable", .unreachable),
        (ConfigurationError("TOKEN_SECRET must be set") as any Error, "TOKEN_SECRET must be set", .usage),
        (CancellationError() as any Error, "interrupted", .interrupted),
        (Other(description: "something else") as any Error, "something else", .failure),
        // A password in any message is masked, whoever wrote it.
        (CLIError("cannot reach postgres://ops:Pl4nted@db:5432/auth", status: .unreachable) as any Error, "cannot reach postgres://ops:***@db:5432/auth", .unreachable),
        (Other(description: "at redis://:Pl4nted@cache:6379/0") as any Error, "at redis://:***@cache:6379/0", .failure),
    ])
    func classification(error: any Error, message: String, status: MSCLIKit.ExitStatus) {
        let failure = ErrorClassifier.classify(error)
        #expect(failure.message == message)
        #expect(failure.status == status)
    }

    /// Validation issues become one line: each as `field: message`, the body/query/path prefix dropped.
    @Test func validationIssuesOnOneLine() {
        let error = APIError(validation: [
            ValidationIssue(type: "too_long", loc: ["body", "name"], msg: "String should have at most 200 characters"),
            ValidationIssue(type: "missing", loc: ["query", "showing", "id"], msg: "Field required"),
            ValidationIssue(type: "value_error", loc: ["body"], msg: "Body must change at least one field"),
        ])
        #expect(error.cliMessage == "name: String should have at most 200 characters; showing.id: Field required; Body must change at least one field")
        #expect(ErrorClassifier.classify(error).status == .refused)
    }
}
