#!/usr/bin/python3
"""Expected T5 relative-position buckets for tests/cpp/test_t5.cpp.

Canonical source: HF transformers, src/transformers/models/t5/modeling_t5.py,
T5Attention._relative_position_bucket (itself adapted from mesh_tensorflow's
transformer/transformer_layers.py _relative_position_bucket). Re-stated below in
this project's words, keeping the reference's arithmetic exactly: int64 tensors,
the log branch in float32 (torch.log of a float32 tensor, divided by a Python
float, times an int), truncation toward zero by .to(torch.long).

Run with Debian's torch: /usr/bin/python3 tests/reference/t5_buckets.py
It prints C++ initializers to paste into test_t5.cpp:
  - spot values at chosen relative positions, per configuration;
  - the complete bucket sequence over r in [-5000, 5000] as runs
    {first r of the run, bucket}, from which the test rebuilds every value;
  - for each configuration, the positions where a double-precision log branch
    would disagree with the float32 one (the test checks the float32 answer).
"""
import math

import torch

LO, HI = -5000, 5000

# (num_buckets, max_distance, causal)
CONFIGS = [
    (32, 128, False),  # T5 encoder default
    (32, 128, True),   # T5 decoder default
    (64, 256, False),
    (64, 256, True),
    (72, 32, False),   # float32 and double disagree at r = -24 and 24
    (9, 128, True),    # float32 and double disagree at r = -8, -16, -64
]

SPOT = [0, 1, 2, 7, 8, 11, 15, 16, 22, 24, 32, 45, 64, 90, 127, 128, 129, 1000, 5000]


def bucket(relative_position, num_buckets, max_distance, causal, log_dtype=torch.float32):
    """HF's definition; relative_position = key - query, an int64 tensor."""
    r = relative_position
    offset = torch.zeros_like(r)
    if not causal:
        num_buckets //= 2
        offset = (r > 0).to(torch.long) * num_buckets
        n = torch.abs(r)
    else:
        n = -torch.min(r, torch.zeros_like(r))
    max_exact = num_buckets // 2
    small = n < max_exact
    # As the reference: log(n / max_exact) / math.log(M / max_exact) * (B - max_exact).
    # (For n < max_exact this is computed and discarded, as in the reference.)
    scaled = torch.log(n.to(log_dtype) / max_exact) / math.log(max_distance / max_exact) * (num_buckets - max_exact)
    large = max_exact + scaled.to(torch.long)
    large = torch.min(large, torch.full_like(large, num_buckets - 1))
    return offset + torch.where(small, n, large)


def runs(values, first):
    out = []
    for k, b in enumerate(values):
        if not out or out[-1][1] != b:
            out.append((first + k, b))
    return out


def main():
    r = torch.arange(LO, HI + 1, dtype=torch.long)
    spot = torch.tensor(sorted(set([-s for s in SPOT] + SPOT)), dtype=torch.long)
    print("// spot positions:", spot.tolist())
    for nb, md, causal in CONFIGS:
        name = f"num_buckets={nb}, max_distance={md}, {'causal' if causal else 'bidirectional'}"
        full = bucket(r, nb, md, causal).tolist()
        as_double = bucket(r, nb, md, causal, torch.float64).tolist()
        diff = [(LO + k, a, b) for k, (a, b) in enumerate(zip(full, as_double)) if a != b]
        rl = runs(full, LO)
        # The run-length form must rebuild the sequence exactly.
        rebuilt = []
        for k, (start, b) in enumerate(rl):
            end = rl[k + 1][0] if k + 1 < len(rl) else HI + 1
            rebuilt += [b] * (end - start)
        assert rebuilt == full
        print(f"// {name}")
        print("spot:", "{" + ", ".join(str(v) for v in bucket(spot, nb, md, causal).tolist()) + "}")
        print("runs:", "{" + ", ".join(f"{{{s}, {b}}}" for s, b in rl) + "}")
        print("float32 vs double (r, float32, double):", diff)


if __name__ == "__main__":
    main()
