#!/usr/bin/env python3
"""A cost model, not a measurement: how much of the Taylor jets' Cauchy-product work a relaxed
(on-line) product with Karatsuba blocks would save, against the naive sums the jets compute today.

The jets (Sources/GradientFlow/TaylorJets.swift) compute each order l of every Cauchy product as
the naive sum of l + 1 products of operands shortened to the bits that order needs
(TaylorStepSize.coefficientBits). Their cost is counted here in limb multiplications with
schoolbook weights: a product at order l costs A(l)^2, A(l) = ceil(bits(l) / 64).

The relaxed product modelled: terms a_j b_i (j + i = l) with min(j, i) < B0 stay naive; the rest
is tiled by aligned squares [xB, xB + B) x [yB, yB + B) with min(x, y) = 1, B = B0, 2B0, 4B0, ...
(a square's inputs are complete before its first output is needed exactly when min(x, y) >= 1).
A square costs Karatsuba's 3^log2(B/4) * 16 coefficient products, each at the precision of its
lowest output order (x + y)B, and is counted whole even where it crosses order K. Additions,
shifts and the per-product overheads are not counted, so the saving is an upper bound for this
design; van der Hoeven's variants differ by constant factors.

Usage: relaxed_product_model.py [BITS ...]   (default 256 1024 2048 4096)"""
import math
import sys


def order(bits):
    """TaylorStepSize.order(toleranceBits:): K = ceil(bits ln 2 / 2) + 1 (tolerance 2^-p)."""
    return math.ceil(bits * math.log(2) / 2) + 1


def weight(level, K):
    """A(l)^2 for TaylorStepSize.coefficientBits(level:order:)."""
    b = math.ceil((2 * (K - 1) - 1.8 * level) / math.log(2)) + 64
    return math.ceil(b / 64) ** 2


def karatsuba(B, cutoff=4):
    return B * B if B <= cutoff else 3 * karatsuba(B // 2, cutoff)


def naive_cost(K):
    return sum((l + 1) * weight(l, K) for l in range(K + 1))


def naive_terms(K, inside):
    """The naive cost of the terms a_j b_(l-j) whose min(j, l - j) satisfies `inside`."""
    return sum(weight(l, K) * sum(1 for j in range(l + 1) if inside(min(j, l - j))) for l in range(K + 1))


def relaxed_cost(K, B0):
    edge = naive_terms(K, lambda low: low < B0)
    squares, B = 0, B0
    while 2 * B <= K:
        for x in range(1, K // B + 1):
            for y in range(1, K // B + 1):
                if min(x, y) == 1 and (x + y) * B <= K:
                    squares += karatsuba(B) * weight((x + y) * B, K)
        B *= 2
    return edge + squares + naive_terms(K, lambda low: low >= B)   # beyond the last squares


def main():
    try:
        bits = [int(a) for a in sys.argv[1:]] or [256, 1024, 2048, 4096]
    except ValueError:
        raise SystemExit(__doc__.rsplit("\n", 1)[-1])
    if any(not 2 <= p <= 4096 for p in bits):
        raise SystemExit("relaxed_product_model.py: BITS must be 2 … 4096 (flowverify's range)")
    print("| bits | order K | relaxed / naive, B0 = 4 | B0 = 8 | B0 = 16 |")
    print("|---:|---:|---:|---:|---:|")
    for p in bits:
        K = order(p)
        naive = naive_cost(K)
        ratios = [relaxed_cost(K, b0) / naive for b0 in (4, 8, 16)]
        print(f"| {p} | {K} | " + " | ".join(f"{r:.2f}" for r in ratios) + " |")


if __name__ == "__main__":
    main()
