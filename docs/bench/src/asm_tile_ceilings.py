#!/usr/bin/env python3
"""What a register tile's loop can reach on this core when its instructions are exactly the ones chosen, not
C2's: x86-64 AVX-512 loops written out in assembly, float32, operands in L1, one thread, GFLOP/s per variant.
Compare with FmaPeakBenchmark (docs/convolution.md and docs/gemm-avx512.md, "Session 51").

Variants (24 FMAs a step unless said):
  peak          24 FMAs on registers only
  tap6x4        the weight-gradient tile (ConvDirect.tapTile4): 4 vector loads, 6 broadcasts, 24 FMAs
  tap6x4-embed  the same with each FMA reading its image value as an embedded broadcast ({1to16}, oneDNN's
                form): 4 loads and 24 FMAs with a memory operand, no broadcast instruction
  tap6x4+7ld    tap6x4 and 7 scalar loads from the stack (the reloads C2 leaves in tapTile4's loop)
  tap6x4+14alu  tap6x4 and 14 scalar ALU instructions (7 lea + 7 cmp: index arithmetic, range checks)
  tap6x4+28alu  tap6x4 and 28
  gemmRxV       the product's register tile of R broadcast rows × V vectors of panel: V loads, R broadcasts

  gcc and a CPU with AVX-512F; python3 docs/bench/src/asm_tile_ceilings.py [steps, default 200000000]
"""
import os
import subprocess
import sys
import tempfile


def tap(embed=False, loads=0, alu=0):
    body = [f"vmovups {v * 64}(%rsi), %zmm{24 + v}" for v in range(4)]
    for t in range(6):
        if embed:
            body += [f"vfmadd231ps {t * 4}(%rdx){{1to16}}, %zmm{24 + v}, %zmm{t * 4 + v}" for v in range(4)]
        else:
            b = 28 + t % 3
            body.append(f"vbroadcastss {t * 4}(%rdx), %zmm{b}")
            body += [f"vfmadd231ps %zmm{24 + v}, %zmm{b}, %zmm{t * 4 + v}" for v in range(4)]
    body += [f"movl {8 + 4 * i}(%rsp), %eax" for i in range(loads)]
    for i in range(alu // 2):
        body += [f"leal {i}(%r9), %eax", "cmpl %eax, %r11d"]
    return body, 24, 4 * 64, 6 * 4


def gemm(rows, vectors):
    body = [f"vmovups {v * 64}(%rsi), %zmm{24 + v}" for v in range(vectors)]
    spare = 8 - vectors
    for r in range(rows):
        b = 24 + vectors + r % spare
        body.append(f"vbroadcastss {r * 4}(%rdx), %zmm{b}")
        body += [f"vfmadd231ps %zmm{24 + v}, %zmm{b}, %zmm{r * vectors + v}" for v in range(vectors)]
    return body, rows * vectors, vectors * 64, rows * 4


def peak():
    return [f"vfmadd231ps %zmm{24 + v}, %zmm{28 + t % 2}, %zmm{t * 4 + v}" for t in range(6) for v in range(4)], \
        24, 0, 0


VARIANTS = {
    "peak": peak(),
    "tap6x4": tap(),
    "tap6x4-embed": tap(embed=True),
    "tap6x4+7ld": tap(loads=7),
    "tap6x4+14alu": tap(alu=14),
    "tap6x4+28alu": tap(alu=28),
    "gemm12x2": gemm(12, 2),
    "gemm8x3": gemm(8, 3),
    "gemm6x4": gemm(6, 4),
    "gemm4x6": gemm(4, 6),
}


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000_000
    asm = [".text"]
    decls = []
    calls = []
    for i, (name, (body, fmas, panel_step, sliver_step)) in enumerate(VARIANTS.items()):
        # rsi walks a panel, rdx a sliver, both wrapping every 64 steps so that they stay in L1
        asm += [f".globl loop{i}", f"loop{i}:", "movq %rdx, %r8", "movq %rsi, %r10", "xorl %r9d, %r9d",
                "movl $-1, %r11d", "1:"] + body + [
            f"addq ${panel_step}, %rsi", f"addq ${sliver_step}, %rdx", "incl %r9d", "testl $63, %r9d", "jnz 2f",
            "movq %r10, %rsi", "movq %r8, %rdx", "2:", "decq %rdi", "jnz 1b", "vzeroupper", "ret"]
        decls.append(f"void loop{i}(long, float *, float *);")
        calls.append(f'    run("{name}", loop{i}, {fmas});')
    c = "\n".join([
        "#include <stdio.h>", "#include <stdlib.h>", "#include <time.h>", *decls,
        "static float *panel, *sliver;",
        "static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t);"
        " return t.tv_sec + t.tv_nsec * 1e-9; }",
        f"static void run(const char *name, void (*f)(long, float *, float *), int fmas) {{",
        f"    long n = {steps}L; double best = 0;",
        "    for (int r = 0; r < 3; r++) { double t0 = now(); f(n, panel, sliver); double t = now() - t0;",
        "        double g = n * (double) fmas * 32 / t / 1e9; if (g > best) best = g; }",
        '    printf("%-14s %6.1f GFLOP/s\\n", name, best);', "}",
        "int main(void) {",
        "    panel = aligned_alloc(64, 1 << 16); sliver = aligned_alloc(64, 1 << 16);",
        "    for (int i = 0; i < (1 << 14); i++) { panel[i] = 1e-3f; sliver[i] = 1e-3f; }",
        *calls, "    return 0;", "}"])
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "loops.s"), "w") as f:
            f.write("\n".join(asm) + "\n.section .note.GNU-stack,\"\",@progbits\n")
        with open(os.path.join(d, "main.c"), "w") as f:
            f.write(c + "\n")
        exe = os.path.join(d, "ceilings")
        subprocess.run(["gcc", "-O2", "-o", exe, os.path.join(d, "main.c"), os.path.join(d, "loops.s")],
                       check=True)
        subprocess.run([exe], check=True)


if __name__ == "__main__":
    main()
