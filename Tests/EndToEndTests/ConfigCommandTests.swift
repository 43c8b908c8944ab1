import Foundation
import Testing
import TestSupport

/// `mscli config list` never prints a password: not in a single database URL, not in the comma-separated shard list
/// (it once did, table and JSON alike), not in a Redis URL.
@Suite(.tags(.endToEnd)) struct ConfigCommandTests {
    @Test func listShowsNoPasswords() async throws {
        try await EndToEnd.run { e2e in
            let settings = [
                ("auth_database_url", "postgres://ops:first-secret@db.internal:5432/auth_service"),
                ("food_shard_urls", "postgres://ops:shard-secret-0@s0:5432/f0, postgres://ops:shard-secret-1@s1:5432/f1"),
                ("redis_url", "redis://:redis-secret@cache:6379/0"),
                ("booking_url", "http://booking.internal:8003"),
            ]
            for (key, value) in settings {
                let set = try await e2e.mscli("config", "set", key, value, "--profile", "prod")
                #expect(set.status == 0, "\(set)")
            }
            for format in ["table", "json", "yaml"] {
                let list = try await e2e.mscli("config", "list", "-o", format)
                #expect(list.status == 0, "\(list)")
                for secret in ["first-secret", "shard-secret-0", "shard-secret-1", "redis-secret"] {
                    #expect(!list.stdout.contains(secret), "\(format) shows \(secret):\n\(list.stdout)")
                }
                #expect(list.stdout.contains("s1:5432/f1") && list.stdout.contains("booking.internal"), "\(format):\n\(list.stdout)")
            }
            // Asked for by name it is masked too; --reveal prints the stored value, for scripts that need it.
            let get = try await e2e.mscli("config", "get", "redis_url", "--profile", "prod")
            #expect(get.stdout == "redis://:***@cache:6379/0\n", "\(get)")
            let revealed = try await e2e.mscli("config", "get", "redis_url", "--reveal", "--profile", "prod")
            #expect(revealed.stdout == "redis://:redis-secret@cache:6379/0\n", "\(revealed)")
            // A search URL lives in a profile too.
            #expect(try await e2e.mscli("config", "set", "search_url", "http://elastic:search-secret@search:9200", "--profile", "prod").status == 0)
            let withSearch = try await e2e.mscli("config", "list", "-o", "json")
            #expect(withSearch.stdout.contains("search:9200") && !withSearch.stdout.contains("search-secret"), "\(withSearch)")
        }
    }
}
