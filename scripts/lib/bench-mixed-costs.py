#!/usr/bin/env python3
"""Where the time goes in scripts/bench-mixed: the CPU each route costs each process.

    bench-mixed-costs.py LOADGEN GATEWAY_URL STATE RATE SECONDS NAME=PID[,PID...]...

Runs each route of STATE/workload.jsonl alone through the gateway at a low RATE for SECONDS (after the mixed run, so
its bookings and orders are not in that run's checks), and reads the CPU time (utime + stime in /proc) of every
named process before and after: PostgreSQL as its postmaster and every process under it. Prints, per route, the
answers, their p50, and the CPU microseconds per answer in each process and in all of them. CPU time does not depend
on how busy the machine is the way latency does, so this holds on a shared machine too (to the clock tick, 10 ms,
over hundreds of answers). Booking lines are taken from the end of the file, which the mixed run did not reach.
"""
import json
import os
import subprocess
import sys

loadgen, gateway, state, rate, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
groups = {}
for arg in sys.argv[6:]:
    name, pids = arg.split("=", 1)
    groups[name] = [int(p) for p in pids.split(",") if p]
tick = os.sysconf("SC_CLK_TCK")


def children(pid):
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(p) for p in out]


def cpu(pids):
    total = 0
    for pid in pids:
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
        except (FileNotFoundError, ProcessLookupError, IndexError):
            pass
    return total / tick


def snapshot():
    result = {}
    for name, pids in groups.items():
        every = list(pids)
        if name in ("postgres", "nginx"):
            for pid in pids:
                every += children(pid)
        result[name] = cpu(every)
    return result


lines = [json.loads(line) for line in open(f"{state}/workload.jsonl")]
routes = list(dict.fromkeys(entry["route"] for entry in lines))
names = list(groups)
print(f"CPU µs per answer by process, each route alone at {rate:g} req/s for {seconds:g} s (after the mixed run):")
print(f"{'route':<24} {'answers':>7} {'p50 ms':>7} " + " ".join(f"{n[:15]:>15}" for n in names) + f" {'total':>8}  statuses")
for route in routes:
    mine = [entry for entry in lines if entry["route"] == route]
    if route == "booking":
        mine = mine[::-1]  # the seats the mixed run did not book
    path = f"{state}/cost-{len(route)}-{routes.index(route)}.jsonl"
    with open(path, "w") as f:
        for entry in mine:
            entry["weight"] = 1
            f.write(json.dumps(entry) + "\n")
    before = snapshot()
    subprocess.run([loadgen, "--url", gateway, "--workload", path, "--rate", str(rate), "--duration", str(seconds),
                    "--connections", "16", "--drain", "5", "--json", path + ".report"], check=True, stdout=subprocess.DEVNULL)
    after = snapshot()
    report = json.load(open(path + ".report"))
    answered = report["completed"]
    costs = [(after[n] - before[n]) * 1e6 / answered if answered else float("nan") for n in names]
    statuses = ",".join(f"{k}:{v}" for k, v in sorted(report["overall"]["status_codes"].items()))
    print(f"{route:<24} {answered:>7} {report['overall']['p50_ms']:>7.2f} " + " ".join(f"{c:>15.0f}" for c in costs)
          + f" {sum(costs):>8.0f}  {statuses}")
