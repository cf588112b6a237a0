#!/usr/bin/env python3
"""Writes the fuzzers' seed corpus: tests/fuzz/api/seed-* and tests/fuzz/cli/seed-*.

API seeds: the first byte picks the area of cpp/fuzz/fuzz_api.cpp (0 encodings,
1 relative/t5/alibi, 2 fire/conv, 3 rope, 4 metrics/similarity/embed/parsers,
5 attention); the rest are fixed pseudo-random bytes, read as choices.
CLI seeds: the text form of cpp/fuzz/fuzz_cli.cpp (0xFF, then the command and its
words separated by NUL bytes): one valid invocation per command and scheme, so
the fuzzer starts deep in every command. Run it again after changing the lists;
it rewrites seed-* only (crash-* regression inputs are kept).
"""
import pathlib
import random

here = pathlib.Path(__file__).resolve().parent

CLI = [
    "encode --scheme sinusoidal --length 8 --dim 6",
    "encode --scheme learned --length 4 --dim 3 --max-length 6 --seed 2 --format csv",
    "encode --scheme random --length 5 --dim 2 --seed 9",
    "encode --scheme sinusoidal --length 3 --dim 5 --layout concat --spacing endpoint --base 100",
    "relative --length 6 --clip 2",
    "relative --length 4 --format csv",
    "t5-bucket --positions -200,-3,0,1,7,500 --num-buckets 32 --max-distance 128",
    "t5-bucket --positions 0,-1,-9 --causal --num-buckets 8 --max-distance 20",
    "alibi --heads 8 --length 5",
    "alibi --heads 3 --length 4 --symmetric --format csv",
    "rope-freqs --dim 16 --scaling yarn --factor 4 --original-max-length 64",
    "rope-freqs --dim 12 --scaling llama3 --factor 8 --low-freq-factor 1 --high-freq-factor 4",
    "rope-freqs --dim 8 --scaling dynamic --factor 2 --seq-len 100 --original-max-length 50 --partial 0.5",
    "rope-apply --pairing half --position 3 --vector 1,2,3,4",
    "rope-apply --pairing interleaved --position 1e9 --vector 0.5,-1,2,0 --scaling ntk --factor 2",
    "rope-decay --dim 16 --max-distance 40 --step 5",
    "fire --length 6 --heads 2 --hidden 4 --threshold 3",
    "conv --length 7 --dim 3 --kernel 3 --layers 2",
    "conv --length 5 --dim 2 --kernel 5 --content ones --format csv",
    "metrics --scheme sinusoidal --length 8 --dim 4",
    "metrics --scheme learned --length 6 --dim 4",
    "similarity --scheme sinusoidal --length 6 --dim 4 --measure cosine",
    "similarity --scheme index --length 5 --dim 2",
    "embed --scheme sinusoidal --length 4 --dim 4 --word-scale 2",
    "attention --scheme rope --length 5 --heads 2 --dim 4 --causal --weights --scores",
    "attention --scheme alibi --length 4 --heads 2 --dim 3 --causal --offset 10",
    "attention --scheme t5 --length 4 --heads 1 --dim 2 --num-buckets 8 --max-distance 16",
    "attention --scheme fire --length 5 --heads 2 --dim 2 --hidden 4 --causal",
    "attention --scheme relative --length 4 --heads 1 --dim 2 --clip 1 --inputs",
    "attention --scheme relative-bias --length 4 --heads 2 --dim 2 --clip 2 --permute 3,1,2,0",
    "attention --scheme learned --length 3 --heads 1 --dim 2 --offset 2 --max-length 8",
    "attention --scheme sinusoidal --length 3 --heads 1 --dim 4 --offset 5 --base 100",
    "train --scheme rope --steps 1 --train-length 2 --eval-lengths 2,4 --dim 8 --heads 2 --batch 2 --eval-examples 2",
    "train --scheme alibi --steps 2 --train-length 3 --eval-lengths 3 --dim 4 --heads 1 --batch 2 --eval-examples 1 --vocab 4",
]


def main():
    rng = random.Random(9)
    api, cli = here / "api", here / "cli"
    for d in (api, cli):
        d.mkdir(exist_ok=True)
        for old in d.glob("seed-*"):
            old.unlink()
    for area in range(6):
        for k in range(5):
            size = rng.choice([4, 12, 24, 48, 96])
            body = bytes([area]) + bytes(rng.randrange(256) for _ in range(size))
            (api / f"seed-{area}-{k}").write_bytes(body)
    for k, line in enumerate(CLI):
        words = line.split(" ")
        (cli / f"seed-{k:02d}-{words[0]}").write_bytes(b"\xff" + b"\0".join(w.encode() for w in words))


if __name__ == "__main__":
    main()
