#!/usr/bin/python3
"""bench/torch_peers.py: the PyTorch peers of posenc_gbench, on the CPU, one thread.

Run with Debian's /usr/bin/python3 (python3-torch 1.13; its BLAS is whatever
libblas.so.3 points to: install libopenblas0-pthread, or sgemm runs ~30x slower).

  /usr/bin/python3 bench/torch_peers.py                  every case -> build/bench/torch.json
  /usr/bin/python3 bench/torch_peers.py --only rope/     a subset
  /usr/bin/python3 bench/torch_peers.py --attention-once alibi 2048
                                                         one attention forward, then exit
                                                         (the child of bench/peak_memory.py)

Shapes and counts are those of bench/gbench/shapes.hpp, and each case is named as
the posenc_gbench benchmark it is the peer of (bench/report.mjs pairs them by name):

  rope/half/L:N         HF transformers apply_rotary_pos_emb: x * cos + rotate_half(x) * sin,
                        cos and sin L x d ([row | row]) made once outside the timing;
                        bytes = 2 * 4 * H * L * d (x in, y out), H = 32, d = 128
  rope/interleaved/L:N  Meta Llama apply_rotary_emb: view_as_complex(x) * freqs_cis
  table/sinusoid/L:N    The Annotated Transformer's PositionalEncoding table, D = 512
  table/rope_cos_sin/L:N  HF's default rotary table: outer(t, inv_freq).cos() and .sin()
                        (L x d/2 each, what posenc's rope_cos_sin returns; HF then
                        repeats each row, [row | row])
  attention/S/L:N       softmax(q @ k^T / sqrt(d) + bias) @ v, H = 8, d = 64, full mask,
                        bias an H x L x L float tensor made once outside the timing:
                        alibi -m_h |i - j|; t5 table[h, bucket(j - i)] (HF T5
                        _relative_position_bucket, bidirectional, 32 buckets, distance
                        128); rope: q and k rotated (rotate_half) inside the timing, no
                        bias; none: no bias. flops = 4 L^2 d H.

Timing: process CPU time (time.process_time), as Google Benchmark's default, with
OMP_NUM_THREADS = OPENBLAS_NUM_THREADS = 1 and torch.set_num_threads(1). One
untimed call, then 3 repetitions of at least 0.2 s each; the median repetition's
time per call. A call over 1 s is timed once, with no warm-up (as posenc_gbench
times attention at L = 8192).
"""
import argparse
import json
import math
import os
import platform
import statistics
import sys
import time
from functools import partial

# Before torch loads: its OpenMP pool and OpenBLAS's threads read these at start.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import torch  # noqa: E402

torch.set_num_threads(1)
torch.manual_seed(2024)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# bench/gbench/shapes.hpp
ROPE_HEADS, ROPE_DIM = 32, 128
ROPE_LENGTHS = [16, 128, 1024, 2048, 8192]
SINUSOID_DIM = 512
TABLE_LENGTHS = [1024, 8192]
ATTN_HEADS, ATTN_DIM = 8, 64
ATTN_LENGTHS = [512, 1024, 2048, 4096, 8192]
SCHEMES = ["none", "alibi", "t5", "rope"]
BASE = 10000.0
T5_BUCKETS, T5_MAX_DISTANCE = 32, 128


def time_call(fn, min_time=0.2, repetitions=3):
    """Seconds of CPU time per call of fn (see the module comment)."""
    t0 = time.process_time()
    fn()
    first = time.process_time() - t0
    if first > 1.0:
        return first, 1
    per_call = []
    calls = max(1, int(min_time / max(first, 1e-6)))
    for _ in range(repetitions):
        t0 = time.process_time()
        for _ in range(calls):
            fn()
        per_call.append((time.process_time() - t0) / calls)
    return statistics.median(per_call), calls * repetitions


# ---- RoPE ---------------------------------------------------------------------------

def rope_inv_freq(dim):
    """HF _compute_default_rope_parameters: 1 / base^(2k / d)."""
    return 1.0 / (BASE ** (torch.arange(0, dim, 2, dtype=torch.int64).float() / dim))


