import ServiceCore

/// The booking database's schema history.
///
/// Unlike auth, version 1 is not the seed's schema: the seed stored show times as text and money as binary floats,
/// so there is nothing worth adopting. Rules the seed checked in code (or not at all) are constraints here: a seat is
/// sold at most once per showing (a partial unique index over the seats not released by a cancellation), a hold is
/// exclusive per (showing, seat) (the primary key), and deleting a theater with showings, a movie with showings or a
/// seat with bookings is refused by `ON DELETE RESTRICT`.
public enum BookingMigrations {
    public static let set = MigrationSet(service: "booking", migrations: [schema, searchOutbox, scrapeRuns, auditTrail, listCatalogueVersion, seatMapCatalogueVersion])

    /// mscli's maintenance audit trail (the table is defined once, in ServiceCore).
    static let auditTrail = AuditTrailMigration.migration(version: 4)

    /// The tables whose rows a user's bookings list shows beside the user's own bookings and booked seats.
    static let listedCatalogueTables = ["movies", "theaters", "showings", "seats"]

    /// A counter of changes to what a bookings list shows from the catalogue (a movie's title, a theater's name, a
    /// showing's times, a seat's number), part of the list's fingerprint (``BookingsFingerprintStatement``): a
    /// statement-level trigger bumps it on every update, delete or truncate of those tables. Inserts cannot change a
    /// list (a booking references rows that exist); no path that books seats writes these tables.
    static let listCatalogueVersion = Migration(
        version: 5,
        name: "list_catalogue_version",
        up: """
            CREATE TABLE booking_list_catalogue_version (
                singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                version bigint NOT NULL DEFAULT 0
            );
            INSERT INTO booking_list_catalogue_version DEFAULT VALUES;
            CREATE FUNCTION booking_list_catalogue_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE booking_list_catalogue_version SET version = version + 1;
                RETURN NULL;
            END $$;

            """ + listedCatalogueTables.map { table in
                """
                CREATE TRIGGER \(table)_list_version AFTER UPDATE OR DELETE OR TRUNCATE ON \(table)
                    FOR EACH STATEMENT EXECUTE FUNCTION booking_list_catalogue_changed();
                """
            }.joined(separator: "\n"),
        down: listedCatalogueTables.map { "DROP TRIGGER \($0)_list_version ON \($0);" }.joined(separator: "\n") + """

            DROP FUNCTION booking_list_catalogue_changed();
            DROP TABLE booking_list_catalogue_version;
            """
    )

    /// The same counter for what a showing's seat map shows from the catalogue (``SeatMapStatement``, its fingerprint
    /// ``SeatMapFingerprintStatement``): a seat map lists every seat of the theater and the showing's prices, so a seat
    /// inserted into a theater and any change to `showing_prices` change it too (version 5 counts neither: an insert
    /// cannot change a bookings list, and a list shows the price it was booked at).
    static let seatMapCatalogueVersion = Migration(
        version: 6,
        name: "seat_map_catalogue_version",
        up: """
            CREATE TRIGGER seats_map_version AFTER INSERT ON seats
                FOR EACH STATEMENT EXECUTE FUNCTION booking_list_catalogue_changed();
            CREATE TRIGGER showing_prices_map_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON showing_prices
                FOR EACH STATEMENT EXECUTE FUNCTION booking_list_catalogue_changed();
            """,
        down: """
            DROP TRIGGER showing_prices_map_version ON showing_prices;
            DROP TRIGGER seats_map_version ON seats;
            """
    )

    /// The tables whose rows are documents in the search engine; each has an outbox trigger (version 2).
    static let indexedTables = ["movies", "theaters", "showings", "bookings"]

