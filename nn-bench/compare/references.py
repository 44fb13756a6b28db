#!/usr/bin/env python3
"""Times the reference implementations on the shapes of jnn's JMH benchmarks, one JSON object per line.

  references.py numpy  GEMMs with numpy (its OpenBLAS): x·wᵀ, g·w, gᵀ·x
  references.py torch  the same GEMMs and the training step with PyTorch

Threads are pinned by the caller (compare.sh sets OMP_NUM_THREADS / OPENBLAS_NUM_THREADS before Python
starts; torch.set_num_threads follows them). Each figure is the median of several timed repetitions after a
warm-up, in seconds per operation.
"""
import json
import os
import statistics
import sys
import time

SHAPES = ["64x784x256", "256x1024x1024", "1024x1024x1024"]
NETWORKS = ["784x256x10@128", "784x1024x10@256"]


def timed(fn, min_seconds=0.3, repeats=7):
    fn()
    n = 1
    while True:  # calls per repetition so one repetition takes about min_seconds / repeats
        t = time.perf_counter()
        for _ in range(n):
            fn()
        if time.perf_counter() - t > min_seconds / repeats or n > 1 << 20:
            break
        n *= 2
    samples = []
    for _ in range(repeats):
        t = time.perf_counter()
        for _ in range(n):
            fn()
        samples.append((time.perf_counter() - t) / n)
    return statistics.median(samples)


def blas_library():
    """The BLAS shared library this process mapped (Debian's torch uses whatever libblas.so.3 points to)."""
    try:
        libs = {line.split()[-1] for line in open("/proc/self/maps") if "blas" in line.lower() and ".so" in line}
        return ", ".join(sorted(os.path.basename(os.path.dirname(l)) + "/" + os.path.basename(l) for l in libs)) or "?"
    except OSError:
        return "?"


def emit(impl, what, shape, dtype, seconds, version):
    print(json.dumps({"impl": impl, "what": what, "shape": shape, "dtype": dtype, "seconds": seconds,
                      "threads": int(os.environ.get("OMP_NUM_THREADS", "0")), "version": version}), flush=True)


def numpy_gemms():
    import numpy as np
    np.ones((8, 8)) @ np.ones((8, 8))
    version = "numpy %s (BLAS: %s)" % (np.__version__, blas_library())
    rng = np.random.default_rng(0)
    for dtype in ("float64", "float32"):
        for shape in SHAPES:
            m, k, n = map(int, shape.split("x"))
            x = rng.standard_normal((m, k)).astype(dtype)
            w = rng.standard_normal((n, k)).astype(dtype)
            g = rng.standard_normal((m, n)).astype(dtype)
            emit("numpy", "forward", shape, dtype, timed(lambda: x @ w.T), version)
            emit("numpy", "gradInput", shape, dtype, timed(lambda: g @ w), version)
            emit("numpy", "gradWeight", shape, dtype, timed(lambda: g.T @ x), version)


def torch_all():
    import torch
    import torch.nn.functional as F
    torch.set_num_threads(max(1, int(os.environ.get("OMP_NUM_THREADS", "1"))))
    gen = torch.Generator().manual_seed(0)
    torch.randn(8, 8) @ torch.randn(8, 8)  # loads the BLAS
    version = "torch %s (BLAS: %s)" % (torch.__version__, blas_library())
    if "/blas/" in version or "blas/libblas" in version:
        print("warning: PyTorch runs on the reference BLAS (libblas.so.3 -> blas/); for a fair comparison "
              "apt-get install libopenblas0-pthread", file=sys.stderr)
    for dtype_name, dtype in (("float64", torch.float64), ("float32", torch.float32)):
        for shape in SHAPES:
            m, k, n = map(int, shape.split("x"))
            x = torch.randn(m, k, generator=gen, dtype=dtype)
            w = torch.randn(n, k, generator=gen, dtype=dtype)
            g = torch.randn(m, n, generator=gen, dtype=dtype)
            with torch.no_grad():
                emit("torch", "forward", shape, dtype_name, timed(lambda: x @ w.T), version)
                emit("torch", "gradInput", shape, dtype_name, timed(lambda: g @ w), version)
                emit("torch", "gradWeight", shape, dtype_name, timed(lambda: g.T @ x), version)
        for net in NETWORKS:
            sizes, batch = net.split("@")
            d, h, c = map(int, sizes.split("x"))
            batch = int(batch)
            model = torch.nn.Sequential(torch.nn.Linear(d, h), torch.nn.ReLU(), torch.nn.Linear(h, c),
                                        torch.nn.LogSoftmax(dim=1)).to(dtype)
            opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
            xb = torch.randn(batch, d, generator=gen, dtype=dtype)
            yb = torch.arange(batch) % c

            def step():
                opt.zero_grad()
                loss = F.nll_loss(model(xb), yb)
                loss.backward()
                opt.step()
            emit("torch", "trainingStep", net, dtype_name, timed(step), version)


if __name__ == "__main__":
    try:
        {"numpy": numpy_gemms, "torch": torch_all}[sys.argv[1]]()
    except ImportError as e:
        print("skipped: %s" % e, file=sys.stderr)
        sys.exit(3)
