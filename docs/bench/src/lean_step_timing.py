"""PyTorch's training step of the 784-1024-10 MLP in float32 at batch 256 (Linear, ReLU, Linear, LogSoftmax,
NLL on class indices, SGD with momentum 0.9: nn-bench/compare/references.py's step), repeated for that many
seconds after 50 steps of warm-up; prints the minimum, 10th percentile and median time per step. One thread; run
beside `KernelBuildsAB leanStep float32 784x1024x10@256 <secs>` pinned to the other vCPU, then swapped, to compare
the two in the same minutes (docs/gemm-avx512.md, session 43). Without the malloc thresholds each step's
tensors come from fresh mmap'ed pages and the step takes twice as long (session 29):
  MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824 OMP_NUM_THREADS=1 \\
      taskset -c 1 /usr/bin/python3 docs/bench/src/lean_step_timing.py 40
"""
import statistics
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
seconds = float(sys.argv[1])
gen = torch.Generator().manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(784, 1024), torch.nn.ReLU(), torch.nn.Linear(1024, 10),
                            torch.nn.LogSoftmax(dim=1))
xb = torch.randn(256, 784, generator=gen)
yb = torch.arange(256) % 10
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)


def step():
    opt.zero_grad()
    F.nll_loss(model(xb), yb).backward()
    opt.step()


for _ in range(50):
    step()
end = time.perf_counter() + seconds
times = []
while time.perf_counter() < end:
    t = time.perf_counter()
    step()
    times.append(time.perf_counter() - t)
times.sort()
print("torch lean step float32 784-1024-10@256: min %.3f p10 %.3f median %.3f ms (%d steps)"
      % (times[0] * 1e3, times[len(times) // 10] * 1e3, statistics.median(times) * 1e3, len(times)))
