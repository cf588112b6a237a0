#!/usr/bin/python3
"""Expected ALiBi slopes for tests/cpp/test_alibi.cpp, for every head count 1..32.

Canonical source: ofirpress/attention_with_linear_biases, fairseq/models/
transformer.py, get_slopes (the authors' reference implementation of Press, Smith,
Lewis 2022). Its rule, re-stated here in this project's words:
  - for n a power of two, the slopes are a geometric sequence whose first term and
    ratio are both 2^(-8/n): 2^(-8/n), 2^(-16/n), ..., 2^(-8);
  - otherwise take p = the largest power of two below n, use the p-head sequence,
    and append the 1st, 3rd, 5th, ... slopes of the 2p-head sequence until there
    are n slopes.
Computed as the reference does: products of Python floats (double), not exp2.

Run: /usr/bin/python3 tests/reference/alibi_slopes.py   (prints a C++ initializer)
"""
import math


def geometric(n):
    first = 2.0 ** (-(2.0 ** -(math.log2(n) - 3)))  # = 2^(-8/n)
    return [first * first ** k for k in range(n)]


def slopes(n):
    if math.log2(n).is_integer():
        return geometric(n)
    p = 2 ** math.floor(math.log2(n))
    return geometric(p) + slopes(2 * p)[0::2][: n - p]


def main():
    print("// H = 1..32; row H-1 holds the H slopes (tests/reference/alibi_slopes.py)")
    for n in range(1, 33):
        print("    {" + ", ".join(repr(s) for s in slopes(n)) + "},")


if __name__ == "__main__":
    main()
