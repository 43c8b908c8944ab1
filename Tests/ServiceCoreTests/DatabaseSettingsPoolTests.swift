import Testing

@testable import ServiceCore

/// `pool_max` and `pool_min` in a database URL: a fixed-size pool unless `pool_min` says otherwise, and sizes out of
/// range refused as an invalid URL (never handed to PostgresNIO).
@Suite struct DatabaseSettingsPoolTests {
    @Test func thePoolIsFixedSizeUnlessPoolMinIsSet() throws {
        let plain = try DatabaseSettings(url: "postgres://u:p@h:5432/db")
        #expect(plain.maximumConnections == 10 && plain.minimumConnections == 10)
        let sized = try DatabaseSettings(url: "postgres://u:p@h/db?pool_max=4")
        #expect(sized.maximumConnections == 4 && sized.minimumConnections == 4)
        let lean = try DatabaseSettings(url: "postgres://u:p@h/db?pool_max=12&pool_min=1")
        #expect(lean.maximumConnections == 12 && lean.minimumConnections == 1)
        #expect(try DatabaseSettings(url: "postgres://u:p@h/db?pool_min=0").minimumConnections == 0)
        let seed = try DatabaseSettings.fromEnvironment(["POSTGRES_HOST": "db"], defaultDatabase: "auth_service")
        #expect(seed.minimumConnections == seed.maximumConnections)
        #expect(seed.clientConfiguration.options.minimumConnections == 10)
    }

    @Test func sizesOutOfRangeAreInvalidURLs() {
        for query in ["pool_max=0", "pool_max=-1", "pool_max=1001", "pool_max=x", "pool_min=-1", "pool_min=1001", "pool_max=2&pool_min=3", "pool_min=\u{0}"] {
            #expect(throws: DatabaseSettings.InvalidURL.self, "\(query)") { try DatabaseSettings(url: "postgres://u:p@h/db?\(query)") }
        }
    }
}