def rope_cos_sin(length, dim):
    """HF's rotary table before the repeat: cos and sin of outer(t, inv_freq), L x d/2."""
    freqs = torch.outer(torch.arange(length, dtype=torch.float32), rope_inv_freq(dim))
    return freqs.cos(), freqs.sin()


def rotate_half(x):
    """HF transformers: [-x2, x1] for x = [x1, x2] split at d/2."""
    x1, x2 = x[..., : x.shape[-1] // 2], x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def rope_half_tables(length, dim):
    cos, sin = rope_cos_sin(length, dim)
    return torch.cat((cos, cos), dim=-1), torch.cat((sin, sin), dim=-1)  # HF's emb = cat(freqs, freqs)


def rope_half(x, cos, sin):
    """HF apply_rotary_pos_emb on one tensor."""
    return x * cos + rotate_half(x) * sin


def rope_interleaved(x, freqs_cis):
    """Meta Llama apply_rotary_emb (model.py): pairs (2k, 2k + 1) as complex numbers."""
    xc = torch.view_as_complex(x.float().reshape(*x.shape[:-1], -1, 2))
    return torch.view_as_real(xc * freqs_cis).flatten(-2)


def rope_cases(length):
    x = torch.randn(ROPE_HEADS, length, ROPE_DIM)
    cos, sin = rope_half_tables(length, ROPE_DIM)
    c, s = rope_cos_sin(length, ROPE_DIM)
    freqs_cis = torch.complex(c, s)  # Meta's torch.polar(ones, freqs)
    nbytes = 2 * 4 * ROPE_HEADS * length * ROPE_DIM
    yield f"rope/half/L:{length}", lambda: partial(rope_half, x, cos, sin), nbytes, "B/s"
    yield f"rope/interleaved/L:{length}", lambda: partial(rope_interleaved, x, freqs_cis), nbytes, "B/s"


# ---- tables -------------------------------------------------------------------------

def sinusoid_table(length, dim):
    """The Annotated Transformer's PositionalEncoding: interleaved sin, cos."""
    pe = torch.zeros(length, dim)
    position = torch.arange(0, length).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, dim, 2) * -(math.log(BASE) / dim))
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term)
    return pe


def table_cases(length):
    yield (f"table/sinusoid/L:{length}", lambda: partial(sinusoid_table, length, SINUSOID_DIM),
           length * SINUSOID_DIM, "elements/s")
    yield (f"table/rope_cos_sin/L:{length}", lambda: partial(rope_cos_sin, length, ROPE_DIM),
           length * ROPE_DIM, "elements/s")


# ---- attention ----------------------------------------------------------------------

def alibi_slopes(heads):
    """Press et al.: m_h = 2^(-8 (h + 1) / H) for H a power of two (H = 8 here)."""
    return torch.tensor([2.0 ** (-8.0 * (h + 1) / heads) for h in range(heads)])


def t5_bucket(relative_position, num_buckets=T5_BUCKETS, max_distance=T5_MAX_DISTANCE):
    """HF T5Attention._relative_position_bucket, bidirectional (relative = key - query)."""
    num_buckets //= 2
    buckets = (relative_position > 0).to(torch.long) * num_buckets
    n = torch.abs(relative_position)
    max_exact = num_buckets // 2
    is_small = n < max_exact
    large = max_exact + (
        torch.log(n.float() / max_exact) / math.log(max_distance / max_exact) * (num_buckets - max_exact)
    ).to(torch.long)
    large = torch.min(large, torch.full_like(large, num_buckets - 1))
    return buckets + torch.where(is_small, n, large)


def attention_bias(scheme, length):
    """The H x L x L float mask of a scheme, or None."""
    pos = torch.arange(length)
    rel = pos[None, :] - pos[:, None]  # key - query
    if scheme == "alibi":
        return -alibi_slopes(ATTN_HEADS)[:, None, None] * rel.abs().float()[None]
    if scheme == "t5":
        table = torch.randn(ATTN_HEADS, T5_BUCKETS)
        return table[:, t5_bucket(rel)]
    return None


