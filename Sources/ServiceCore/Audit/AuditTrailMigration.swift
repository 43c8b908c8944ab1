/// The maintenance audit trail's table, one definition shared by the three services' migration sets: every database
/// mscli can change directly (auth, booking, the food primary and each order shard) carries its own trail.
///
/// mscli writes a `started` row before a maintenance command touches the database and an `ok` or `failed` row with
/// the same `action_id` afterwards, so a command that dies half-way still leaves its `started` row.
///
/// Append-only is the database's rule, not a convention: a statement trigger refuses UPDATE, DELETE and TRUNCATE for
/// every role but a superuser who drops the trigger first (which is itself visible in the schema).
public enum AuditTrailMigration {
    public static let table = "mscli_audit"

    /// The migration at `version` of a service's set. Its `down` keeps the table: reverting a schema must not erase the
    /// record of who reverted it, so `up` is written to run again over a table that is already there.
    public static func migration(version: Int64) -> Migration {
        Migration(version: version, name: "maintenance_audit_trail", up: up, down: down)
    }

    static let up = """
        CREATE TABLE IF NOT EXISTS mscli_audit (
            id bigserial PRIMARY KEY,
            -- one mscli command run: its started row and its outcome row share this
            action_id uuid NOT NULL,
            at timestamptz NOT NULL DEFAULT clock_timestamp(),
            phase text NOT NULL CHECK (phase IN ('started', 'ok', 'failed')),
            -- who: the operating-system user and host mscli ran as and on
            os_user text NOT NULL,
            host text NOT NULL,
            -- the command's path (`auth users create`) and its whole line with passwords and tokens masked
            command text NOT NULL,
            command_line text NOT NULL,
            -- host:port/database of this database, as mscli reached it
            target text NOT NULL,
            exit_code integer,
            message text,
            CHECK ((phase = 'started') = (exit_code IS NULL)),
            CHECK (phase <> 'ok' OR exit_code = 0),
            CHECK (phase <> 'failed' OR exit_code <> 0)
        );
        CREATE INDEX IF NOT EXISTS mscli_audit_at_idx ON mscli_audit (at DESC);
        CREATE INDEX IF NOT EXISTS mscli_audit_action_idx ON mscli_audit (action_id);
        CREATE OR REPLACE FUNCTION mscli_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'mscli_audit is append-only: % is not allowed', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END
        $$;
        DROP TRIGGER IF EXISTS mscli_audit_append_only ON mscli_audit;
        CREATE TRIGGER mscli_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON mscli_audit
            FOR EACH STATEMENT EXECUTE FUNCTION mscli_audit_refuse_change();
        """

    static let down = """
        -- The audit trail outlives a revert (see AuditTrailMigration): nothing to undo.
        SELECT 1;
        """
}
