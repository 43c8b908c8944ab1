# shellcheck shell=bash
# The stack that bench-operator and bench-gateway measure, in one place: a private PostgreSQL with the auth and
# booking databases migrated and the booking fixtures seeded, auth-service and booking-service from release binaries,
# an admin logged in with mscli, and the nginx gateway in front. Source scripts/lib/infra.sh first, then call
# `bench_stack_up BINS`; it sets state, mscli, token, cookie, BOOKING_SERVICE_URL and GATEWAY_URL, and stops
# everything when the script exits.

bench_stack_up() {
    bins=$1
    state=$(mktemp -d "${TMPDIR:-/tmp}/msvc-bench.XXXXXX")
    bench_pids=()
    trap bench_stack_down EXIT
    infra_pg_start "$state"
    infra_pg_createdb "$state" auth_service
    infra_pg_createdb "$state" booking_service
    # shellcheck disable=SC1091
    . "$state/pg.env"
    export AUTH_DATABASE_URL=postgres://postgres:$PGPASSWORD@127.0.0.1:$PGPORT/auth_service
    export BOOKING_DATABASE_URL=postgres://postgres:$PGPASSWORD@127.0.0.1:$PGPORT/booking_service
    export XDG_CONFIG_HOME=$state/config MSCLI_HISTORY=$state/history
    bench_secret=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
    mscli=$bins/mscli
    "$mscli" migrate up auth >&2
    "$mscli" migrate up booking >&2
    "$mscli" seed --skip-users --skip-food >&2
    local auth_port booking_port
    auth_port=$(infra_free_port); booking_port=$(infra_free_port)
    bench_service auth-service "$auth_port" "$AUTH_DATABASE_URL"
    bench_service booking-service "$booking_port" "$BOOKING_DATABASE_URL"
    export AUTH_SERVICE_URL=http://127.0.0.1:$auth_port BOOKING_SERVICE_URL=http://127.0.0.1:$booking_port
    printf 'bench-password' | "$mscli" auth users create --maintenance --email bench@example.com --name Bench --role admin --password-stdin >/dev/null
    printf 'bench-password' | "$mscli" auth login --email bench@example.com --password-stdin >/dev/null 2>&1
    infra_nginx_start "$state" "127.0.0.1:$auth_port" "127.0.0.1:$booking_port" "127.0.0.1:$(infra_free_port)"
    # shellcheck disable=SC1091
    . "$state/nginx.env"
    token=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["token"])' "$state/config/mscli/sessions/default.json")
    cookie="Cookie: access_token=$token"
}

# bench_service NAME PORT DATABASE_URL [VAR=VALUE...]: a service from the release binaries in the background, with
# the given settings on top of the defaults below (scripts/bench-mixed runs two of each); waits for /health.
bench_service() {
    local name=$1 port=$2 database=$3
    shift 3
    DATABASE_URL=$database TOKEN_SECRET=$bench_secret LOG_LEVEL=warning COOKIE_SECURE=false BCRYPT_COST=4 SEARCH_INDEXER=false \
        env "$@" "$bins/$name" --port "$port" >"$state/$name-$port.log" 2>&1 &
    bench_pids+=($!)
    for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return; sleep 0.1; done
    infra_die "$name did not start (log: $state/$name-$port.log)"
}

bench_stack_down() {
    for p in "${bench_pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    infra_nginx_stop "$state" 2>/dev/null || true
    infra_pg_stop "$state"
    rm -rf "$state"
}
