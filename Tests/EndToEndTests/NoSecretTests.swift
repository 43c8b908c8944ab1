import Foundation
import Testing
import TestSupport

/// Secrets never print (issue 13): a recognisable password is planted in every setting that can hold one (each
/// database URL, the shard list, Redis, the search URL's user info, MSCLI_TOKEN, the stored session's token), then
/// every leaf command mscli's own help lists runs in table, JSON and YAML, over HTTP and in maintenance mode, from
/// exported variables and from a profile, against targets that are not there. No stdout or stderr may hold it.
@Suite(.tags(.endToEnd, .heavy)) struct NoSecretTests {
    static let planted = "Pl4ntedSecretXYZ"

    /// Every leaf command, found by walking `mscli --help` (so a new command cannot be missed), with its help.
    static func leaves(_ e2e: EndToEnd, _ path: [String] = []) async throws -> [(path: [String], usage: String)] {
        let help = try await e2e.mscli(path + ["--help"])
        #expect(help.status == 0, "\(path): \(help)")
        let lines = help.stdout.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "SUBCOMMANDS:") else {
            return [(path, help.stdout)]
        }
        var found: [(path: [String], usage: String)] = []
        for line in lines[(start + 1)...] {
            guard line.hasPrefix("  "), let name = line.split(separator: " ").first.map(String.init) else {
                if line.trimmingCharacters(in: .whitespaces).isEmpty { break }
                continue  // an abstract wrapped onto the next line
            }
            guard line.hasPrefix("  \(name)"), name != "help" else { continue }
            found += try await leaves(e2e, path + [name])
        }
        return found
    }

    /// Arguments that get a leaf command past parsing, found by asking the parser: each "Missing expected argument"
    /// is filled with a plausible value (a UUID for ids, `auth` for a service, a number where one is needed) until
    /// the command runs (against `env`'s unreachable targets). `--timeout 1` keeps a watch short.
    static func arguments(_ path: [String], usage: String, _ e2e: EndToEnd, env: [String: String]) async throws -> [String] {
        var arguments: [String] = usage.contains("--timeout <") ? ["--timeout", "1"] : []
        for _ in 0..<8 {
            let probe = try await ProcessRunner.run(
                Binaries.path("mscli"), path + arguments, environment: e2e.environment.merging(env) { $1 }, input: "", timeout: 20)
            guard probe.status == 64, let range = probe.stderr.range(of: "Missing expected argument '") else { break }
            let missing = probe.stderr[range.upperBound...].prefix { $0 != "'" }
            let words = missing.split(separator: " ").map(String.init)
            if let option = words.first, option.hasPrefix("-") {
                arguments += [option, value(for: words.dropFirst().first ?? "<value>", option: option)]
            } else {
                arguments.append(value(for: String(missing), option: nil))
            }
        }
        return arguments
    }

    static func value(for placeholder: String, option: String?) -> String {
        let name = placeholder.trimmingCharacters(in: CharacterSet(charactersIn: "<>.")).lowercased()
        switch name {
        case "service": return "auth"
        case "to", "rows", "seats-per-row", "scale", "limit", "count": return "1"
        case "price", "total-price", "duration-minutes": return "10"
        case "email": return "nobody@example.com"
        case "role": return "user"
        case "status": return "confirmed"
        case "name", "title", "location", "address", "city": return "Planted Check"
        case "password": return planted
        case "key": return "output"
        case "shell": return "bash"
        case "start", "end": return "2030-01-01T10:00:00Z"
        default: return "00000000-0000-4000-8000-000000000001"
        }
    }

    @Test func noCommandPrintsAPlantedSecret() async throws {
        try await EndToEnd.run { base in
            var e2e = base
            e2e.exportsTargets = false
            let dead = "127.0.0.1:\(ProcessRunner.freePort())"
            let database = { (name: String) in "postgres://ops:\(Self.planted)@\(dead)/\(name)" }
            let settings: [EndToEnd.ProfileSetting: String] = [
                .authURL: "http://\(dead)", .bookingURL: "http://\(dead)", .foodURL: "http://\(dead)",
                .authDatabaseURL: database("auth_service"), .bookingDatabaseURL: database("booking_service"),
                .foodDatabaseURL: database("food_service"), .foodShardURLs: database("food_shard_0") + "," + database("food_shard_1"),
                .redisURL: "redis://:\(Self.planted)@\(dead)/0", .searchURL: "http://elastic:\(Self.planted)@\(dead)",
            ]
            try await e2e.profile("planted", settings)
            let exported = [
                "AUTH_SERVICE_URL": settings[.authURL]!, "BOOKING_SERVICE_URL": settings[.bookingURL]!, "FOOD_SERVICE_URL": settings[.foodURL]!,
                "AUTH_DATABASE_URL": settings[.authDatabaseURL]!, "BOOKING_DATABASE_URL": settings[.bookingDatabaseURL]!,
                "FOOD_DATABASE_URL": settings[.foodDatabaseURL]!, "FOOD_SHARD_DATABASE_URLS": settings[.foodShardURLs]!,
                "REDIS_URL": settings[.redisURL]!, "ELASTICSEARCH_URL": settings[.searchURL]!,
            ]
            // The stored session of the profile, issued by its (dead) auth service.
            let sessions = e2e.home.appendingPathComponent("config/mscli/sessions")
            let session = """
                {"auth_url": "http://\(dead)", "email": "ops@example.com", "role": "admin", "token": "\(Self.planted).session", \
                "user_id": "00000000-0000-4000-8000-000000000002", "expires_at": "2099-01-01T00:00:00Z"}
                """
            func plantSession() throws {
                try FileManager.default.createDirectory(at: sessions, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                let file = sessions.appendingPathComponent("planted.json")
                FileManager.default.createFile(atPath: file.path, contents: Data(session.utf8), attributes: [.posixPermissions: 0o600])
            }

            let leaves = try await Self.leaves(e2e)
            #expect(leaves.count > 60, "the help walk found \(leaves.map { $0.path.joined(separator: " ") })")
            #expect(leaves.contains { $0.path == ["migrate", "down"] } && leaves.contains { $0.path == ["food", "orders", "watch"] })

            // Each leaf: from exported variables (MSCLI_TOKEN too) and from the profile (its stored session), over HTTP
            // and in maintenance mode, in every output format.
            let ipo = ["IPO_PAGE_URL": "http://\(dead)/ipo", "IPO_FETCH_TIMEOUT_SECONDS": "1"]
            var runs: [(String, [String], [String: String])] = []
            // `auth token` exists to print the session token for other tools (as `gh auth token` does): the one
            // command whose result is a secret. It is checked on its own below: the token on stdout, nothing else.
            for leaf in leaves where leaf.path != ["auth", "token"] {
                let arguments = leaf.path + (try await Self.arguments(leaf.path, usage: leaf.usage, e2e, env: exported))
                for format in ["table", "json", "yaml"] {
                    for maintenance in [[], ["--maintenance"]] {
                        let common = arguments + ["-o", format] + maintenance
                        var fromEnvironment = exported.merging(ipo) { $1 }
                        fromEnvironment["MSCLI_TOKEN"] = "\(Self.planted).token"
                        runs.append(("environment", common, fromEnvironment))
                        runs.append(("profile", common + ["-p", "planted"], ipo))
                    }
                }
            }
            runs.append(("profile", ["config", "get", "auth_database_url", "-p", "planted"], [:]))
            runs.append(("profile", ["config", "list", "-o", "json"], [:]))
            runs.append(("profile", ["doctor", "-p", "planted"], [:]))
            runs.append(("environment", ["doctor", "-o", "yaml"], exported))
            runs.append(("environment", ["theaters", "list"], ["MSCLI_DEBUG": "1"].merging(exported) { $1 }))

            let runner = e2e
            var leaks: [String] = []
            var ran = 0
            try await withThrowingTaskGroup(of: (String, [String], ProcessResult).self) { group in
                var pending = runs[...]
                func next() throws {
                    guard let (mode, arguments, env) = pending.popFirst() else { return }
                    try plantSession()
                    group.addTask {
                        (mode, arguments, try await ProcessRunner.run(
                            Binaries.path("mscli"), arguments, environment: runner.environment.merging(env) { $1 }, input: "", timeout: 20))
                    }
                }
                for _ in 0..<4 { try next() }
                while let (mode, arguments, result) = try await group.next() {
                    ran += 1
                    if (result.stdout + result.stderr).contains(Self.planted) {
                        leaks.append("[\(mode)] mscli \(arguments.joined(separator: " ")):\n\(result)")
                    }
                    try next()
                }
            }
            #expect(leaves.contains { $0.path == ["auth", "token"] })
            let token = try await ProcessRunner.run(
                Binaries.path("mscli"), ["auth", "token"],
                environment: runner.environment.merging(exported) { $1 }.merging(["MSCLI_TOKEN": "\(Self.planted).token"]) { $1 }, input: "")
            #expect(token.status == 0 && token.stdout == "\(Self.planted).token\n" && !token.stderr.contains(Self.planted), "\(token)")
            #expect(ran == runs.count)
            #expect(leaks.isEmpty, "\(leaks.count) of \(ran) runs print the planted secret:\n\(leaks.prefix(5).joined(separator: "\n\n"))")
        }
    }
}
