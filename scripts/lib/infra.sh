# shellcheck shell=bash
# Local infrastructure for tests and the demo stack: one code path, sourced by scripts/stack and scripts/test.
# Every function is idempotent and prints what it does on stderr.

infra_log() { printf '[infra] %s\n' "$*" >&2; }
infra_die() { printf '[infra] error: %s\n' "$*" >&2; exit 1; }

# infra_install PKG... installs the Debian packages that are missing (apt-get update once, first).
infra_install() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || infra_die "missing packages ${missing[*]} and no apt-get to install them"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    infra_log "installing ${missing[*]}"
    $sudo apt-get update -qq >&2 || infra_die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
        || infra_die "apt-get install ${missing[*]} failed"
}

# infra_browser: headless Chromium, its WebDriver and Selenium (from PyPI) for the web client's browser tests; prints
# the chromedriver path.
infra_browser() {
    infra_install chromium chromium-driver python3-pip
    if ! python3 -c 'import selenium' >/dev/null 2>&1; then
        infra_log "installing selenium"
        python3 -m pip install --quiet selenium >&2 || infra_die "pip install selenium failed"
    fi
    [ -x /usr/bin/chromedriver ] || infra_die "/usr/bin/chromedriver not found (apt-get install chromium-driver)"
    echo /usr/bin/chromedriver
}

infra_pg_bindir() {
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$d" ] || infra_die "no PostgreSQL server binaries under /usr/lib/postgresql"
    echo "$d"
}

# infra_free_port prints a TCP port that nothing listens on at 127.0.0.1.
infra_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Runs a command as the cluster owner: PostgreSQL refuses to run as root.
infra_as_pg() {
    if [ "$(id -u)" -eq 0 ]; then
        su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
    else
        "$@"
    fi
}

# infra_pg_start DIR [--throwaway-no-durability]: a private cluster in DIR (created on first use) on a free 127.0.0.1
# port. Writes DIR/pg.env with PGHOST/PGPORT/PGUSER/PGPASSWORD and POSTGRES_ADMIN_URL; sourcing it connects to the
# cluster. The cluster keeps PostgreSQL's durable defaults (fsync, synchronous_commit, full_page_writes on), so the
# stack's and the benchmarks' databases survive a crash and benchmarks measure committed work. Only a cluster thrown
# away after the run (scripts/test's, and scripts/fuzz's own when it runs alone) may pass --throwaway-no-durability:
# fsync, synchronous_commit and full_page_writes off, faster, and after a crash of the machine or of PostgreSQL the
# data may be lost or corrupt.
infra_pg_start() {
    local dir=$1 bindir port pw durability=""
    case "${2:-}" in
        "") ;;
        --throwaway-no-durability) durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off" ;;
        *) infra_die "infra_pg_start: unknown option $2 (only --throwaway-no-durability)" ;;
    esac
    infra_install postgresql
    bindir=$(infra_pg_bindir)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ -f "$dir/pg.env" ] && infra_as_pg "$bindir/pg_ctl" -D "$dir/pgdata" status >/dev/null 2>&1; then
        infra_log "PostgreSQL already running in $dir"
        return 0
    fi
    if [ ! -f "$dir/pgdata/PG_VERSION" ]; then
        pw=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
        printf '%s\n' "$pw" > "$dir/pwfile"
        mkdir -p "$dir/pgdata" "$dir/sock"
        [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$dir/pgdata" "$dir/sock" "$dir/pwfile"
        # the cluster owner must be able to reach the directory
        chmod 755 "$dir"
        infra_log "initdb in $dir/pgdata"
        infra_as_pg "$bindir/initdb" -D "$dir/pgdata" -U postgres --pwfile="$dir/pwfile" \
            --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; infra_die "initdb failed"; }
        echo "$pw" > "$dir/password"
        rm -f "$dir/pwfile"
    fi
    pw=$(cat "$dir/password")
    port=$(infra_free_port)
    infra_log "starting PostgreSQL on 127.0.0.1:$port${durability:+ (throwaway: no fsync, not crash-safe)}"
    infra_as_pg "$bindir/pg_ctl" -D "$dir/pgdata" -l "$dir/pgdata/server.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $dir/sock -c max_connections=300 -c shared_buffers=512MB -c max_wal_size=4GB -c checkpoint_timeout=30min${durability:+ $durability}" \
        start >/dev/null || { tail -n 20 "$dir/pgdata/server.log" >&2; infra_die "PostgreSQL did not start"; }
    cat > "$dir/pg.env" <<ENV
