# shellcheck shell=bash
# scripts/test's passes, chosen by the suites' Swift Testing tags (Tests/TestSupport/Tags.swift), not by lists of
# suite names. Sourced by scripts/test; `bash scripts/lib/test-passes.sh [BINDIR]` prints each pass's suites without
# running anything (BINDIR: default `swift build --show-bin-path`).
#
# Swift 6.3.1's `swift test` cannot select by tag: `--filter tag:NAME` and `--skip tag:NAME` are plain regular
# expressions over test IDs there (they match nothing), and `swift test list` (or the bundle's --list-tests) ignores
# --filter and --skip. What the toolchain does give: the test bundle's --list-tests run writes swift-testing's event
# stream, whose experimental fields (SWT_EXPERIMENTAL_EVENT_STREAM_FIELDS_ENABLED) carry each suite's and test's
# tags. So the tags are read from the built bundle itself, and a pass is a --filter anchored on the IDs of the
# top-level suites that carry (or lack) its tags.

# passes_catalogue BINDIR: "UNIT<TAB>tag,tag" for every top-level suite (or free test function) of the built test
# bundle, with the tags declared on it. Fails if a scheduling tag sits on a test or a nested suite instead: passes
# take whole top-level suites, so such a tag would schedule nothing.
passes_catalogue() {
    local bundle events status=0
    bundle=$(ls -d "$1"/*PackageTests.xctest 2>/dev/null | head -n 1)
    [ -n "$bundle" ] || infra_die "no test bundle in $1 (swift build --build-tests first)"
    events=$(mktemp)
    SWT_EXPERIMENTAL_EVENT_STREAM_FIELDS_ENABLED=1 "$bundle" --testing-library swift-testing --list-tests \
        --event-stream-output-path "$events" --event-stream-version 0 >/dev/null 2>&1 \
        || { rm -f "$events"; infra_die "could not list the tests of $bundle"; }
    jq -r 'select(.kind == "test") | .payload | [.id, ((._tags // []) | map(ltrimstr(".")) | join(","))] | @tsv' \
        "$events" | awk -F'\t' -v pass_tags="$passes_tags" '
        { id[NR] = $1; tags[$1] = $2; known[$1] = 1 }
        END {
            split(pass_tags, p, ","); for (i in p) scheduling[p[i]] = 1
            for (n = 1; n <= NR; n++) {
                # the unit: the shortest "/"-prefix of the ID that is itself a suite or test
                k = split(id[n], part, "/"); unit = part[1]
                for (j = 2; j <= k && !(unit in known); j++) unit = unit "/" part[j]
                if (unit == id[n]) { print unit "\t" tags[unit]; continue }
                m = split(tags[id[n]], t, ",")
                for (j = 1; j <= m; j++) if (t[j] in scheduling) {
                    printf "tag .%s on %s: put it on its top-level suite %s\n", t[j], id[n], unit > "/dev/stderr"; bad = 1
                }
            }
            exit bad
        }' | sort || status=$?
    rm -f "$events"
    [ "$status" -eq 0 ] || infra_die "scheduling tags below a top-level suite (see above)"
}

# The tags that move a suite out of the first (in-process, parallel) pass, each into a pass of its own kind.
passes_tags=endToEnd,timed,heavy,browser,redis

# passes_units CATALOGUE WITH [WITHOUT]: the units carrying tag WITH (any unit when empty) and none of the
# comma-separated tags WITHOUT, one per line.
passes_units() {
    awk -F'\t' -v with="$2" -v without="${3:-}" '
        { split($2, t, ","); delete has; for (i in t) has[t[i]] = 1
          if (with != "" && !(with in has)) next
          n = split(without, w, ","); for (i = 1; i <= n; i++) if (w[i] in has) next
          print $1 }' <<<"$1"
}

# passes_filter UNIT...: the --filter expression that selects exactly these units (and everything in them).
passes_filter() {
    local units
    units=$(printf '%s\n' "$@" | sed 's/[][\.*^$(){}+?|]/\\&/g' | paste -sd '|')
    printf '^(%s)(/|$)' "$units"
}

# passes_check CATALOGUE: the suites whose pass follows from their target must carry its tag, so that one that forgets
# it fails here instead of silently running in the parallel pass: every suite of EndToEndTests (.endToEnd), of
# RedisClientTests and RateLimitingTests (.redis). A suite may carry at most one of the tags that run it on its own
# (.timed, .heavy, .browser, .redis): with two, it would run twice.
passes_check() {
    local missing
    missing=$(awk -F'\t' '
        { split($2, t, ","); delete has; for (i in t) has[t[i]] = 1; alone = 0
          for (i in t) if (t[i] ~ /^(timed|heavy|browser|redis)$/) alone++
          if ($1 ~ /^EndToEndTests\./ && !("endToEnd" in has)) print $1 ": every EndToEndTests suite needs .tags(.endToEnd)"
          if ($1 ~ /^(RedisClientTests|RateLimitingTests)\./ && !("redis" in has)) print $1 ": needs .tags(.redis)"
          if (alone > 1) print $1 ": at most one of .timed, .heavy, .browser, .redis" }' <<<"$1")
    [ -z "$missing" ] || { printf '%s\n' "$missing" >&2; infra_die "suites without their scheduling tag (Tests/TestSupport/Tags.swift)"; }
}

# passes_run LABEL UNIT...: `swift test` over exactly these units; a pass no suite carries the tag of is skipped (an
# empty --filter would select everything).
passes_run() {
    local label=$1
    shift
    if [ $# -eq 0 ]; then infra_log "pass $label: no suite carries its tag, skipped"; return 0; fi
    infra_log "pass $label: $# suite(s)"
    swift test --skip-build --filter "$(passes_filter "$@")"
}

# passes_plan CATALOGUE: every pass of scripts/test in order, as "LABEL<TAB>UNIT" lines (one per unit): the one place
# that says which pass takes which tags.
passes_plan() {
    local unit
    # The in-process suites (services on HummingbirdTesting, the pure rules, mscli's unit tests) first, then the
    # end-to-end suites (each runs the built binaries, several processes at a time): together, the binaries' load
    # pushed in-process requests past their one-second database deadline.
    passes_units "$1" "" "$passes_tags" | sed 's/^/in-process\t/'
    passes_units "$1" endToEnd "timed,heavy,browser,redis" | sed 's/^/end-to-end\t/'
    # Fault-tolerance suites measure timings (drains, outages, throttling windows, failovers) of a second or two with
    # several processes each: each runs in a pass of its own, after the rest, so the parallel suite does not starve them.
    for unit in $(passes_units "$1" timed); do printf 'timed %s\t%s\n' "${unit#*.}" "$unit"; done
    # Heavy suites, each alone: NoSecretTests runs every mscli command about a thousand times (each format, mode and
    # source of settings) with four processes at a time; BookingConcurrencyTests fires 240 bookings at once at two
    # booking-service processes: beside two dozen other end-to-end suites, requests pass the service's one-second
    # database deadline and answer 503.
    for unit in $(passes_units "$1" heavy); do printf 'heavy %s\t%s\n' "${unit#*.}" "$unit"; done
    # Two headless Chromium sessions take most of the machine for twenty seconds: on their own, not beside the rest.
    passes_units "$1" browser | sed 's/^/browser\t/'
    # The RESP client's and the limiters' tests measure timeouts and windows of a few hundred milliseconds against
    # their own redis-server processes: on their own, so the rest of the suite does not starve them.
    passes_units "$1" redis | sed 's/^/redis\t/'
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    # shellcheck source=infra.sh
    . "$(dirname "$0")/infra.sh"
    catalogue=$(passes_catalogue "${1:-$(cd "$(dirname "$0")/../.." && swift build --show-bin-path)}")
    passes_check "$catalogue"
    passes_plan "$catalogue"
fi
