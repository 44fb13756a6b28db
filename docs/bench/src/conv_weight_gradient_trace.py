"""PyTorch's weight gradient of the padded 14x14 layer (float32, batch 64, 32 -> 64 channels, k5 p2, with the bias
gradient, as nn-bench/compare/references.py times it), every call for that many seconds: its start (s) and its
time (ms). The reference side of ConvPhaseProbe's trace mode (docs/convolution.md, session 42); one thread.
  MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824 OMP_NUM_THREADS=1 \\
      taskset -c 1 /usr/bin/python3 docs/bench/src/conv_weight_gradient_trace.py 60
"""
import sys
import time

import torch

torch.set_num_threads(1)
seconds = float(sys.argv[1])
gen = torch.Generator().manual_seed(0)
x = torch.randn(64, 32, 14, 14, generator=gen)
w = torch.randn(64, 32, 5, 5, generator=gen)
g = torch.randn(64, 64, 14, 14, generator=gen)


def weight_gradient():
    return torch.ops.aten.convolution_backward(g, x, w, [64], [1, 1], [2, 2], [1, 1], False, [0, 0], 1,
                                               [False, True, True])


for _ in range(20):
    weight_gradient()
lines = []
start = time.perf_counter()
while time.perf_counter() - start < seconds:
    t = time.perf_counter()
    weight_gradient()
    lines.append("%.4f %.3f" % (t - start, (time.perf_counter() - t) * 1e3))
print("\n".join(lines))