export PGHOST=127.0.0.1
export PGPORT=$port
export PGUSER=postgres
export PGPASSWORD=$pw
export POSTGRES_ADMIN_URL=postgres://postgres:$pw@127.0.0.1:$port/postgres
ENV
    chmod 600 "$dir/pg.env"
}

infra_pg_stop() {
    local dir=$1 bindir
    [ -d "$dir/pgdata" ] || return 0
    bindir=$(infra_pg_bindir)
    if infra_as_pg "$bindir/pg_ctl" -D "$dir/pgdata" status >/dev/null 2>&1; then
        infra_log "stopping PostgreSQL in $dir"
        infra_as_pg "$bindir/pg_ctl" -D "$dir/pgdata" -m fast -w stop >/dev/null || true
    fi
}

infra_pg_running() {
    local dir=$1
    [ -d "$dir/pgdata" ] && infra_as_pg "$(infra_pg_bindir)/pg_ctl" -D "$dir/pgdata" status >/dev/null 2>&1
}

# infra_pg_createdb DIR NAME: creates the database if it does not exist.
infra_pg_createdb() {
    local dir=$1 name=$2
    # shellcheck disable=SC1091
    ( . "$dir/pg.env"
      if ! psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
          infra_log "creating database $name"
          psql -q -d postgres -c "CREATE DATABASE \"$name\"" >/dev/null
      fi )
}

# infra_search_start DIR: an in-memory OpenSearch-compatible server (osmem-server, from PyPI) on a free 127.0.0.1 port.
# Logs to DIR/search.log, pid in DIR/search.pid; writes DIR/search.env with SEARCH_URL; sourcing it points at the server.
infra_search_start() {
    local dir=$1 bin pid url="" i
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ -f "$dir/search.pid" ] && [ -f "$dir/search.env" ] && kill -0 "$(cat "$dir/search.pid")" 2>/dev/null; then
        infra_log "search server already running in $dir"
        return 0
    fi
    if ! python3 -c 'import osmem_server' >/dev/null 2>&1; then
        infra_log "installing osmem-server"
        python3 -m pip install --quiet osmem-server >&2 || infra_die "pip install osmem-server failed"
    fi
    bin=$(python3 -c 'import osmem_server; print(osmem_server.resolve_binary())') \
        || infra_die "osmem-server has no binary for this platform"
    rm -f "$dir/search.env"
    # port 0: the server picks a free port itself and prints its URL as the first JSON line on stdout
    "$bin" -addr 127.0.0.1:0 -no-stdin-watch >"$dir/search.log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" > "$dir/search.pid"
    for i in $(seq 1 200); do
        kill -0 "$pid" 2>/dev/null || { tail -n 20 "$dir/search.log" >&2; infra_die "search server exited during startup"; }
        if [ -z "$url" ]; then
            url=$(python3 -c '
import json, sys
for line in open(sys.argv[1], errors="replace"):
    try:
        msg = json.loads(line)
    except ValueError:
        continue
    if isinstance(msg, dict) and str(msg.get("url", "")).startswith("http://127.0.0.1:"):
        print(msg["url"]); break
' "$dir/search.log" 2>/dev/null || true)
        fi
        if [ -n "$url" ] && python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/", timeout=2).read()' "$url" >/dev/null 2>&1; then
            infra_log "search server on $url (pid $pid)"
            printf 'export SEARCH_URL=%s\nexport OSMEM_SERVER_BIN=%s\n' "$url" "$bin" > "$dir/search.env"
            return 0
        fi
        sleep 0.1
    done
    tail -n 20 "$dir/search.log" >&2
    kill "$pid" 2>/dev/null || true
    rm -f "$dir/search.pid"
    infra_die "search server did not answer within 20 s"
}

infra_search_stop() { infra_stop_pidfile "$1" search "search server"; }

