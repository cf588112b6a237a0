#!/usr/bin/python3
"""Reference values for tests/cpp/test_fire.cpp and tests/cpp/test_conv.cpp.

Run with Debian's /usr/bin/python3 (torch 1.13):  /usr/bin/python3 tests/reference/fire_conv.py

FIRE: a re-implementation, in this file's own words, of the `FIRE` PyTorch module
printed in the appendix of Li et al. 2023, "Functional Interpolation for Relative
Positions Improves Long Context Transformers" (arXiv 2310.04418): the normalized
distance log(|c (i - j)| + 1) / (log(|c max(i, |L_multiplier * init_L|)| + 1) + eps)
fed to Linear(1, W) -> ReLU -> Linear(W, H), bias[h, i, j]. The causal mask
(j > i) is applied here as NaN, as posenc does.

PEG: the 1-D form of CPVT's PosCNN (Meituan-AutoML/Twins, gvt.py, class PosCNN:
nn.Conv2d(C, C, k, 1, k // 2, bias=True, groups=C), then proj(x) + x), written
with nn.Conv1d(D, D, K, 1, K // 2, groups=D) over positions.
"""
import math

import torch

torch.set_printoptions(precision=9)


def show(name, t):
    flat = [("NAN" if math.isnan(v) else "%.9g" % v) for v in t.reshape(-1).tolist()]
    print("%s (shape %s):" % (name, list(t.shape)))
    print("  " + ", ".join(flat))


class PaperFire(torch.nn.Module):
    """The appendix module, parameters set by hand instead of learned."""

    def __init__(self, w1, b1, w2, b2, c, threshold, eps):
        super().__init__()
        hidden, heads = len(w1), len(b2)
        self.mlp = torch.nn.Sequential(torch.nn.Linear(1, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, heads))
        with torch.no_grad():
            self.mlp[0].weight.copy_(torch.tensor(w1).reshape(hidden, 1))
            self.mlp[0].bias.copy_(torch.tensor(b1))
            self.mlp[2].weight.copy_(torch.tensor(w2))
            self.mlp[2].bias.copy_(torch.tensor(b2))
        self.c = torch.tensor(c)
        self.init_L = torch.tensor(threshold)
        self.L_multiplier = torch.tensor(1.0)
        self.eps = eps

    def normalized(self, length):
        pos = torch.arange(length, dtype=torch.float)
        rel = pos[:, None] - pos[None, :]
        thr = torch.abs(self.L_multiplier * self.init_L)
        norm = torch.max(pos, thr)[:, None]
        rel = torch.log(torch.abs(self.c * rel) + 1)
        norm = torch.log(torch.abs(self.c * norm) + 1) + self.eps
        return rel / norm

    def forward(self, length):
        u = self.normalized(length)
        bias = self.mlp(u.unsqueeze(-1)).permute(2, 0, 1)  # [H, L, L]
        causal = torch.ones(length, length).tril().bool()
        return u.masked_fill(~causal, float("nan")), bias.masked_fill(~causal, float("nan"))


def fire_cases():
    w1 = [1.0, -2.0, 0.5]
    b1 = [0.1, 0.9, -0.2]
    w2 = [[0.5, -1.0, 2.0], [-0.3, 0.7, 0.25]]
    b2 = [0.05, -0.1]
    for c, thr, eps, length in [(0.1, 2.0, 0.0, 5), (0.1, 2.0, 1e-6, 5), (0.5, 512.0, 0.0, 4)]:
        m = PaperFire(w1, b1, w2, b2, c, thr, eps)
        with torch.no_grad():
            u, b = m(length)
        print("# FIRE c=%g threshold=%g eps=%g L=%d" % (c, thr, eps, length))
        show("input", u)
        show("bias", b)


def peg(x, weight, bias, layers):
    """x: [L, D]; weight: [D, K]; bias: [D]. Returns x after `layers` x <- x + conv(x)."""
    d, k = len(weight), len(weight[0])
    conv = torch.nn.Conv1d(d, d, k, 1, k // 2, bias=True, groups=d)
    with torch.no_grad():
        conv.weight.copy_(torch.tensor(weight).reshape(d, 1, k))
        conv.bias.copy_(torch.tensor(bias))
        h = torch.tensor(x).t().unsqueeze(0)  # [1, D, L]
        for _ in range(layers):
            h = conv(h) + h
    return h.squeeze(0).t()


def conv_cases():
    x = [[1.0, -0.5], [2.0, 0.25], [-1.0, 1.5], [0.5, 0.0], [3.0, -2.0]]
    print("# PEG K=3, layers=1")
    show("output", peg(x, [[0.5, -1.0, 0.25], [1.5, 0.2, -0.7]], [0.1, -0.2], 1))
    print("# PEG K=5, layers=2")
    show("output", peg(x, [[0.1, 0.2, -0.3, 0.4, -0.5], [-0.6, 0.7, 0.8, -0.9, 1.0]], [0.0, 0.3], 2))


if __name__ == "__main__":
    fire_cases()
    conv_cases()
