#!/usr/bin/env python3
"""Merges compare.sh's rounds (JMH JSON + reference JSON lines) into one Markdown table of ratios.

For each operation, shape and dtype: jnn's time and each reference's, the median over rounds, and
jnn's speed as a ratio to each (above 1: jnn is faster). A reference run at several thread counts or
installed in several versions counts with its fastest. Only the standard library.
"""
import glob
import json
import os
import statistics
import sys

UNIT = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def jmh_rows(path, threads):
    for e in json.load(open(path)):
        name = e["benchmark"].split(".")
        cls, method = name[-2], name[-1]
        p = e.get("params", {})
        if p.get("kernels", "vector") != "vector":
            continue
        threads.add(int(p.get("threads", "1")))
        unit = e["primaryMetric"]["scoreUnit"].split("/")[0]
        seconds = e["primaryMetric"]["score"] * UNIT[unit]
        if cls == "LinearForwardBenchmark" and p.get("bias") == "false":
            yield ("forward", p["shape"], p.get("dtype", "float64")), seconds
        elif cls == "LinearBackwardBenchmark":
            yield (method, p["shape"], p.get("dtype", "float64")), seconds
        elif cls == "Conv2dBenchmark":
            yield ("conv " + method, p["shape"], p.get("dtype", "float64")), seconds
        elif cls == "TrainingStepBenchmark" and "network" in p:
            form = p.get("backward", "full")
            yield ("trainingStep" + ("" if form == "full" else " (lean)"), p["network"], p.get("dtype", "float64")), seconds


def main(out):
    times = {}  # key -> impl -> [seconds per round]
    versions = {}
    jnn_threads, ref_threads = set(), set()
    for path in sorted(glob.glob(os.path.join(out, "jmh-*", "jmh-result.json"))):
        for key, s in jmh_rows(path, jnn_threads):
            times.setdefault(key, {}).setdefault("jnn", {}).setdefault("jnn", []).append(s)
    for path in sorted(glob.glob(os.path.join(out, "*.jsonl"))):
        for line in open(path):
            line = line.strip()
            if not line.startswith("{"):
                continue
            r = json.loads(line)
            impl = r["impl"]
            versions[impl] = versions.get(impl, set()) | {r["version"]}
            threads = r.get("threads") or 1
            ref_threads.add(threads)
            whats = [r["what"]] + ([r["what"] + " (lean)"] if r["what"] == "trainingStep" else [])
            for what in whats:  # PyTorch's step computes no input gradient: compare it with both forms
                times.setdefault((what, r["shape"], r["dtype"]), {}).setdefault(impl, {}) \
                    .setdefault((r["version"], threads), []).append(r["seconds"])
    impls = [i for i in ("numpy", "torch") if any(i in v for v in times.values())]
    print("# jnn against OpenBLAS (numpy) and PyTorch, side by side\n")
    print("Medians over %d interleaved rounds; jnn on %s, each reference its fastest of %s (and of its installed "
          "versions); speed ratio = reference time / jnn time (above 1: jnn is faster). References: %s.\n"
          % (len({d.rsplit("-", 1)[1] for d in glob.glob(os.path.join(out, "jmh-*[0-9]")) if os.path.isdir(d)}),
             counted(jnn_threads), counted(ref_threads),
             ", ".join(sorted(v for s in versions.values() for v in s)) or "none found"))
    header = "| operation | shape | dtype | jnn | " + " | ".join("%s | jnn speed / %s" % (i, i) for i in impls) + " |"
    print(header)
    print("|" + "---|" * (4 + 2 * len(impls)))
    order = {"forward": 0, "gradInput": 1, "gradWeight": 2, "trainingStep": 3, "trainingStep (lean)": 4,
             "conv forward": 5, "conv gradInput": 6, "conv gradWeight": 7}
    for key in sorted(times, key=lambda k: (order.get(k[0], 9), k[2], k[1])):
        row = times[key]
        if "jnn" not in row:
            continue
        jnn = best(row["jnn"])
        cells = ["%s" % fmt(jnn)]
        for i in impls:
            if i in row:
                ref = best(row[i])
                cells += [fmt(ref), "%.2f" % (ref / jnn)]
            else:
                cells += ["–", "–"]
        print("| %s | %s | %s | %s |" % (key[0], key[1], key[2], " | ".join(cells)))


def best(by_run):
    """The fastest of a reference's runs (installed versions, e.g. two numpys with different OpenBLAS, and
    thread counts), each its median over the rounds."""
    return min(statistics.median(v) for v in by_run.values())


def counted(threads):
    return " or ".join("%d thread%s" % (t, "" if t == 1 else "s") for t in sorted(threads)) or "1 thread"


def fmt(seconds):
    for unit, scale in (("s", 1), ("ms", 1e3), ("µs", 1e6)):
        if seconds * scale >= 1:
            return "%.3g %s" % (seconds * scale, unit)
    return "%.3g ns" % (seconds * 1e9)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench-report/compare")