# Redis: a private redis-server on a free 127.0.0.1 port, no persistence; writes $dir/redis.env (REDIS_URL and
# REDIS_SERVER_BIN, which tests use to start their own servers).
infra_redis_start() {
    local dir=$1 port pid bin i
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ -f "$dir/redis.pid" ] && [ -f "$dir/redis.env" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then
        infra_log "Redis already running in $dir"
        return 0
    fi
    bin=$(command -v redis-server || true)
    [ -n "$bin" ] || infra_die "redis-server not found (apt-get install redis-server)"
    port=$(infra_free_port)
    "$bin" --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
        --logfile "$dir/redis.log" --dir "$dir" </dev/null >/dev/null 2>&1 &
    pid=$!
    echo "$pid" > "$dir/redis.pid"
    for i in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || { tail -n 20 "$dir/redis.log" >&2; infra_die "redis-server exited during startup"; }
        if python3 -c 'import socket,sys; s=socket.create_connection(("127.0.0.1",int(sys.argv[1])),1); s.sendall(b"PING\r\n"); sys.exit(0 if s.recv(16).startswith(b"+PONG") else 1)' "$port" 2>/dev/null; then
            infra_log "Redis on 127.0.0.1:$port (pid $pid)"
            printf 'export REDIS_URL=redis://127.0.0.1:%s\nexport REDIS_SERVER_BIN=%s\n' "$port" "$bin" > "$dir/redis.env"
            return 0
        fi
        sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
    rm -f "$dir/redis.pid"
    infra_die "redis-server did not answer within 10 s"
}

infra_redis_stop() { infra_stop_pidfile "$1" redis Redis; }

# infra_nginx_start DIR AUTH BOOKING FOOD [PORT]: the gateway (deploy/nginx) on 127.0.0.1:PORT (default a free port) in
# front of the given instances (host:port lists, comma-separated); config, logs and temp files in DIR/nginx, pid in
# DIR/nginx.pid; writes DIR/nginx.env with GATEWAY_URL and NGINX_BIN.
infra_nginx_start() {
    local dir=$1 auth=$2 booking=$3 food=$4 port=${5:-} bin=/usr/sbin/nginx deploy pid i
    deploy=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../deploy/nginx" && pwd)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ -f "$dir/nginx.pid" ] && [ -f "$dir/nginx.env" ] && kill -0 "$(cat "$dir/nginx.pid")" 2>/dev/null; then
        infra_log "nginx already running in $dir"
        return 0
    fi
    infra_install nginx gettext-base
    [ -x "$bin" ] || infra_die "$bin not found (apt-get install nginx)"
    port=${port:-$(infra_free_port)}
    mkdir -p "$dir/nginx/tmp"
    "$deploy/render-gateway" "127.0.0.1:$port" "$auth" "$booking" "$food" > "$dir/nginx/gateway.conf" \
        || infra_die "could not render the gateway configuration"
    cp "$deploy/nginx.conf" "$dir/nginx/nginx.conf"
    # Started as root, nginx runs its workers as nobody, which must reach the temp directories.
    [ "$(id -u)" -eq 0 ] && chmod 755 "$dir" "$dir/nginx"
    local args=(-p "$dir/nginx/" -c "$dir/nginx/nginx.conf" -e "$dir/nginx/error.log" -g "daemon off; pid $dir/nginx/nginx.pid;")
    "$bin" -t -q "${args[@]}" >&2 || infra_die "nginx rejects $dir/nginx/gateway.conf"
    rm -f "$dir/nginx.env"
    # Only stdin, stdout and stderr reach nginx: a descriptor inherited from whoever ran this (Foundation's Process
    # watches one to see its child exit) would otherwise stay open as long as nginx runs.
    (
        for fd in $(ls /proc/$BASHPID/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done
        exec "$bin" "${args[@]}" </dev/null >>"$dir/nginx/error.log" 2>&1
    ) &
    pid=$!
    echo "$pid" > "$dir/nginx.pid"
    for i in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || { tail -n 20 "$dir/nginx/error.log" >&2; infra_die "nginx exited during startup"; }
        if python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2).read()' "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
            infra_log "gateway (nginx) on http://127.0.0.1:$port (pid $pid)"
            printf 'export GATEWAY_URL=http://127.0.0.1:%s\nexport NGINX_BIN=%s\n' "$port" "$bin" > "$dir/nginx.env"
            return 0
        fi
        sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
    rm -f "$dir/nginx.pid"
    infra_die "nginx did not answer within 10 s"
}

infra_nginx_stop() { infra_stop_pidfile "$1" nginx "gateway (nginx)"; }

# infra_stop_pidfile DIR NAME LABEL: stops the process in DIR/NAME.pid (TERM, then KILL after 5 s).
infra_stop_pidfile() {
    local dir=$1 name=$2 label=$3 pid
    [ -f "$dir/$name.pid" ] || return 0
    pid=$(cat "$dir/$name.pid")
    if kill -0 "$pid" 2>/dev/null; then
        infra_log "stopping $label (pid $pid)"
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/$name.pid"
}
