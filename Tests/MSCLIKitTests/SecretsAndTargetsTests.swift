import Foundation
import Testing

@testable import MSCLIKit

@Suite struct SecretsTests {
    @Test func masksThePasswordOfEveryURLInFreeText() {
        let text = "cannot reach postgres://ops:Pl4nted@db:5432/auth (and redis://:Pl4nted@cache:6379/0, http://u:Pl4nted@search:9200)"
        let masked = Secrets.mask(text)
        #expect(!masked.contains("Pl4nted"), "\(masked)")
        #expect(masked.contains("postgres://ops:***@db:5432/auth"))
        #expect(masked.contains("redis://:***@cache:6379/0"))
    }

    @Test func masksURLsWhoseSlashesJSONEscaped() {
        #expect(Secrets.mask(#"{"url":"postgres:\/\/ops:Pl4nted@db:5432\/x"}"#) == #"{"url":"postgres:\/\/ops:***@db:5432\/x"}"#)
    }

    @Test func masksConnectionStringPasswords() {
        #expect(Secrets.mask("host=db password=Pl4nted dbname=x") == "host=db password=*** dbname=x")
        #expect(!Secrets.mask("host=db password='a b Pl4nted' dbname=x").contains("Pl4nted"))
    }

    @Test func masksEachURLOfASettingList() {
        let value = "postgres://ops:s0@h0:5432/f0, postgres://ops:s1@h1:5432/f1"
        #expect(Secrets.setting(value) == "postgres://ops:***@h0:5432/f0,postgres://ops:***@h1:5432/f1")
        #expect(Secrets.setting("http://127.0.0.1:8000") == "http://127.0.0.1:8000")
    }

    @Test func masksTokens() {
        #expect(Secrets.mask("token eyJhbGciOiJIUzI1NiJ9.abc in a line", hiding: ["eyJhbGciOiJIUzI1NiJ9.abc"]) == "token *** in a line")
    }

    @Test func leavesTextWithoutSecretsAlone() {
        #expect(Secrets.mask("Created theater PVR (1234) in 127.0.0.1:5432/booking_service") == "Created theater PVR (1234) in 127.0.0.1:5432/booking_service")
        #expect(Secrets.mask("user@example.com") == "user@example.com")
    }
}

@Suite struct TargetsTests {
    @Test func namesADatabaseAsHostPortDatabase() {
        #expect(Targets.database(url: "postgres://ops:secret@127.0.0.1:5432/auth_service?sslmode=disable") == "127.0.0.1:5432/auth_service")
        #expect(Targets.database(url: "postgresql://db.internal/booking") == "db.internal:5432/booking")
    }

    @Test func namesAServiceByItsURLWithoutUserInfo() {
        #expect(Targets.service("http://admin:secret@127.0.0.1:8003/") == "http://127.0.0.1:8003")
    }

    @Test func aSessionBelongsToTheAuthServiceThatIssuedIt() {
        #expect(CommandContext.sameService("http://127.0.0.1:8000/", "HTTP://127.0.0.1:8000"))
        #expect(!CommandContext.sameService("http://127.0.0.1:8000", "https://auth.staging.example"))
    }
}
