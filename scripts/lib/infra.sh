# shellcheck shell=bash
# Local infrastructure for the scripts (scripts/stack, scripts/test, scripts/fuzz, scripts/bench-*): PostgreSQL, Redis,
# the search server and the nginx gateway, each started by the one launcher below (infra_daemon) and stopped by the
# one stopper (infra_stop). Every function is idempotent and prints what it does on stderr.
#
# Who starts what (one way each, not two): the scripts' daemons (one shared set per scripts/test run or stack) come
# from here; every daemon a test starts for itself (the gateway in front of its own service processes, a search
# server or redis-server it stops mid-test) comes from Tests/TestSupport, in Swift, with ProcessRunner.Background.
# Tests need what a bash launcher cannot give them: a handle owned by the test (stopped in `defer`, tied to the test
# process by a watchdog or -parent-pid), the same port again after a stop, SIGKILL when the test times an outage, and
# no second language inside the test harness. So no test shells into this file; what both sides share is the daemons'
# configuration (deploy/nginx's render-gateway and nginx.conf) and command lines, not the process supervision. (A
# test's own PostgresCluster runs under pg_ctl: those tests exercise pg_ctl's stop and restart modes.)

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


# ---------------------------------------------------------------------------------------------------------------------
# The launcher

# infra_daemon DIR NAME LABEL LOG TIMEOUT PROBE [PROBE_ARG...] -- COMMAND [ARG...]
# Starts COMMAND detached (stdin /dev/null, stdout and stderr appended to LOG; no descriptor but 0-2
# inherited) and writes its pid to DIR/NAME.pid. Then runs `PROBE PROBE_ARG...` every 0.1 s until it succeeds; the
# probe sees the daemon's pid in $infra_daemon_pid. If COMMAND exits first, or TIMEOUT seconds pass, it prints the
# tail of LOG, stops whatever is left (infra_stop) and dies: no half-started daemon stays behind.
infra_daemon() {
    local dir=$1 name=$2 label=$3 log=$4 timeout=$5 probe=() pid deadline
    shift 5
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do probe+=("$1"); shift; done
    [ $# -gt 1 ] || infra_die "infra_daemon $name: no command after --"
    shift
    # Only stdin, stdout and stderr reach the daemon: a descriptor inherited from whoever ran this (Foundation's
    # Process watches one to see its child exit; a pipe from $(...)) would otherwise stay open as long as it runs.
    # SIGHUP ignored, as nohup does: closing the terminal that ran scripts/stack up leaves the stack running. Started
    # from a subshell that exits at once, so the daemon is not a child of the caller, as under pg_ctl: a caller's
    # bare `wait` (scripts/bench, scripts/fuzz's cleanup) waits for its own jobs, not for PostgreSQL to stop.
    (
        for fd in /proc/$BASHPID/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done
        trap '' HUP
        ( exec "$@" </dev/null >>"$log" 2>&1 ) &
        echo "$!" > "$dir/$name.pid"
    )
    pid=$(cat "$dir/$name.pid")
    infra_daemon_pid=$pid
    deadline=$((SECONDS + timeout))
    while :; do
        kill -0 "$pid" 2>/dev/null || { infra_daemon_failed "$dir" "$name" "$label" "$log" "exited during startup"; }
        if "${probe[@]}" >/dev/null 2>&1; then
            infra_log "$label started (pid $pid)"
            return 0
        fi
        [ "$SECONDS" -lt "$deadline" ] || infra_daemon_failed "$dir" "$name" "$label" "$log" "did not answer within $timeout s"
        sleep 0.1
    done
}

infra_daemon_failed() {
    local dir=$1 name=$2 label=$3 log=$4 why=$5
    tail -n 20 "$log" >&2
    INFRA_QUIET=1 infra_stop "$dir" "$name" "$label"
    infra_die "$label $why (log: $log)"
}

# infra_running DIR NAME: whether the process in DIR/NAME.pid is alive.
infra_running() { [ -f "$1/$2.pid" ] && kill -0 "$(cat "$1/$2.pid")" 2>/dev/null; }

# infra_stop DIR NAME LABEL [SIGNAL [GRACE]]: stops the process in DIR/NAME.pid with SIGNAL (default TERM), then KILL
# after GRACE seconds (default 5), and removes the pidfile. Nothing to do without a pidfile or a live process.
infra_stop() {
    local dir=$1 name=$2 label=$3 signal=${4:-TERM} grace=${5:-5} pid i
    [ -f "$dir/$name.pid" ] || return 0
    pid=$(cat "$dir/$name.pid")
    if kill -0 "$pid" 2>/dev/null; then
        [ -n "${INFRA_QUIET:-}" ] || infra_log "stopping $label (pid $pid)"
        kill "-$signal" "$pid" 2>/dev/null || true
        for ((i = 0; i < grace * 10; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then
            infra_log "$label (pid $pid) still running after $grace s: KILL"
            kill -KILL "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        fi
    fi
    rm -f "$dir/$name.pid"
}

# Readiness probes (each also checks, where the port was chosen before the start, that the listener is the daemon's
# own: a port already taken by someone else answers the probe but must not count as our daemon being up).

# infra_listens PID PORT: PID (or one of its children) listens on 127.0.0.1:PORT.
infra_listens() {
    local pids
    pids=$(ss -Hltnp "( sport = :$2 )" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2)
    grep -qx "$1" <<<"$pids" && return 0
    # nginx's workers share the master's socket; accept a child of PID too
    for p in $pids; do [ "$(ps -o ppid= -p "$p" 2>/dev/null | tr -d ' ')" = "$1" ] && return 0; done
    return 1
}
infra_probe_http() { curl -fsS -o /dev/null --max-time 2 "$1"; }
infra_probe_pg() { "$(infra_pg_bindir)/pg_isready" -q -h 127.0.0.1 -p "$1" -t 2 && infra_listens "$infra_daemon_pid" "$1"; }
infra_probe_redis() { [ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = PONG ] && infra_listens "$infra_daemon_pid" "$1"; }
infra_probe_nginx() { infra_probe_http "http://127.0.0.1:$1/health" && infra_listens "$infra_daemon_pid" "$1"; }
# The search server picks its own port (-addr 127.0.0.1:0) and prints its URL in a JSON line of its log.
infra_search_url() { grep -o '"url":"http://127\.0\.0\.1:[0-9]*"' "$1" 2>/dev/null | head -n 1 | cut -d'"' -f4; }
infra_probe_search() { local url; url=$(infra_search_url "$1") && [ -n "$url" ] && infra_probe_http "$url/"; }

# ---------------------------------------------------------------------------------------------------------------------
# The daemons

infra_pg_bindir() {
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$d" ] || infra_die "no PostgreSQL server binaries under /usr/lib/postgresql"
    echo "$d"
}

# infra_free_port prints a TCP port of 127.0.0.1 that no socket uses (listening or connected), below the kernel's
# ephemeral range so an outgoing connection does not take it meanwhile.
infra_free_port() {
    local used port
    used=$(ss -Htan 2>/dev/null | awk '{ n = split($4, a, ":"); print a[n] }' | sort -u)
    for _ in $(seq 1 200); do
        port=$((20000 + ${SRANDOM:-$RANDOM} % 12000))
        grep -qx "$port" <<<"$used" || { echo "$port"; return 0; }
    done
    infra_die "no free port found"
}

# infra_random_hex BYTES: a random secret, hex-encoded.
infra_random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; echo; }

# infra_pg_owner: the command prefix that runs a program as the cluster owner (PostgreSQL refuses to run as root);
# empty when not root. `setpriv` execs the program, so the postmaster keeps the launcher's pid (`su` would stay in
# between as its parent).
infra_pg_owner() { [ "$(id -u)" -eq 0 ] && echo setpriv --reuid=postgres --regid=postgres --init-groups; true; }

infra_as_pg() {
    # shellcheck disable=SC2046
    $(infra_pg_owner) "$@"
}

# infra_pg_start DIR [--throwaway-no-durability]: a private cluster in DIR (created on first use) on a free 127.0.0.1
# port. Writes DIR/pg.env with PGHOST/PGPORT/PGUSER/PGPASSWORD and POSTGRES_ADMIN_URL; sourcing it connects to the
# cluster. The cluster keeps PostgreSQL's durable defaults (fsync, synchronous_commit, full_page_writes on), so the
# stack's and the benchmarks' databases survive a crash and benchmarks measure committed work. Only a cluster thrown
# away after the run (scripts/test's, and scripts/fuzz's own when it runs alone) may pass --throwaway-no-durability:
# fsync, synchronous_commit and full_page_writes off, faster, and after a crash of the machine or of PostgreSQL the
# data may be lost or corrupt.
infra_pg_start() {
    local dir=$1 bindir port pw durability=()
    case "${2:-}" in
        "") ;;
        --throwaway-no-durability) durability=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off) ;;
        *) infra_die "infra_pg_start: unknown option $2 (only --throwaway-no-durability)" ;;
    esac
    infra_install postgresql
    bindir=$(infra_pg_bindir)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ -f "$dir/pg.env" ] && infra_pg_running "$dir"; then
        infra_log "PostgreSQL already running in $dir"
        return 0
    fi
    if [ ! -f "$dir/pgdata/PG_VERSION" ]; then
        pw=$(infra_random_hex 16)
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
    infra_log "starting PostgreSQL on 127.0.0.1:$port${durability[*]:+ (throwaway: no fsync, not crash-safe)}"
    # The postmaster itself in the foreground (not pg_ctl, which daemonizes it): its pid is the launcher's.
    infra_daemon "$dir" postgres "PostgreSQL on 127.0.0.1:$port" "$dir/pgdata/server.log" 60 infra_probe_pg "$port" -- \
        $(infra_pg_owner) "$bindir/postgres" -D "$dir/pgdata" -p "$port" -c listen_addresses=127.0.0.1 -k "$dir/sock" \
        -c max_connections=300 -c shared_buffers=512MB -c max_wal_size=4GB -c checkpoint_timeout=30min "${durability[@]}"
    cat > "$dir/pg.env" <<ENV
