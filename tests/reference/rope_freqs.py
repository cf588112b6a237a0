"""Known values for RoPE's inverse frequencies under every scaling (tests/cpp/test_rope.cpp,
tests/cli/rope.test.mjs).

A re-implementation, in my own words, of HF transformers
src/transformers/modeling_rope_utils.py:
  _compute_default_rope_parameters, _compute_linear_scaling_rope_parameters,
  _compute_ntk_parameters (static NTK, bloc97), _compute_dynamic_ntk_parameters,
  _compute_yarn_parameters (find_correction_dim / find_correction_range with floor/ceil,
  linear_ramp_factor, get_mscale), _compute_llama3_parameters.
Each takes the rotary width as `dim` (HF: int(head_dim * partial_rotary_factor)).

HF builds the exponents with `.float()` (float32). The functions take a dtype: the
numbers pasted into the tests come from float64 (the same formulas, so posenc's double
arithmetic can be held to 1e-12), and the script prints how far HF's float32 result is
from them (about 1e-7 relative).

Run: /usr/bin/python3 tests/reference/rope_freqs.py
"""
import math

import torch


def default_inv_freq(dim, base, dtype):
    # 1 / base^(arange(0, dim, 2) / dim)
    return 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.int64).to(dtype) / dim))


def linear_inv_freq(dim, base, factor, dtype):
    return default_inv_freq(dim, base, dtype) / factor


def ntk_inv_freq(dim, base, factor, dtype):
    new_base = base * factor ** (dim / (dim - 2))
    return default_inv_freq(dim, new_base, dtype)


def dynamic_inv_freq(dim, base, factor, max_pos, seq_len, dtype):
    seq_len = seq_len if seq_len is not None and seq_len > max_pos else max_pos
    new_base = base * ((factor * seq_len / max_pos) - (factor - 1)) ** (dim / (dim - 2))
    return default_inv_freq(dim, new_base, dtype)


def yarn(dim, base, factor, max_pos, dtype, beta_fast=32, beta_slow=1):
    attention_factor = 1.0 if factor <= 1 else 0.1 * math.log(factor) + 1.0

    def correction_dim(rotations):
        return (dim * math.log(max_pos / (rotations * 2 * math.pi))) / (2 * math.log(base))

    low = max(math.floor(correction_dim(beta_fast)), 0)
    high = min(math.ceil(correction_dim(beta_slow)), dim - 1)
    if low == high:
        high += 0.001
    ramp = torch.clamp((torch.arange(dim // 2, dtype=dtype) - low) / (high - low), 0, 1)
    pos_freqs = base ** (torch.arange(0, dim, 2).to(dtype) / dim)
    extrapolation = 1.0 / pos_freqs
    interpolation = 1.0 / (factor * pos_freqs)
    keep = 1 - ramp  # HF: inv_freq_extrapolation_factor
    inv = interpolation * (1 - keep) + extrapolation * keep
    return inv, attention_factor, (low, high)


def llama3_inv_freq(dim, base, factor, low_ff, high_ff, old_len, dtype):
    inv = default_inv_freq(dim, base, dtype)
    low_wl = old_len / low_ff
    high_wl = old_len / high_ff
    wl = 2 * math.pi / inv
    out = torch.where(wl > low_wl, inv / factor, inv)
    smooth = (old_len / wl - low_ff) / (high_ff - low_ff)
    smoothed = (1 - smooth) * out / factor + smooth * out
    medium = ~(wl < high_wl) * ~(wl > low_wl)
    return torch.where(medium, smoothed, out)


CASES = {
    "default d=16 base=10000": lambda t: default_inv_freq(16, 10000.0, t),
    "partial d=64 rotary_pct=0.25 (r=16) base=10000": lambda t: default_inv_freq(int(64 * 0.25), 10000.0, t),
    "linear d=16 factor=4": lambda t: linear_inv_freq(16, 10000.0, 4.0, t),
    "ntk d=16 factor=8": lambda t: ntk_inv_freq(16, 10000.0, 8.0, t),
    "dynamic d=16 factor=2 M=2048 seq_len=5000": lambda t: dynamic_inv_freq(16, 10000.0, 2.0, 2048, 5000, t),
    "dynamic d=16 factor=2 M=2048 seq_len=1000 (unscaled)": lambda t: dynamic_inv_freq(16, 10000.0, 2.0, 2048, 1000, t),
    "yarn d=32 factor=4 M=2048": lambda t: yarn(32, 10000.0, 4.0, 2048, t)[0],
    "yarn d=16 factor=4 M=64 (CLI)": lambda t: yarn(16, 10000.0, 4.0, 64, t)[0],
    "yarn d=16 factor=4 M=4 (low == high == 0: HF's +0.001 guard)": lambda t: yarn(16, 10000.0, 4.0, 4, t)[0],
    "llama3 d=32 base=500000 factor=8 low=1 high=4 M=8192": lambda t: llama3_inv_freq(32, 500000.0, 8.0, 1.0, 4.0, 8192, t),
}


def main():
    for name, fn in CASES.items():
        exact = fn(torch.float64)
        hf32 = fn(torch.float32).to(torch.float64)
        rel = ((hf32 - exact).abs() / exact).max().item()
        print(f"# {name}   (HF float32 max rel diff {rel:.1e})")
        print("{" + ", ".join(repr(v) for v in exact.tolist()) + "}")
    _, att, rng = yarn(32, 10000.0, 4.0, 2048, torch.float64)
    print(f"# yarn d=32 factor=4 M=2048: attention_factor {att!r}, ramp (low, high) {rng}")
    for d, m in ((16, 64), (64, 8192)):
        print(f"# yarn d={d} M={m}: ramp (low, high) {yarn(d, 10000.0, 16.0, m, torch.float64)[2]}")
    print(f"# yarn factor=1: attention_factor {yarn(32, 10000.0, 1.0, 2048, torch.float64)[1]!r}")


if __name__ == "__main__":
    main()