def attention_call(scheme, length):
    """The timed call of a scheme (inputs and the bias made here, outside it)."""
    q, k, v = (torch.randn(ATTN_HEADS, length, ATTN_DIM) for _ in range(3))
    scale = 1.0 / math.sqrt(ATTN_DIM)
    bias = attention_bias(scheme, length)
    if scheme == "rope":
        cos, sin = rope_half_tables(length, ATTN_DIM)
        return lambda: torch.softmax(rope_half(q, cos, sin) @ rope_half(k, cos, sin).transpose(-1, -2) * scale,
                                     dim=-1) @ v
    if bias is None:
        return lambda: torch.softmax(q @ k.transpose(-1, -2) * scale, dim=-1) @ v
    return lambda: torch.softmax(q @ k.transpose(-1, -2) * scale + bias, dim=-1) @ v


def attention_cases(length):
    for scheme in SCHEMES:
        yield f"attention/{scheme}/L:{length}", (lambda s=scheme: attention_call(s, length)), \
            4 * length * length * ATTN_DIM * ATTN_HEADS, "FLOP/s"


# ---- the machine --------------------------------------------------------------------

def blas_library():
    """The BLAS shared object this process mapped (torch's BLAS_INFO says only 'generic')."""
    with open("/proc/self/maps") as f:
        libs = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
    return sorted(os.path.realpath(p) for p in libs)


def sgemm_gflops(n=1024):
    a, b = torch.randn(n, n), torch.randn(n, n)
    seconds, _ = time_call(lambda: a @ b)
    return 2.0 * n ** 3 / seconds / 1e9


def mem_available_bytes():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    return 0


def all_cases():
    """(name, setup, work, unit): setup() makes the inputs and returns the timed callable."""
    for length in ROPE_LENGTHS:
        yield from rope_cases(length)
    for length in TABLE_LENGTHS:
        yield from table_cases(length)
    for length in ATTN_LENGTHS:
        yield from attention_cases(length)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", action="append", default=[], help="only cases whose name contains TEXT")
    ap.add_argument("--json", default=os.path.join(ROOT, "build/bench/torch.json"))
    ap.add_argument("--attention-once", nargs=2, metavar=("SCHEME", "L"))
    args = ap.parse_args()

    if args.attention_once:
        scheme, length = args.attention_once[0], int(args.attention_once[1])
        if scheme not in SCHEMES or not 1 <= length <= 65536:
            print(f"torch_peers.py: --attention-once: got {scheme} {length}; allowed: "
                  f"scheme in {SCHEMES}, L in [1, 65536]", file=sys.stderr)
            return 2
        print(float(attention_call(scheme, length)().sum()))
        return 0

    blas = blas_library()
    gflops = sgemm_gflops()
    print(f"PyTorch {torch.__version__}, threads {torch.get_num_threads()}, BLAS {', '.join(blas) or 'not mapped'}: "
          f"sgemm 1024^3 {gflops:.1f} GFLOP/s")
    if gflops < 50:
        print("torch_peers.py: warning: sgemm under 50 GFLOP/s: the reference BLAS? "
              "(apt-get install libopenblas0-pthread)", file=sys.stderr)

    cases = []
    for name, make, work, unit in all_cases():
        if args.only and not any(o in name for o in args.only):
            continue
        # A float mask of 8 x 8192^2 is 2 GiB; the expression holds ~3 more of it.
        if name.startswith("attention/") and name.endswith("L:8192") and mem_available_bytes() < 12 * 2 ** 30:
            print(f"{name:32s} skipped: under 12 GiB of memory available")
            continue
        fn = make()
        seconds, calls = time_call(fn)
        rate = work / seconds
        cases.append({"name": name, "seconds": seconds, "calls": calls, "work": work, "rate": rate, "unit": unit})
        print(f"{name:32s} {seconds * 1e3:12.3f} ms  {rate / 1e9:10.3f} G{unit}")
        del fn

    os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump({"torch": torch.__version__, "python": platform.python_version(), "threads": torch.get_num_threads(),
                   "blas": blas, "sgemm_gflops": gflops, "timer": "process_time", "cases": cases}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
