#!/usr/bin/python3
"""bench/peak_memory.py: peak memory of one attention forward against L, ours and PyTorch's.

  /usr/bin/python3 bench/peak_memory.py            -> build/bench/memory.json
  /usr/bin/python3 bench/peak_memory.py --lengths 1024,2048 --schemes alibi

Each measurement is one child process that runs one forward (H = 8, d = 64, full
mask) and exits; its peak resident set size is GNU time's %M for that process
(/usr/bin/time, Debian package `time`):

  ours     build/native/posenc_gbench --peak-memory SCHEME L   (posenc::attention on
           seeded q, k, v; biases made on the fly, no L x L buffer)
  PyTorch  /usr/bin/python3 bench/torch_peers.py --attention-once SCHEME L
           (softmax(q @ k^T / sqrt(d) + bias) @ v with bias an H x L x L float tensor)

A process's peak includes its program, libraries and interpreter (Python with torch
is ~10^2 MB before any tensor), so each side's baseline, the same child at L = 16,
is subtracted: "above base" is what the forward at L needed, inputs included.
The row's ratio is ours / PyTorch's, above base; the issue's goal is at most 0.1 at
L >= 2048.
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASE_LENGTH = 16


def peak_rss_bytes(cmd):
    """Runs cmd (stdout discarded) under GNU time and returns its peak RSS in bytes.

    GNU time's %M is the child's own ru_maxrss. (os.wait4 on a child of this
    process would count the Python parent's pages, shared before the exec.)"""
    p = subprocess.run(["/usr/bin/time", "-f", "peak_rss_kib=%M", *cmd], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    lines = p.stderr.strip().splitlines()
    if p.returncode != 0 or not lines or not lines[-1].startswith("peak_rss_kib="):
        raise RuntimeError(f"{' '.join(cmd)}: exit {p.returncode}: {p.stderr.strip()}")
    return int(lines[-1].split("=")[1]) * 1024


def commands(gbench):
    return {
        "ours": lambda s, n: [gbench, "--peak-memory", s, str(n)],
        "torch": lambda s, n: ["/usr/bin/python3", os.path.join(ROOT, "bench/torch_peers.py"),
                               "--attention-once", s, str(n)],
    }


def int_list(text):
    try:
        values = [int(x) for x in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"got {text!r}; allowed: comma-separated integers in [17, 65536]")
    if not all(BASE_LENGTH < v <= 65536 for v in values):
        raise argparse.ArgumentTypeError(f"got {text!r}; allowed: comma-separated integers in [17, 65536]")
    return values


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lengths", type=int_list, default=[1024, 2048, 4096, 8192])
    ap.add_argument("--schemes", default="alibi,t5")
    ap.add_argument("--gbench", default=os.path.join(ROOT, "build/native/posenc_gbench"))
    ap.add_argument("--json", default=os.path.join(ROOT, "build/bench/memory.json"))
    args = ap.parse_args()
    if not os.access("/usr/bin/time", os.X_OK):
        print("peak_memory.py: /usr/bin/time is missing (apt-get install time)", file=sys.stderr)
        return 2
    if not os.access(args.gbench, os.X_OK):
        print(f"peak_memory.py: --gbench: {args.gbench} is not an executable (build it: npm run build:native)",
              file=sys.stderr)
        return 2

    sides = commands(args.gbench)
    rows, failures = [], []
    print(f"{'scheme':8s} {'L':>6s} {'ours MB':>10s} {'torch MB':>10s}   (peak RSS above the L = {BASE_LENGTH} run)")
    for scheme in args.schemes.split(","):
        try:
            base = {side: peak_rss_bytes(cmd(scheme, BASE_LENGTH)) for side, cmd in sides.items()}
        except RuntimeError as e:
            failures.append(str(e))
            continue
        for length in args.lengths:
            try:
                peak = {side: peak_rss_bytes(cmd(scheme, length)) for side, cmd in sides.items()}
            except RuntimeError as e:
                failures.append(str(e))
                continue
            above = {side: peak[side] - base[side] for side in sides}
            rows.append({"scheme": scheme, "length": length, "peak": peak, "base": base, "above_base": above})
            print(f"{scheme:8s} {length:6d} {above['ours'] / 1e6:10.1f} {above['torch'] / 1e6:10.1f}")

    os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump({"heads": 8, "dim": 64, "mask": "full", "base_length": BASE_LENGTH, "unit": "bytes",
                   "measurements": rows, "failures": failures}, f, indent=1)
    for e in failures:
        print(f"peak_memory.py: {e}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
