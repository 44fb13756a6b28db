#!/usr/bin/env python3
"""Merges compare.sh's rounds (JMH JSON + reference JSON lines) into one Markdown table of ratios.

For each operation, shape and dtype: jnn's time and each reference's, the median over rounds, and
jnn's speed as a ratio to each (above 1: jnn is faster). A reference run at several thread counts or
installed in several versions counts with its fastest. Where the rounds measured FmaPeakBenchmark, each
product and convolution also gets the share of that FMA ceiling jnn and each reference reached (flops from the
flops.json BenchMain writes beside its JMH results). The last column gives jnn's fastest and slowest JMH fork (the
mean of each fork's iterations, over all rounds): on a VM whose speed comes and goes for seconds at a time, a
spread wider than a ratio's distance from 1.0 says that the side of 1.0 it fell on was the VM's. Only the
standard library.
"""
import glob
import json
import os
import statistics
import sys

UNIT = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def flops_index(path):
    """(Class.method, params) -> flops of one operation, from the flops.json beside a jmh-result.json."""
    try:
        entries = json.load(open(os.path.join(os.path.dirname(path), "flops.json")))
    except OSError:
        return {}
    return {(e["benchmark"], frozenset(e["params"].items())): e["flops"] for e in entries}


def jmh_rows(path, threads, flops, peaks, forks):
    index = flops_index(path)
    for e in json.load(open(path)):
        name = e["benchmark"].split(".")
        cls, method = name[-2], name[-1]
        p = e.get("params", {})
        unit = e["primaryMetric"]["scoreUnit"].split("/")[0]
        seconds = e["primaryMetric"]["score"] * UNIT[unit]
        f = index.get((cls + "." + method, frozenset(p.items())))
        if cls == "FmaPeakBenchmark":
            if f:
                peaks.setdefault(p.get("dtype", "float64"), []).append(f / seconds)
            continue
        if p.get("kernels", "vector") != "vector":
            continue
        threads.add(int(p.get("threads", "1")))
        key = row_key(cls, method, p)
        if key:
            if f:
                flops[key] = f
            for iterations in e["primaryMetric"].get("rawData", []):
                if iterations:
                    forks.setdefault(key, []).append(statistics.mean(iterations) * UNIT[unit])
            yield key, seconds


def row_key(cls, method, p):
    if cls == "LinearForwardBenchmark" and p.get("bias") == "false":
        return "forward", p["shape"], p.get("dtype", "float64")
    if cls == "LinearBackwardBenchmark":
        return method, p["shape"], p.get("dtype", "float64")
    if cls == "Conv2dBenchmark":
        return "conv " + method, p["shape"], p.get("dtype", "float64")
    if cls == "TrainingStepBenchmark" and "network" in p:
        form = p.get("backward", "full")
        return "trainingStep" + ("" if form == "full" else " (lean)"), p["network"], p.get("dtype", "float64")
    return None


def main(out):
    times = {}  # key -> impl -> [seconds per round]
    versions = {}
    jnn_threads, ref_threads = set(), set()
    flops, peaks = {}, {}  # key -> flops of one operation; dtype -> FMA peak flop/s per round
    forks = {}  # key -> each JMH fork's mean time, all rounds
    for path in sorted(glob.glob(os.path.join(out, "jmh-*", "jmh-result.json"))):
        for key, s in jmh_rows(path, jnn_threads, flops, peaks, forks):
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
          "versions); speed ratio = reference time / jnn time (above 1: jnn is faster); the last column, jnn's "
          "fastest and slowest JMH fork (each the mean of its iterations) over all rounds. References: %s.\n"
          % (len({d.rsplit("-", 1)[1] for d in glob.glob(os.path.join(out, "jmh-*[0-9]")) if os.path.isdir(d)}),
             counted(jnn_threads), counted(ref_threads),
             ", ".join(sorted(v for s in versions.values() for v in s)) or "none found"))
    slow = sorted(v for s in versions.values() for v in s if "blas/libblas" in v)
    if slow:
        print("**Warning:** %s ran on the reference BLAS (`libblas.so.3` -> `blas/`), not OpenBLAS, so its times "
              "are no reference for speed. `apt-get install libopenblas0-pthread` switches Debian's numpy and PyTorch "
              "to OpenBLAS.\n" % ", ".join(slow))
    peak = {d: statistics.median(v) for d, v in peaks.items()}
    if peak:
        print("FMA peak of one core, FmaPeakBenchmark in the same rounds (median): %s. The column \"%% of FMA "
              "peak\" gives the share of it each one reached (the same flops over its time; on 2 threads a share "
              "above 100 %% is possible).\n" % ", ".join("%s %.0f GFLOP/s" % (d, peak[d] / 1e9) for d in sorted(peak)))
    header = "| operation | shape | dtype | jnn | " + " | ".join("%s | jnn speed / %s" % (i, i) for i in impls) + " |"
    peak_column = "% of FMA peak: " + " / ".join(["jnn"] + impls)
    print(header + (" %s |" % peak_column if peak else "") + " jnn's forks, fastest – slowest |")
    print("|" + "---|" * (5 + 2 * len(impls) + (1 if peak else 0)))
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
        if peak:
            f, p = flops.get(key), peak.get(key[2])
            if f and p:
                shares = [jnn] + [best(row[i]) if i in row else None for i in impls]
                cells.append(" / ".join("%.0f" % (100 * f / t / p) if t else "–" for t in shares))
            else:
                cells.append("–")
        spread = forks.get(key, [])
        cells.append("%s – %s (%d)" % (fmt(min(spread)), fmt(max(spread)), len(spread)) if spread else "–")
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
