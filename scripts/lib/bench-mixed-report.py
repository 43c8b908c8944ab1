#!/usr/bin/env python3
"""The verdict and the plot of scripts/bench-mixed.

    bench-mixed-report.py REPORT_JSON CHECKS_JSON PIDSTAT_TXT SVG_OUT [BASELINE_JSON]

REPORT_JSON is Benchmarks/LoadGenerator's report; CHECKS_JSON the script's database checks; PIDSTAT_TXT the output
of `pidstat -u -p PID,... 1` during the run (which process used the CPU). Prints the CPU table and the PASS/FAIL lines
against issue 15's target (>= 5,000 req/s achieved, p99 <= 50 ms overall and per route, 0 errors) and the
correctness checks (after the baseline's line: the same rate against the gateway's own /health), and writes the per-second latency (p50, p99, max) and achieved rate as an SVG (standard library
only). Exits 0 whatever the verdict: the lines say it.
"""
import json
import sys
from xml.sax.saxutils import escape

TARGET_RPS, TARGET_P99_MS = 5000, 50
report_path, checks_path, pidstat_path, svg_path = sys.argv[1:5]
report = json.load(open(report_path))
checks = json.load(open(checks_path))
baseline = json.load(open(sys.argv[5])) if len(sys.argv) > 5 else None


# --- where the CPU went: pidstat's per-second lines, averaged per command (several processes of one name summed)
def cpu_table():
    per_pid, names = {}, {}
    for line in open(pidstat_path, errors="replace"):
        parts = line.split()
        # "HH:MM:SS UID PID %usr %system %guest %wait %CPU CPU Command" (no AM/PM with LC_ALL=C)
        if len(parts) < 10 or not parts[2].isdigit() or parts[0] == "Average:":
            continue
        try:
            usr, system, cpu = float(parts[3]), float(parts[4]), float(parts[7])
        except ValueError:
            continue
        per_pid.setdefault(parts[2], []).append((usr, system, cpu))
        names[parts[2]] = parts[-1]
    by_name = {}
    for pid, rows in per_pid.items():
        n = len(rows)
        usr, system, cpu = (sum(r[i] for r in rows) / n for i in range(3))
        name = names[pid]
        entry = by_name.setdefault(name, [0, 0.0, 0.0, 0.0])
        entry[0] += 1
        entry[1] += usr
        entry[2] += system
        entry[3] += cpu
    return sorted(by_name.items(), key=lambda kv: -kv[1][3])


rows = cpu_table()
if rows:
    print(f"{'process (pidstat -u 1 during the run)':<40} {'procs':>5} {'%usr':>7} {'%system':>8} {'%CPU':>7}")
    for name, (procs, usr, system, cpu) in rows:
        print(f"{name:<40} {procs:>5} {usr:>7.1f} {system:>8.1f} {cpu:>7.1f}")
    total = sum(r[1][3] for r in rows)
    print(f"{'total (200% = both cores)':<40} {'':>5} {'':>7} {'':>8} {total:>7.1f}")
    print()

overall = report["overall"]
gen = report.get("generator") or {}


def verdict(ok, text):
    print(f"{'PASS' if ok else 'FAIL'}  {text}")


if baseline:
    b, bg = baseline["overall"], baseline.get("generator") or {}
    print(f"base  GET /health of the gateway itself (nginx, no service), same rate and pool, {baseline['duration_seconds']:g} s: "
          f"{baseline['achieved_rps']:.0f} req/s, p50 {b['p50_ms']:.2f} ms, p99 {b['p99_ms']:.2f} ms, "
          f"p99.9 {b['p999_ms']:.2f} ms, {b['errors']} errors; the generator {bg.get('cores', 0):.2f} cores, "
          f"{bg.get('cpu_microseconds_per_request', 0):.1f} µs CPU per answer")
verdict(report["achieved_rps"] >= TARGET_RPS,
        f"throughput: {report['achieved_rps']:.0f} req/s achieved of {report['target_rate']:.0f} offered "
        f"(target >= {TARGET_RPS:,}), {report['connections']} connections, {report['arrival']} arrivals")