    static let schema = Migration(
        version: 1,
        name: "booking_schema",
        up: """
            CREATE TYPE seat_type AS ENUM ('regular', 'premium', 'vip', 'recliner');
            CREATE TYPE booking_status AS ENUM ('pending', 'confirmed', 'cancelled', 'expired', 'refunded');

            CREATE TABLE theaters (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                name text NOT NULL CHECK (name <> ''),
                location text NOT NULL,
                description text,
                address text NOT NULL,
                city text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX theaters_city_idx ON theaters (lower(city));
            CREATE INDEX theaters_created_idx ON theaters (created_at, id);

            CREATE TABLE movies (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                title text NOT NULL CHECK (title <> ''),
                description text,
                duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
                genre varchar(100),
                director varchar(255),
                release_date date,
                rating double precision CHECK (rating BETWEEN 0 AND 10),
                language varchar(50),
                is_imax boolean NOT NULL DEFAULT false,
                poster_url varchar(255),
                trailer_url varchar(255),
                "cast" text[] NOT NULL DEFAULT '{}',
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX movies_created_idx ON movies (created_at, id);
            CREATE INDEX movies_title_idx ON movies (lower(title));

            CREATE TABLE showings (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                movie_id uuid NOT NULL REFERENCES movies ON DELETE RESTRICT,
                theater_id uuid NOT NULL REFERENCES theaters ON DELETE RESTRICT,
                show_start_datetime timestamptz NOT NULL,
                show_end_datetime timestamptz NOT NULL,
                available_seats integer NOT NULL CHECK (available_seats >= 0),
                is_active boolean NOT NULL DEFAULT true,
                expires_at timestamptz NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT showings_start_before_end CHECK (show_start_datetime < show_end_datetime),
                CONSTRAINT showings_one_per_slot UNIQUE (movie_id, theater_id, show_start_datetime)
            );
            CREATE INDEX showings_theater_start_idx ON showings (theater_id, show_start_datetime);
            CREATE INDEX showings_movie_start_idx ON showings (movie_id, show_start_datetime);
            CREATE INDEX showings_start_idx ON showings (show_start_datetime, id);
            CREATE INDEX showings_expires_idx ON showings (expires_at);

            -- What a seat of each type costs at one showing; exact decimals.
            CREATE TABLE showing_prices (
                showing_id uuid NOT NULL REFERENCES showings ON DELETE CASCADE,
                seat_type seat_type NOT NULL,
                price numeric(10, 2) NOT NULL CHECK (price >= 0),
                PRIMARY KEY (showing_id, seat_type)
            );

            -- Seats go with their theater (a theater can only be deleted once it has no showings, hence no bookings).
            CREATE TABLE seats (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                theater_id uuid NOT NULL REFERENCES theaters ON DELETE CASCADE,
                seat_number varchar(32) NOT NULL,
                "row" varchar(16) NOT NULL,
                "column" varchar(16) NOT NULL,
                seat_type seat_type NOT NULL DEFAULT 'regular',
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT uq_seats_theater_row_column UNIQUE (theater_id, "row", "column")
            );

            CREATE TABLE bookings (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                showing_id uuid NOT NULL REFERENCES showings ON DELETE RESTRICT,
                user_id uuid NOT NULL,
                booking_number text NOT NULL UNIQUE,
                total_price numeric(10, 2) NOT NULL CHECK (total_price >= 0),
                status booking_status NOT NULL DEFAULT 'confirmed',
                cancelled_at timestamptz,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX bookings_user_idx ON bookings (user_id, created_at DESC);
            CREATE INDEX bookings_showing_idx ON bookings (showing_id);
            CREATE INDEX bookings_created_idx ON bookings (created_at DESC, id);

            -- One row per seat sold. A cancellation sets released_at; the partial unique index is what makes
            -- selling a seat twice for one showing impossible, whatever the concurrency.
            CREATE TABLE booking_seats (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                booking_id uuid NOT NULL REFERENCES bookings ON DELETE CASCADE,
                showing_id uuid NOT NULL REFERENCES showings ON DELETE RESTRICT,
                seat_id uuid NOT NULL REFERENCES seats ON DELETE RESTRICT,
                price numeric(10, 2) NOT NULL CHECK (price >= 0),
                released_at timestamptz,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE UNIQUE INDEX booking_seats_sold_once ON booking_seats (showing_id, seat_id) WHERE released_at IS NULL;
            CREATE INDEX booking_seats_booking_idx ON booking_seats (booking_id);
            CREATE INDEX booking_seats_seat_idx ON booking_seats (seat_id);

            -- Exclusive, expiring holds: at most one per (showing, seat). An expired hold is ignored by every rule
            -- and replaced by the next hold on the seat.
            CREATE TABLE seat_holds (
                showing_id uuid NOT NULL REFERENCES showings ON DELETE CASCADE,
                seat_id uuid NOT NULL REFERENCES seats ON DELETE CASCADE,
                user_id uuid NOT NULL,
                expires_at timestamptz NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (showing_id, seat_id)
            );
            CREATE INDEX seat_holds_user_idx ON seat_holds (user_id, showing_id);
            CREATE INDEX seat_holds_expires_idx ON seat_holds (expires_at);
            """,
        down: """
            DROP TABLE seat_holds, booking_seats, bookings, seats, showing_prices, showings, movies, theaters;
            DROP TYPE booking_status;
            DROP TYPE seat_type;
            """
    )

