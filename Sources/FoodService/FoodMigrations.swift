import ServiceCore

/// The food database's schema history, applied alike to the primary database and to every order shard.
///
/// Layout when sharded: the catalogue (categories, restaurants, foods, menu items) lives on the primary database;
/// orders, their lines, idempotency keys and status history live on the shard chosen by the ordering user's id. The
/// schema is the same everywhere so one migration set (and `mscli migrate up food`) covers every database; the
/// tables a database does not use simply stay empty. Order lines copy the menu item's name, restaurant and price
/// when ordered, so an order never reaches across databases (and a later price change does not rewrite history).
public enum FoodMigrations {
    public static let set = MigrationSet(service: "food", migrations: [schema, shardLayout, auditTrail])

    /// mscli's maintenance audit trail (the table is defined once, in ServiceCore), on the primary and every shard.
    static let auditTrail = AuditTrailMigration.migration(version: 3)

    static let schema = Migration(
        version: 1,
        name: "food_schema",
        up: """
            CREATE TABLE categories (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                name varchar(100) NOT NULL CHECK (name <> ''),
                slug varchar(100) NOT NULL CHECK (slug <> ''),
                description text CHECK (description IS NULL OR length(description) BETWEEN 1 AND 500),
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX categories_created_idx ON categories (created_at DESC, id DESC);
            CREATE INDEX categories_slug_idx ON categories (slug);

            CREATE TABLE restaurants (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                name varchar(100) NOT NULL CHECK (name <> ''),
                description text,
                address text NOT NULL,
                restaurant_type varchar(100) NOT NULL,
                image_url text,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX restaurants_created_idx ON restaurants (created_at DESC, id DESC);
            CREATE INDEX restaurants_name_idx ON restaurants (lower(name));

            CREATE TABLE foods (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                name varchar(100) NOT NULL CHECK (name <> ''),
                description text,
                price numeric(10,2) NOT NULL CHECK (price >= 0),
                image_url text,
                is_vegetarian boolean NOT NULL DEFAULT false,
                category_id uuid NOT NULL REFERENCES categories (id) ON DELETE RESTRICT,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX foods_created_idx ON foods (created_at DESC, id DESC);
            CREATE INDEX foods_category_idx ON foods (category_id);

            CREATE TABLE menu_items (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                restaurant_id uuid NOT NULL REFERENCES restaurants (id) ON DELETE RESTRICT,
                food_id uuid NOT NULL REFERENCES foods (id) ON DELETE RESTRICT,
                category_id uuid NOT NULL REFERENCES categories (id) ON DELETE RESTRICT,
                price numeric(10,2) NOT NULL CHECK (price >= 0),
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT menu_items_unique UNIQUE (restaurant_id, food_id, category_id)
            );
            CREATE INDEX menu_items_created_idx ON menu_items (created_at DESC, id DESC);
            CREATE INDEX menu_items_food_idx ON menu_items (food_id);
            CREATE INDEX menu_items_category_idx ON menu_items (category_id);

            CREATE TABLE orders (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                user_id uuid NOT NULL,
                restaurant_id uuid NOT NULL,
                order_number varchar(16) NOT NULL UNIQUE,
                total_price numeric(12,2) NOT NULL CHECK (total_price >= 0),
                status text NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'confirmed', 'preparing', 'ready', 'delivered', 'cancelled', 'refunded')),
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX orders_created_idx ON orders (created_at DESC, id DESC);
            CREATE INDEX orders_user_idx ON orders (user_id, created_at DESC, id DESC);
            CREATE INDEX orders_restaurant_idx ON orders (restaurant_id, created_at DESC, id DESC);

            CREATE TABLE order_lines (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
                position smallint NOT NULL,
                menu_id uuid NOT NULL,
                name varchar(100) NOT NULL,
                unit_price numeric(10,2) NOT NULL CHECK (unit_price >= 0),
                quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 100),
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE UNIQUE INDEX order_lines_order_idx ON order_lines (order_id, position);

            CREATE TABLE order_status_history (
                order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
                from_status text,
                to_status text NOT NULL,
                changed_by uuid NOT NULL,
                changed_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX order_status_history_order_idx ON order_status_history (order_id, changed_at);

            -- A retried POST /food/orders with the same Idempotency-Key returns the first order. The key row is
            -- written in the order's transaction, so two racing retries meet at this primary key.
            CREATE TABLE idempotency_keys (
                user_id uuid NOT NULL,
                key varchar(255) NOT NULL,
                request_hash text NOT NULL,
                order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
                created_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (user_id, key)
            );
            CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
            """,
        down: """
            DROP TABLE idempotency_keys;
            DROP TABLE order_status_history;
            DROP TABLE order_lines;
            DROP TABLE orders;
            DROP TABLE menu_items;
            DROP TABLE foods;
            DROP TABLE restaurants;
            DROP TABLE categories;
            """)

    /// Which sharded layout each database belongs to (see ``ShardLayoutRecord``): every database gets its own id
    /// here; the layout's rows are written when a sharded layout is first used.
    static let shardLayout = Migration(
        version: 2,
        name: "shard_layout",
        up: """
            -- This database's identity, generated once: a shard is known by it, whatever URL reaches it.
            CREATE TABLE food_database_identity (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                singleton boolean NOT NULL DEFAULT true UNIQUE CHECK (singleton)
            );
            INSERT INTO food_database_identity DEFAULT VALUES;

            -- On the primary, role 'layout': one row per shard, in order. On a shard, role 'member': its own place.
            CREATE TABLE food_shard_layout (
                role text NOT NULL CHECK (role IN ('layout', 'member')),
                shard_index integer NOT NULL CHECK (shard_index >= 0),
                layout_id uuid NOT NULL,
                shard_count integer NOT NULL CHECK (shard_count > shard_index),
                database_id uuid NOT NULL,
                recorded_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (role, shard_index)
            );
            CREATE UNIQUE INDEX food_shard_layout_one_membership ON food_shard_layout (role) WHERE role = 'member';
            """,
        down: """
            DROP TABLE food_shard_layout;
            DROP TABLE food_database_identity;
            """)
}