verdict(overall["p99_ms"] <= TARGET_P99_MS,
        f"latency overall: p50 {overall['p50_ms']:.2f} ms, p99 {overall['p99_ms']:.2f} ms (target <= {TARGET_P99_MS}), "
        f"p99.9 {overall['p999_ms']:.2f} ms, max {overall['max_ms']:.2f} ms, from each request's scheduled time")
for route in report["routes"]:
    verdict(route["p99_ms"] <= TARGET_P99_MS,
            f"latency {route['route']}: p99 {route['p99_ms']:.2f} ms (target <= {TARGET_P99_MS}), "
            f"p99.9 {route['p999_ms']:.2f} ms, {route['count']} requests")
kinds = ", ".join(f"{k} {v}" for k, v in sorted(overall["error_kinds"].items())) or "none"
verdict(overall["errors"] == 0, f"errors: {overall['errors']} of {overall['count']} ({kinds})")
verdict(checks["sold_twice"] == 0 and checks["bookings_match"],
        f"bookings: {checks['seats_sold']} seats sold for {checks['bookings_answered']} answers 201 and "
        f"{checks['bookings_unanswered']} requests without an answer (warm-up included), {checks['sold_twice']} sold twice, "
        f"{checks['held_and_sold']} held by one user and sold to another")
verdict(checks["misplaced"] == 0 and checks["wrong_totals"] == 0 and checks["orders_match"],
        f"food orders: {checks['orders_stored']} stored over shards {checks['orders_per_shard']} for "
        f"{checks['orders_answered']} answers 201 and {checks['orders_unanswered']} requests without an answer "
        f"(warm-up included), {checks['misplaced']} on the wrong shard, "
        f"{checks['wrong_totals']} with a total that disagrees with their lines")
if gen:
    print(f"note: the generator itself used {gen['cores']:.2f} cores ({gen['cpu_microseconds_per_request']:.1f} µs CPU per "
          f"answer) on the machine it measures; its timer fired up to {gen['timer_lateness_max_ms']:.2f} ms late "
          f"(p99 {gen['timer_lateness_p99_ms']:.2f} ms), which the latencies include")


