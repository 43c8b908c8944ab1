import Testing

@testable import ServiceCore

@Suite struct SQLScriptTests {
    @Test func splitsOnSemicolonsOutsideQuotesAndComments() {
        let script = """
            -- leading comment; with a semicolon
            CREATE TABLE a (x text DEFAULT 'a;b''c');
            /* block ; /* nested ; */ still comment */
            INSERT INTO "we;ird" VALUES (E'it\\'s;');
            CREATE FUNCTION f() RETURNS int AS $fn$ BEGIN RETURN 1; END $fn$ LANGUAGE plpgsql;
            DO $$ BEGIN PERFORM 1; END $$;
            SELECT $1;
            """
        let statements = SQLScript.statements(in: script)
        #expect(statements.count == 5, "\(statements)")
        #expect(statements[0].hasSuffix("DEFAULT 'a;b''c')"))
        #expect(statements[1].contains("INSERT INTO \"we;ird\" VALUES (E'it\\'s;')"))
        #expect(statements[2].contains("RETURN 1; END $fn$ LANGUAGE plpgsql"))
        #expect(statements[3] == "DO $$ BEGIN PERFORM 1; END $$")
        #expect(statements[4] == "SELECT $1")
    }

    @Test func dropsEmptyAndCommentOnlyStatements() {
        #expect(SQLScript.statements(in: ";;\n-- nothing\n;  ").isEmpty)
        #expect(SQLScript.statements(in: "SELECT 1") == ["SELECT 1"])
    }
}