export PGHOST=127.0.0.1
export PGPORT=$port
export PGUSER=postgres
export PGPASSWORD=$pw
export POSTGRES_ADMIN_URL=postgres://postgres:$pw@127.0.0.1:$port/postgres
ENV
    chmod 600 "$dir/pg.env"
}

# SIGINT is PostgreSQL's fast shutdown (clients disconnected, a clean checkpoint); a minute before KILL.
infra_pg_stop() { infra_stop "$1" postgres PostgreSQL INT 60; }

infra_pg_running() { infra_running "$1" postgres; }

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
    local dir=$1 bin url
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ -f "$dir/search.env" ] && infra_running "$dir" search; then
        infra_log "search server already running in $dir"
        return 0
    fi
    if ! python3 -c 'import osmem_server' >/dev/null 2>&1; then
        infra_log "installing osmem-server"
        python3 -m pip install --quiet osmem-server >&2 || infra_die "pip install osmem-server failed"
    fi
    # The package knows where its binary for this platform is (no probe: a lookup in Python's own package).
    bin=$(python3 -c 'import osmem_server; print(osmem_server.resolve_binary())') \
        || infra_die "osmem-server has no binary for this platform"
    rm -f "$dir/search.env"
    : > "$dir/search.log"   # the probe reads the URL from this run's log only
    infra_daemon "$dir" search "search server" "$dir/search.log" 20 infra_probe_search "$dir/search.log" -- \
        "$bin" -addr 127.0.0.1:0 -no-stdin-watch
    url=$(infra_search_url "$dir/search.log")
    infra_log "search server on $url"
    printf 'export SEARCH_URL=%s\nexport OSMEM_SERVER_BIN=%s\n' "$url" "$bin" > "$dir/search.env"
}