# --- the plot: latency per second (by scheduled time) on a log scale, achieved rate below
def svg():
    seconds = report["seconds"]
    n = max(len(seconds), 1)
    width, left, right = 960, 70, 170
    top1, h1, gap, h2 = 50, 300, 60, 140
    top2 = top1 + h1 + gap
    height = top2 + h2 + 60
    plot_w = width - left - right
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>']
    title = (f"scripts/bench-mixed: {report['target_rate']:.0f} req/s offered ({report['arrival']} arrivals), "
             f"{report['achieved_rps']:.0f} req/s achieved")
    subtitle = (f"p50 {overall['p50_ms']:.1f} ms, p99 {overall['p99_ms']:.1f} ms, p99.9 {overall['p999_ms']:.1f} ms, "
                f"max {overall['max_ms']:.1f} ms, {overall['errors']} errors of {overall['count']}; "
                f"{report['connections']} connections, {report['duration_seconds']:g} s after {report['warmup_seconds']:g} s warm-up")
    out.append(f'<text x="{left}" y="20" font-size="14" font-weight="bold">{escape(title)}</text>')
    out.append(f'<text x="{left}" y="38">{escape(subtitle)}</text>')

    def x(i):
        return left + plot_w * i / n

    # latency panel, log scale from 0.1 ms to the next decade above the largest value (at least 100 ms)
    import math
    peak = max([s["max_ms"] for s in seconds] + [TARGET_P99_MS * 2])
    lo, hi = -1, math.ceil(math.log10(peak))

    def y1(v):
        v = max(v, 10 ** lo)
        return top1 + h1 - h1 * (math.log10(v) - lo) / (hi - lo)

    out.append(f'<rect x="{left}" y="{top1}" width="{plot_w}" height="{h1}" fill="none" stroke="#888"/>')
    for d in range(lo, hi + 1):
        v = 10 ** d
        label = f"{v:g}"
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y1(v):.1f}" y2="{y1(v):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y1(v) + 4:.1f}" text-anchor="end">{label}</text>')
    out.append(f'<text x="16" y="{top1 + h1 / 2}" transform="rotate(-90 16 {top1 + h1 / 2})" text-anchor="middle">'
               f'latency ms (log scale)</text>')
    ty = y1(TARGET_P99_MS)
    out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#d00" stroke-dasharray="6 4"/>')
    out.append(f'<text x="{left + plot_w + 6}" y="{ty + 4:.1f}" fill="#d00">target p99 {TARGET_P99_MS} ms</text>')
    for key, colour, label in (("max_ms", "#bbb", "max"), ("p99_ms", "#e67e00", "p99"), ("p50_ms", "#1f5fbf", "p50")):
        points = " ".join(f"{x(i + 0.5):.1f},{y1(s[key]):.1f}" for i, s in enumerate(seconds) if s["scheduled"])
        out.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
    for k, (colour, label) in enumerate((("#1f5fbf", "p50"), ("#e67e00", "p99"), ("#bbb", "max"))):
        yy = top1 + 20 + 18 * k
        out.append(f'<line x1="{left + plot_w + 8}" x2="{left + plot_w + 30}" y1="{yy}" y2="{yy}" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{left + plot_w + 36}" y="{yy + 4}">{label} per second</text>')

    # rate panel: answers received per second against the offered rate
    rate_peak = max([s["completed"] for s in seconds] + [report["target_rate"]]) * 1.15

    def y2(v):
        return top2 + h2 - h2 * v / rate_peak

    out.append(f'<rect x="{left}" y="{top2}" width="{plot_w}" height="{h2}" fill="none" stroke="#888"/>')
    step = 10 ** math.floor(math.log10(rate_peak / 2))
    v = 0
    while v <= rate_peak:
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y2(v):.1f}" y2="{y2(v):.1f}" stroke="#eee"/>')
        out.append(f'<text x="{left - 6}" y="{y2(v) + 4:.1f}" text-anchor="end">{v:g}</text>')
        v += step
    out.append(f'<text x="16" y="{top2 + h2 / 2}" transform="rotate(-90 16 {top2 + h2 / 2})" text-anchor="middle">req/s</text>')
    oy = y2(report["target_rate"])
    out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{oy:.1f}" y2="{oy:.1f}" stroke="#d00" stroke-dasharray="6 4"/>')
    points = " ".join(f"{x(i + 0.5):.1f},{y2(s['completed']):.1f}" for i, s in enumerate(seconds))
    out.append(f'<polyline points="{points}" fill="none" stroke="#2a8f2a" stroke-width="2"/>')
    for k, (colour, dash, label) in enumerate((("#2a8f2a", "", "answers per second"), ("#d00", "6 4", "offered rate"))):
        yy = top2 + 20 + 18 * k
        out.append(f'<line x1="{left + plot_w + 8}" x2="{left + plot_w + 30}" y1="{yy}" y2="{yy}" stroke="{colour}" '
                   f'stroke-width="2" stroke-dasharray="{dash}"/>')
        out.append(f'<text x="{left + plot_w + 36}" y="{yy + 4}">{label}</text>')
    for i in range(0, n + 1, max(1, n // 10)):
        out.append(f'<text x="{x(i):.1f}" y="{top2 + h2 + 16}" text-anchor="middle">{i}</text>')
        out.append(f'<text x="{x(i):.1f}" y="{top1 + h1 + 16}" text-anchor="middle">{i}</text>')
    out.append(f'<text x="{left + plot_w / 2}" y="{top2 + h2 + 36}" text-anchor="middle">seconds into the measured window '
               f'(latency by the second a request was scheduled in, from that time; answers by the second they arrived)</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


with open(svg_path, "w") as f:
    f.write(svg())
