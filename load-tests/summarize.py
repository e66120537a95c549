#!/usr/bin/env python3
"""Reads a Locust run's statistics (the --csv prefix's _stats.csv) and prints it against the seed's target table.

Each row is PASS (target met), OK (within "acceptable") or FAIL ("action needed"); the exit status is 1 when any
row fails, so a pipeline can gate on it. Throughput is only judged when the offered load could reach the target
(users / mean think time); otherwise it is reported as "n/a" with the reason, because a run that cannot offer
1000 req/s says nothing about capacity.

usage: summarize.py STATS_CSV --users N --wait-min S --wait-max S [--cpu-percent P] [--memory-percent P]
"""
import argparse
import csv
import sys

# (metric, target, acceptable): lower is better unless noted.
LATENCY_ROWS = [("Response Time (p50)", "50%", 200, 500), ("Response Time (p95)", "95%", 500, 1000),
                ("Response Time (p99)", "99%", 1000, 2000)]


def verdict(value, target, acceptable, higher_is_better=False):
    if higher_is_better:
        return "PASS" if value > target else "OK" if value > acceptable else "FAIL"
    return "PASS" if value < target else "OK" if value < acceptable else "FAIL"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stats_csv")
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--wait-min", type=float, required=True)
    parser.add_argument("--wait-max", type=float, required=True)
    parser.add_argument("--cpu-percent", type=float)
    parser.add_argument("--memory-percent", type=float)
    args = parser.parse_args()

    try:
        with open(args.stats_csv, newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        sys.exit(f"summarize.py: cannot read {args.stats_csv}: {error}")
    total = next((row for row in rows if row["Name"] == "Aggregated"), None)
    if total is None or int(total["Request Count"]) == 0:
        sys.exit(f"summarize.py: no requests recorded in {args.stats_csv}")

    requests = int(total["Request Count"])
    failures = int(total["Failure Count"])
    results = []
    for label, column, target, acceptable in LATENCY_ROWS:
        value = float(total[column])
        results.append((label, f"{value:.0f} ms", f"< {target}ms", verdict(value, target, acceptable)))
    error_rate = 100.0 * failures / requests
    results.append(("Error Rate", f"{error_rate:.3f} % ({failures}/{requests})", "< 0.1%",
                    verdict(error_rate, 0.1, 1.0)))
    throughput = float(total["Requests/s"])
    mean_wait = (args.wait_min + args.wait_max) / 2
    offered = float("inf") if mean_wait == 0 else args.users / mean_wait
    if offered < 1000:
        results.append(("Throughput", f"{throughput:.1f} req/s", "> 1000 req/s",
                        f"n/a (the run offers at most ~{offered:.0f} req/s: raise USERS or lower the wait)"))
    else:
        results.append(("Throughput", f"{throughput:.1f} req/s", "> 1000 req/s",
                        verdict(throughput, 1000, 500, higher_is_better=True)))
    if args.cpu_percent is not None:
        results.append(("CPU Utilization (api)", f"{args.cpu_percent:.1f} %", "< 70%",
                         verdict(args.cpu_percent, 70, 85)))
    if args.memory_percent is not None:
        results.append(("Memory Utilization (api)", f"{args.memory_percent:.1f} %", "< 80%",
                         verdict(args.memory_percent, 80, 90)))

    width = max(len(row[0]) for row in results)
    print(f"{'Metric'.ljust(width)}  {'Measured'.ljust(24)}  {'Target'.ljust(14)}  Result")
    for label, measured, target, result in results:
        print(f"{label.ljust(width)}  {measured.ljust(24)}  {target.ljust(14)}  {result}")
    return 1 if any(row[3] == "FAIL" for row in results) else 0


if __name__ == "__main__":
    sys.exit(main())
