"""Known values for RoFormer's long-term decay curve (tests/cpp/test_rope.cpp,
tests/cli/rope.test.mjs).

Su et al. 2021, RoFormer section 3.4.3 and figure 2: after Abel summation,
  |sum_k h_k e^{i r theta_k}| <= max_k |h_{k+1} - h_k| * sum_{j=1..d/2} |S_j|,
  S_j = sum_{k=0..j-1} e^{i r theta_k},  theta_k = base^(-2k/d),
and figure 2 plots the relative upper bound (1/(d/2)) sum_j |S_j| against r.
Evaluated here independently with Python's complex numbers (cmath), in my own
words; the reference implementation of the figure is not published, so the
definition in the paper is the source.

Run: /usr/bin/python3 tests/reference/rope_decay.py
"""
import cmath


def bound(r, d, base=10000.0):
    n = d // 2
    s = 0j
    total = 0.0
    for k in range(n):
        s += cmath.exp(1j * r * base ** (-2.0 * k / d))
        total += abs(s)
    return total / n


def main():
    for d, rs in ((128, (0, 1, 10, 50, 100, 250)), (8, (0, 1, 2, 3)), (64, (0, 20, 40))):
        print(f"# d={d} base=10000 r={list(rs)}")
        print("{" + ", ".join(repr(bound(r, d)) for r in rs) + "}")
    print("# d=16 base=100 r=[7.5, -7.5]")
    print("{" + ", ".join(repr(bound(r, 16, 100.0)) for r in (7.5, -7.5)) + "}")


if __name__ == "__main__":
    main()