    /// The search outbox: a statement-level trigger on every indexed table records which documents changed, in the
    /// same transaction as the change (bulk loads included). The service's indexer drains it; rows are kept for a day
    /// after they are indexed so `mscli reindex` can replay what happened while it was building.
    static let searchOutbox = Migration(
        version: 2,
        name: "search_outbox",
        up: """
            CREATE TABLE search_outbox (
                id bigserial PRIMARY KEY,
                index_name text NOT NULL,
                document_id uuid NOT NULL,
                -- the writing transaction: a reindex replays exactly the events its snapshot could not see
                txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
                created_at timestamptz NOT NULL DEFAULT now(),
                processed_at timestamptz,
                attempts integer NOT NULL DEFAULT 0,
                last_error text
            );
            CREATE INDEX search_outbox_pending_idx ON search_outbox (id) WHERE processed_at IS NULL;
            CREATE INDEX search_outbox_created_idx ON search_outbox (index_name, created_at);

            CREATE FUNCTION search_outbox_record() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    INSERT INTO search_outbox (index_name, document_id) SELECT TG_TABLE_NAME, id FROM old_rows;
                ELSE
                    INSERT INTO search_outbox (index_name, document_id) SELECT TG_TABLE_NAME, id FROM new_rows;
                END IF;
                RETURN NULL;
            END $$;

            """ + indexedTables.map { table in
                """
                CREATE TRIGGER \(table)_outbox_insert AFTER INSERT ON \(table)
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_record();
                CREATE TRIGGER \(table)_outbox_update AFTER UPDATE ON \(table)
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_record();
                CREATE TRIGGER \(table)_outbox_delete AFTER DELETE ON \(table)
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_record();
                """
            }.joined(separator: "\n") + """

            -- array_to_string is only STABLE in general; for text[] it cannot change, and an index needs IMMUTABLE.
            CREATE FUNCTION search_join_words(text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT array_to_string($1, ' ') $$;
            CREATE INDEX movies_search_idx ON movies USING gin (to_tsvector('simple',
                coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(genre, '') || ' '
                || coalesce(director, '') || ' ' || search_join_words("cast")));
            CREATE INDEX theaters_search_idx ON theaters USING gin (to_tsvector('simple',
                name || ' ' || coalesce(description, '') || ' ' || location || ' ' || address || ' ' || city));
            """,
        down: indexedTables.map { table in
            """
            DROP TRIGGER \(table)_outbox_insert ON \(table);
            DROP TRIGGER \(table)_outbox_update ON \(table);
            DROP TRIGGER \(table)_outbox_delete ON \(table);
            """
        }.joined(separator: "\n") + """

            DROP FUNCTION search_outbox_record();
            DROP TABLE search_outbox;
            DROP INDEX movies_search_idx;
            DROP INDEX theaters_search_idx;
            DROP FUNCTION search_join_words(text[]);
            """
    )

    /// Every run of the upcoming-IPO scraper (`GET /booking/scrap/upcoming_ipos`, `mscli scrape ipos`), failed ones
    /// included, and the rows each successful run found, so history and diffs come from the database.
    static let scrapeRuns = Migration(
        version: 3,
        name: "scrape_runs",
        up: """
            CREATE TABLE scrape_runs (
                id bigserial PRIMARY KEY,
                -- the page URL, or file: and the path of a saved page
                source text NOT NULL,
                started_at timestamptz NOT NULL,
                finished_at timestamptz NOT NULL,
                status text NOT NULL CHECK (status IN ('succeeded', 'failed')),
                row_count integer NOT NULL DEFAULT 0 CHECK (row_count >= 0),
                error text,
                CHECK ((status = 'failed') = (error IS NOT NULL)),
                CHECK (finished_at >= started_at)
            );
            CREATE INDEX scrape_runs_started_idx ON scrape_runs (started_at DESC, id DESC);
            CREATE INDEX scrape_runs_succeeded_idx ON scrape_runs (id DESC) WHERE status = 'succeeded';

            CREATE TABLE scrape_rows (
                run_id bigint NOT NULL REFERENCES scrape_runs ON DELETE CASCADE,
                position integer NOT NULL CHECK (position >= 0),
                company text NOT NULL,
                issue_date text NOT NULL,
                price_band text NOT NULL,
                issue_size text NOT NULL,
                gmp text NOT NULL,
                PRIMARY KEY (run_id, position)
            );
            """,
        down: """
            DROP TABLE scrape_rows;
            DROP TABLE scrape_runs;
            """
    )
}
