#!/usr/bin/env python3
"""Times the reference implementations on the shapes of jnn's JMH benchmarks, one JSON object per line.

  references.py numpy                GEMMs with numpy (its OpenBLAS): x·wᵀ, g·w, gᵀ·x
  references.py torch [SUITE ...]    with PyTorch, compare.sh's suites (all three when none is named):
                                     products (the same GEMMs and the MLP training steps), conv (the
                                     convolutions at Conv2dBenchmark's shapes), cnn (CnnExample's training step)

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
CONVS = ["64x1x28x28-32k5", "64x32x12x12-64k5", "64x32x14x14-64k5p2"]  # NxCxHxW-OkK[sS][pP], as Conv2dBenchmark
CNNS = ["fashion-cnn@64"]  # TrainingStep.CNN at batch 64, as CnnExample trains it


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


def torch_all(suites):
    import torch
    import torch.nn.functional as F
    torch.set_num_threads(max(1, int(os.environ.get("OMP_NUM_THREADS", "1"))))
    gen = torch.Generator().manual_seed(0)
    torch.randn(8, 8) @ torch.randn(8, 8)  # loads the BLAS
    version = "torch %s (BLAS: %s)" % (torch.__version__, blas_library())
    if "/blas/" in version or "blas/libblas" in version:
        print("warning: PyTorch runs on the reference BLAS (libblas.so.3 -> blas/); for a fair comparison "
              "apt-get install libopenblas0-pthread", file=sys.stderr)
    if "products" in suites:
        torch_products(torch, F, gen, version)
    if "conv" in suites:
        torch_convs(torch, F, gen, version)
    if "cnn" in suites:
        torch_cnn_steps(torch, F, gen, version)


def sgd_step(torch, F, model, xb, yb):
    """TrainingStep's step: zero the gradients, forward, NLL on class indices, backward, SGD (momentum 0.9)."""
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)

    def step():
        opt.zero_grad()
        loss = F.nll_loss(model(xb), yb)
        loss.backward()
        opt.step()
    return step


def torch_products(torch, F, gen, version):
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
            xb = torch.randn(batch, d, generator=gen, dtype=dtype)
            yb = torch.arange(batch) % c
            emit("torch", "trainingStep", net, dtype_name, timed(sgd_step(torch, F, model, xb, yb)), version)


def torch_cnn_steps(torch, F, gen, version):
    """CnnExample's network (cnn_in_pytorch.network, beside this file) in TrainingStep's step."""
    from cnn_in_pytorch import network
    for dtype_name, dtype in (("float64", torch.float64), ("float32", torch.float32)):
        for net in CNNS:
            batch = int(net.split("@")[1])
            model = network().to(dtype)
            xb = torch.randn(batch, 28 * 28, generator=gen, dtype=dtype)
            yb = torch.arange(batch) % 10
            emit("torch", "trainingStep", net, dtype_name, timed(sgd_step(torch, F, model, xb, yb)), version)


def parse_conv(text):
    """Conv2dBenchmark's shape parameter: (n, c, h, w, o, k, stride, padding)."""
    import re
    m = re.fullmatch(r"(\d+)x(\d+)x(\d+)x(\d+)-(\d+)k(\d+)(?:s(\d+))?(?:p(\d+))?", text)
    n, c, h, w, o, k = (int(v) for v in m.groups()[:6])
    return n, c, h, w, o, k, int(m.group(7) or 1), int(m.group(8) or 0)


def torch_convs(torch, F, gen, version):
    """Forward with bias and ReLU, and the two backward products, each by PyTorch's own kernels
    (aten.convolution_backward with one output mask, as autograd calls it)."""
    for dtype_name, dtype in (("float64", torch.float64), ("float32", torch.float32)):
        for shape in CONVS:
            n, c, h, w, o, k, s, p = parse_conv(shape)
            x = torch.randn(n, c, h, w, generator=gen, dtype=dtype)
            wt = torch.randn(o, c, k, k, generator=gen, dtype=dtype)
            b = torch.randn(o, generator=gen, dtype=dtype)
            g = torch.randn_like(F.conv2d(x, wt, b, stride=s, padding=p))
            back = torch.ops.aten.convolution_backward
            with torch.no_grad():
                emit("torch", "conv forward", shape, dtype_name,
                     timed(lambda: F.relu(F.conv2d(x, wt, b, stride=s, padding=p))), version)
                emit("torch", "conv gradInput", shape, dtype_name,
                     timed(lambda: back(g, x, wt, [o], [s, s], [p, p], [1, 1], False, [0, 0], 1,
                                        [True, False, False])), version)
                emit("torch", "conv gradWeight", shape, dtype_name,
                     timed(lambda: back(g, x, wt, [o], [s, s], [p, p], [1, 1], False, [0, 0], 1,
                                        [False, True, True])), version)


if __name__ == "__main__":
    try:
        if len(sys.argv) > 1 and sys.argv[1] == "numpy":
            numpy_gemms()
        else:
            suites = set(sys.argv[2:]) or {"products", "conv", "cnn"}  # (argv[2:] is empty without argv[1])
            unknown = suites - {"products", "conv", "cnn"}
            if len(sys.argv) < 2 or sys.argv[1] != "torch" or unknown:
                sys.exit("usage: references.py numpy | references.py torch [products] [conv] [cnn]")
            torch_all(suites)
    except ImportError as e:
        print("skipped: %s" % e, file=sys.stderr)
        sys.exit(3)