infra_search_stop() { infra_stop "$1" search "search server"; }

# Redis: a private redis-server on a free 127.0.0.1 port, no persistence; logs to DIR/redis.log; writes DIR/redis.env
# (REDIS_URL and REDIS_SERVER_BIN, which tests use to start their own servers).
infra_redis_start() {
    local dir=$1 port bin
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ -f "$dir/redis.env" ] && infra_running "$dir" redis; then
        infra_log "Redis already running in $dir"
        return 0
    fi
    bin=$(command -v redis-server || true)
    [ -n "$bin" ] || infra_die "redis-server not found (apt-get install redis-server)"
    port=$(infra_free_port)
    rm -f "$dir/redis.env"
    infra_daemon "$dir" redis "Redis on 127.0.0.1:$port" "$dir/redis.log" 10 infra_probe_redis "$port" -- \
        "$bin" --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no --dir "$dir"
    printf 'export REDIS_URL=redis://127.0.0.1:%s\nexport REDIS_SERVER_BIN=%s\n' "$port" "$bin" > "$dir/redis.env"
}

infra_redis_stop() { infra_stop "$1" redis Redis; }

# infra_nginx_start DIR AUTH BOOKING FOOD [PORT]: the gateway (deploy/nginx) on 127.0.0.1:PORT (default a free port) in
# front of the given instances (host:port lists, comma-separated); config, logs and temp files in DIR/nginx, pid in
# DIR/nginx.pid; writes DIR/nginx.env with GATEWAY_URL and NGINX_BIN.
infra_nginx_start() {
    local dir=$1 auth=$2 booking=$3 food=$4 port=${5:-} bin=/usr/sbin/nginx deploy
    deploy=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../deploy/nginx" && pwd)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ -f "$dir/nginx.env" ] && infra_running "$dir" nginx; then
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
    infra_daemon "$dir" nginx "gateway (nginx) on http://127.0.0.1:$port" "$dir/nginx/error.log" 10 \
        infra_probe_nginx "$port" -- "$bin" "${args[@]}"
    printf 'export GATEWAY_URL=http://127.0.0.1:%s\nexport NGINX_BIN=%s\n' "$port" "$bin" > "$dir/nginx.env"
}

infra_nginx_stop() { infra_stop "$1" nginx "gateway (nginx)"; }
