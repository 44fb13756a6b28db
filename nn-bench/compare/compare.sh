#!/usr/bin/env bash
# jnn against OpenBLAS (through numpy) and PyTorch on the same shapes (products and MLP training steps,
# convolutions, the CNN's training step),
# in interleaved rounds: each round runs the JMH benchmarks (vector kernels), then each reference that is
# installed, so a slow phase of a noisy VM hits all of them. Writes bench-report/compare/comparison.md (and the raw files).
# A reference that is not installed is said and skipped. Not part of the build or the tests.
#   mvn -B -q package -DskipTests && nn-bench/compare/compare.sh            # ROUNDS=2, the full JMH profile
#   ROUNDS=1 JMH_ARGS="-f 1 -wi 2 -i 3 -r 500ms" nn-bench/compare/compare.sh   # a quick look
#   SUITES=conv nn-bench/compare/compare.sh      # only the convolutions (SUITES="products conv cnn" by default;
#                                                # cnn: CnnExample's training step, TrainingStep.CNN)
#   THREADS=2 nn-bench/compare/compare.sh        # jnn on 2 kernel threads; each reference on 1 and on 2, and
#                                                # the table takes its faster (THREADS=1 by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-2}
SUITES=${SUITES:-products conv cnn}
THREADS=${THREADS:-1}
OUT=${OUT:-bench-report/compare}
JMH_ARGS=${JMH_ARGS:--f 2 -wi 5 -w 1 -i 5 -r 1}
JAR=nn-bench/target/benchmarks.jar
# as the README runs java: the Vector API, and JDK 17's C2 kept from boxing the larger kernels (JnnBenchmark)
JVM_FLAGS="--add-modules=jdk.incubator.vector -XX:PerMethodTrapLimit=1000"
HERE=nn-bench/compare
[ -f "$JAR" ] || { echo "no $JAR: run mvn -B -q package -DskipTests first" >&2; exit 2; }
mkdir -p "$OUT"
# a previous run's results would join this run's table (another suite's rows, another round's medians)
rm -rf "$OUT"/*.jsonl "$OUT"/jmh-*
[[ "$THREADS" =~ ^[1-9][0-9]*$ ]] || { echo "THREADS=$THREADS: a thread count (1, 2, ...) expected" >&2; exit 2; }
for suite in $SUITES; do
  [[ " products conv cnn " == *" $suite "* ]] || { echo "SUITES=$SUITES: $suite is not products, conv or cnn" >&2; exit 2; }
done
# Threads pinned both ways: the BLAS pools and PyTorch's own (references.py reads OMP_NUM_THREADS). An
# environment's OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are dropped so OpenBLAS picks its kernels for this CPU:
# with OPENBLAS_CORETYPE=Haswell set (as on some of these VMs) it runs AVX2 kernels on an AVX-512 core, and
# PyTorch's float32 784-1024-10 step took 8.9-9.4 ms instead of 4.9 (2026-12-03).
# glibc's malloc is held in the state a long-running process reaches (blocks up to 32 MB from the heap, the heap
# never trimmed), so that no reference pays page faults for outputs it allocates per call and its time does not
# depend on which shapes ran before: PyTorch's padded 14x14 convolution, timed first in a process, took 18 ms
# a call (its freed outputs trimmed from the heap and faulted in again) against 6.6 ms after the larger first
# layer's shapes (2026-12-04); numpy's 1024^3 float32 product 12.1 against 11.7 ms.
pin() {
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS="$1" OPENBLAS_NUM_THREADS="$1" MKL_NUM_THREADS="$1" \
    MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824 "${@:2}"
}

NUMPYS=()
for py in python3 /usr/bin/python3; do
  if command -v "$py" > /dev/null && "$py" -c "import numpy" 2> /dev/null; then NUMPYS+=("$(command -v "$py")"); fi
done
[ ${#NUMPYS[@]} -gt 0 ] || echo "== numpy not installed: no OpenBLAS column"
TORCH=""
for py in /usr/bin/python3 python3; do
  if command -v "$py" > /dev/null && "$py" -c "import torch" 2> /dev/null; then TORCH=$(command -v "$py"); break; fi
done
[ -n "$TORCH" ] || echo "== PyTorch not installed (apt-get install python3-torch libopenblas0-pthread): no PyTorch column"

for round in $(seq 1 "$ROUNDS"); do
  # the ceiling every product and convolution is measured against, in the same round (the table's last column)
  echo "== round $round: jnn (JMH): the FMA peak"
  java -Djnn.report.dir="$OUT/jmh-peak-$round" $JVM_FLAGS -cp "$JAR" io.github.jnn.bench.BenchMain \
    'FmaPeakBenchmark' $JMH_ARGS > "$OUT/jmh-peak-$round.log" 2>&1
  if [[ " $SUITES " == *" products "* ]]; then
    echo "== round $round: jnn (JMH): products and training step"
    java -Djnn.report.dir="$OUT/jmh-$round" $JVM_FLAGS -cp "$JAR" io.github.jnn.bench.BenchMain \
      'LinearForwardBenchmark|LinearBackwardBenchmark|TrainingStepBenchmark' -p kernels=vector -p bias=false -p threads="$THREADS" \
      -p shape=64x784x256,256x1024x1024,1024x1024x1024 $JMH_ARGS > "$OUT/jmh-$round.log" 2>&1
  fi
  if [[ " $SUITES " == *" conv "* ]]; then
    # separately: the convolutions' shape parameter has its own form (NxCxHxW-OkK...)
    echo "== round $round: jnn (JMH): convolutions"
    java -Djnn.report.dir="$OUT/jmh-conv-$round" $JVM_FLAGS -cp "$JAR" io.github.jnn.bench.BenchMain \
      'Conv2dBenchmark' -p kernels=vector -p threads="$THREADS" $JMH_ARGS > "$OUT/jmh-conv-$round.log" 2>&1
  fi
  if [[ " $SUITES " == *" cnn "* ]]; then
    echo "== round $round: jnn (JMH): the CNN's training step"
    java -Djnn.report.dir="$OUT/jmh-cnn-$round" $JVM_FLAGS -cp "$JAR" io.github.jnn.bench.BenchMain \
      'TrainingStepBenchmark' -p kernels=vector -p network=fashion-cnn@64 -p threads="$THREADS" $JMH_ARGS \
      > "$OUT/jmh-cnn-$round.log" 2>&1
  fi
  if [[ " $SUITES " == *" products "* ]]; then # numpy has the products only
    for py in "${NUMPYS[@]}"; do
      for t in $(seq 1 "$THREADS"); do
        echo "== round $round: numpy ($py), $t thread(s)"
        pin "$t" "$py" "$HERE/references.py" numpy >> "$OUT/numpy-$round.jsonl" || echo "   numpy run failed"
      done
    done
  fi
  if [ -n "$TORCH" ]; then
    for t in $(seq 1 "$THREADS"); do
      echo "== round $round: PyTorch ($TORCH), $t thread(s)"
      # shellcheck disable=SC2086 # one word per suite
      pin "$t" "$TORCH" "$HERE/references.py" torch $SUITES >> "$OUT/torch-$round.jsonl" || echo "   PyTorch run failed"
    done
  fi
done
# the JVM the JMH forks ran on (JMH_ARGS may name another with -jvm), as JMH printed it
# (awk, not head: head closing the pipe early fails the script under pipefail once the logs are long)
FORK_VM=$(cat "$OUT"/jmh-*.log 2>/dev/null | sed -n 's/^# VM version: *//p' | awk 'NR == 1')
{ python3 "$HERE/table.py" "$OUT"; echo; echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | awk 'NR == 1'), $(nproc) CPUs; JMH forks on ${FORK_VM:-$(java -version 2>&1 | awk 'NR == 1')}; $(date -u +%F)."; } > "$OUT/comparison.md"
echo "== $OUT/comparison.md"
cat "$OUT/comparison.md"
