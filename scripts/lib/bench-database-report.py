#!/usr/bin/env python3
"""scripts/bench-database's report: the table of its wrk runs, its pgbench lines, then one PASS/FAIL line per target of
issue 15. Usage: bench-database-report.py STATE_DIR BOOKINGS_BYTES ORDERS_BYTES SEATS_SOLD SEATS_SOLD_TWICE, where
STATE_DIR holds each run's output as NAME.txt (wrk --latency, or pgbench)."""
import re, sys
state, bookings_bytes, orders_bytes, sold, twice = sys.argv[1], *map(int, sys.argv[2:])

def wrk(name):
    """req/s, p50 and p99 in ms, non-2xx answers and socket errors of one wrk run, and its rate of 2xx answers."""
    text = open(f"{state}/{name}.txt").read()
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    latency = {p: float(v) * scale[u] for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)}
    found = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    bad = int(found.group(1)) if found else 0
    socket = re.search(r"Socket errors: (.*)", text)
    errors = sum(int(n) for n in re.findall(r"\d+", socket.group(1))) if socket else 0
    total = int(re.search(r"(\d+) requests in", text).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    good = rps * (total - bad) / total if total else 0.0
    return {"rps": rps, "p50": latency.get("50", float("nan")), "p99": latency.get("99", float("nan")),
            "bad": bad, "errors": errors, "good": good}

def pgbench(name):
    """tps (without the connections' set-up) and the mean latency in ms of one pgbench run."""
    text = open(f"{state}/{name}.txt").read()
    tps = re.search(r"tps = ([\d.]+) \(without initial connection time\)", text)   # absent when nothing committed
    mean = re.search(r"latency average = ([\d.]+) ms", text)
    return float(tps.group(1)) if tps else 0.0, float(mean.group(1)) if mean else float("nan")

runs = [("GET /health (auth, baseline, no database)", "health"),
        ("GET /auth/user_details (USER_CACHE_SECONDS=0)", "user-details"),
        ("  the same through PostgresNIO (baseline, no pipeline)", "user-details-postgresnio"),
        (f"GET /booking/bookings/ (10 bookings, 20 seats, {bookings_bytes} B)", "bookings"),
        ("  the same without the user list cache (baseline)", "bookings-uncached"),
        (f"GET /food/orders/ (10 orders, {orders_bytes} B)", "orders"),
        ("  the same without the user list cache (baseline)", "orders-uncached"),
        ("POST /booking/bookings/ (distinct seats, default pool of 10)", "book"),
        ("  the same, pool of 32 (pgbench -N's concurrency)", "book-same-concurrency"),
        ("GET /booking/movies/ (across cache expiry)", "movies"),
        ("GET /booking/theaters/ (across cache expiry)", "theaters"),
        ("GET /booking/showings/ (across cache expiry)", "showings"),
        ("GET /food/restaurants/ (across cache expiry)", "restaurants"),
        ("GET /food/menu/ (across cache expiry)", "menu")]
r = {name: wrk(name) for _, name in runs}
print(f"\n{'run':<58} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
for label, name in runs:
    x = r[name]
    errors = f"  ({x['errors']} socket errors)" if x["errors"] else ""
    print(f"{label:<58} {x['rps']:>8.0f} {x['p50']:>8.2f} {x['p99']:>8.2f} {x['bad']:>8}{errors}")
select_tps, select_ms = pgbench("pgbench-select")
update_tps, update_ms = pgbench("pgbench-update")
print(f"\npgbench, the user_details SELECT (-M prepared, 32 clients): {select_tps:>8.0f} tps, mean latency {select_ms:.2f} ms")
print(f"pgbench -N (simple update, durable, 32 clients):           {update_tps:>8.0f} tps, mean latency {update_ms:.2f} ms")
print(f"bookings: {sold} seats sold (20 of them the listed user's), {twice} sold twice\n")

def verdict(ok, text):
    print(f"{'PASS' if ok else 'FAIL'}  {text}")

def answers(x):
    """The non-2xx/socket-error part of a verdict: empty when the run had none."""
    return "" if not (x["bad"] or x["errors"]) else f", {x['bad']} non-2xx, {x['errors']} socket errors (target 0)"

def rate(value, target):
    """A rate for a verdict: whole numbers, but one decimal when rounding would show a miss as the target itself."""
    return f"{value:.1f}" if value < target and round(value) >= target else f"{value:.0f}"

def clean(x):
    return x["bad"] == 0 and x["errors"] == 0

x, share = r["user-details"], 100 * r["user-details"]["rps"] / r["health"]["rps"]
verdict(x["rps"] >= 15000 and x["p99"] <= 5 and share >= 40 and clean(x) and clean(r["health"]),
        f"GET /auth/user_details (cache off): {rate(x['rps'], 15000)} req/s (target >= 15,000), p99 {x['p99']:.2f} ms (target <= 5), "
        f"{share:.1f}% of /health (target >= 40%){answers(x)}{answers(r['health'])}")
for label, name in (("GET /booking/bookings/ (10 bookings)", "bookings"), ("GET /food/orders/ (10 orders)", "orders")):
    x = r[name]
    verdict(x["rps"] >= 5000 and x["p99"] <= 20 and clean(x),
            f"{label}: {rate(x['rps'], 5000)} req/s (target >= 5,000), p99 {x['p99']:.2f} ms (target <= 20){answers(x)}")
x, default = r["book-same-concurrency"], r["book"]
share = 100 * x["good"] / update_tps if update_tps else float("nan")
default_share = 100 * default["good"] / update_tps if update_tps else float("nan")
verdict(share >= 50 and twice == 0 and clean(x) and clean(default),
        f"POST /booking/bookings/ (32 connections to PostgreSQL, as pgbench's 32 clients): {x['good']:.0f} bookings/s = {share:.1f}% "
        f"of pgbench -N's {update_tps:.0f} tps (target >= 50%; with the default pool of 10: {default['good']:.0f} = {default_share:.1f}%), "
        f"{twice} seats sold twice (target 0){answers(x)}{answers(default)}")
for label, name in runs[9:]:
    x = r[name]
    verdict(x["p99"] <= 10 and clean(x), f"{label.split(' (')[0]} across cache expiry: p99 {x['p99']:.2f} ms (target <= 10), "
            f"{x['rps']:.0f} req/s{answers(x)}")
