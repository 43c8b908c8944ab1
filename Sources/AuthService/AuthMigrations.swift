import ServiceCore

/// The auth database's schema history. Version 1 is the seed system's schema exactly as its `create_all` built it,
/// so a seed database can be adopted with `mscli migrate baseline auth --to 1` and then brought forward with `up`.
public enum AuthMigrations {
    public static let set = MigrationSet(service: "auth", migrations: [seedSchema, rolesAndAccountState, revocableSessions, auditTrail])

    /// mscli's maintenance audit trail (the table is defined once, in ServiceCore).
    static let auditTrail = AuditTrailMigration.migration(version: 4)

    static let seedSchema = Migration(
        version: 1,
        name: "seed_users",
        up: """
            CREATE TYPE role AS ENUM ('SUPER_ADMIN', 'ADMIN', 'USER', 'MODERATOR');
            CREATE TABLE users (
                id uuid PRIMARY KEY,
                email varchar(255) NOT NULL,
                hashed_password varchar(255) NOT NULL,
                name varchar(255) NOT NULL,
                role role NOT NULL
            );
            CREATE INDEX ix_users_id ON users (id);
            CREATE UNIQUE INDEX ix_users_email ON users (email);
            """,
        down: """
            DROP TABLE users;
            DROP TYPE role;
            """,
        adoptionCheck: """
            SELECT to_regclass('users') IS NOT NULL
               AND EXISTS (SELECT 1 FROM pg_type WHERE typname = 'role')
               AND (SELECT count(*) FROM information_schema.columns
                    WHERE table_name = 'users' AND column_name IN ('id', 'email', 'hashed_password', 'name', 'role')) = 5
            """
    )

    /// Roles stored as the API speaks them; e-mail addresses unique regardless of case (the seed let `A@x.com` and
    /// `a@x.com` be two users); accounts that can be disabled; timestamps kept by the database.
    static let rolesAndAccountState = Migration(
        version: 2,
        name: "roles_and_account_state",
        up: """
            ALTER TYPE role RENAME VALUE 'SUPER_ADMIN' TO 'super_admin';
            ALTER TYPE role RENAME VALUE 'ADMIN' TO 'admin';
            ALTER TYPE role RENAME VALUE 'USER' TO 'user';
            ALTER TYPE role RENAME VALUE 'MODERATOR' TO 'moderator';
            ALTER TABLE users
                ALTER COLUMN id SET DEFAULT gen_random_uuid(),
                ALTER COLUMN role SET DEFAULT 'user',
                ADD COLUMN disabled_at timestamptz,
                ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
                ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
                ADD CONSTRAINT users_email_not_blank CHECK (btrim(email) <> '');
            -- the primary key already indexes id
            DROP INDEX ix_users_id;
            -- fails, naming the duplicates, if a seed database holds the same address in two cases
            DROP INDEX ix_users_email;
            CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
            CREATE INDEX users_role_idx ON users (role) WHERE disabled_at IS NULL;
            """,
        down: """
            DROP INDEX users_role_idx;
            DROP INDEX users_email_lower_key;
            CREATE UNIQUE INDEX ix_users_email ON users (email);
            CREATE INDEX ix_users_id ON users (id);
            ALTER TABLE users
                DROP CONSTRAINT users_email_not_blank,
                DROP COLUMN updated_at,
                DROP COLUMN created_at,
                DROP COLUMN disabled_at,
                ALTER COLUMN role DROP DEFAULT,
                ALTER COLUMN id DROP DEFAULT;
            ALTER TYPE role RENAME VALUE 'moderator' TO 'MODERATOR';
            ALTER TYPE role RENAME VALUE 'user' TO 'USER';
            ALTER TYPE role RENAME VALUE 'admin' TO 'ADMIN';
            ALTER TYPE role RENAME VALUE 'super_admin' TO 'SUPER_ADMIN';
            """
    )

    /// Revocable sessions: each user's session version (tokens carry it as `sv`; a token below the current version
    /// is refused) and the revocation feed the other services read (`GET /auth/sessions/revocations`): one row per
    /// logged-out token (`jti`) or per version change (`min_version`), kept until every token it refuses has expired.
    static let revocableSessions = Migration(
        version: 3,
        name: "revocable_sessions",
        up: """
            ALTER TABLE users ADD COLUMN session_version integer NOT NULL DEFAULT 0;
            CREATE TABLE session_revocations (
                seq bigserial PRIMARY KEY,
                user_id uuid NOT NULL,
                jti text,
                min_version integer,
                expires_at timestamptz NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT session_revocations_one_kind CHECK ((jti IS NULL) <> (min_version IS NULL))
            );
            CREATE INDEX session_revocations_expires_idx ON session_revocations (expires_at);
            """,
        down: """
            DROP TABLE session_revocations;
            ALTER TABLE users DROP COLUMN session_version;
            """
    )
}
