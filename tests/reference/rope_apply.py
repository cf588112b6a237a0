"""Known values for applying RoPE (tests/cpp/test_rope.cpp, tests/cli/rope.test.mjs).

Four independent forms of the rotation, each re-implemented in my own words, in
float64 (the canonical code runs in float32; posenc forms angles in double and
rounds to float32 once):
  half         HF transformers models/llama/modeling_llama.py: LlamaRotaryEmbedding.forward
               (freqs = inv_freq @ positions, emb = cat(freqs, freqs)), rotate_half and
               apply_rotary_pos_emb (q * cos + rotate_half(q) * sin).
  interleaved  Meta Llama llama/model.py: precompute_freqs_cis (torch.polar) and
               apply_rotary_emb (view_as_complex of (x_2k, x_2k+1) times freqs_cis).
  half, partial    HF models/gpt_neox/modeling_gpt_neox.py: rotary_ndims =
               int(head_size * rotary_pct); rotate query[..., :rotary_ndims], pass the rest.
  interleaved, partial  HF models/gptj/modeling_gptj.py: rotate_every_two and
               apply_rotary_pos_emb with sin/cos repeat_interleave(2) on x[..., :rotary_dim].

Run: /usr/bin/python3 tests/reference/rope_apply.py
"""
import torch

T = torch.float64


def inv_freq(dim, base=10000.0):
    return 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.int64).to(T) / dim))


def rotate_half(x):
    x1 = x[..., : x.shape[-1] // 2]
    x2 = x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def hf_half(x, m, base=10000.0):
    freqs = inv_freq(x.shape[-1], base) * m
    emb = torch.cat((freqs, freqs), dim=-1)
    return x * emb.cos() + rotate_half(x) * emb.sin()


def meta_interleaved(x, m, base=10000.0):
    freqs = inv_freq(x.shape[-1], base) * m
    freqs_cis = torch.polar(torch.ones_like(freqs), freqs)
    xc = torch.view_as_complex(x.reshape(-1, 2).contiguous())
    return torch.view_as_real(xc * freqs_cis).flatten()


def neox_partial(x, m, rotary_pct, base=10000.0):
    r = int(x.shape[-1] * rotary_pct)
    return torch.cat((hf_half(x[:r], m, base), x[r:]))


def rotate_every_two(x):
    x1 = x[..., ::2]
    x2 = x[..., 1::2]
    return torch.stack((-x2, x1), dim=-1).flatten(-2)


def gptj_partial(x, m, rotary_dim, base=10000.0):
    ang = inv_freq(rotary_dim, base) * m
    sin = ang.sin().repeat_interleave(2)
    cos = ang.cos().repeat_interleave(2)
    rot = x[:rotary_dim]
    return torch.cat((rot * cos + rotate_every_two(rot) * sin, x[rotary_dim:]))


def show(name, v):
    print(f"# {name}")
    print("{" + ", ".join(repr(round(t, 15)) for t in v.tolist()) + "}")


def main():
    x8 = torch.tensor([0.5, -1.0, 2.0, 0.25, -0.75, 1.5, 3.0, -2.0], dtype=T)
    for m in (3.0, 2.5, -4.0, 100000.0):
        show(f"half d=8 m={m} x={x8.tolist()}", hf_half(x8, m))
        show(f"interleaved d=8 m={m}", meta_interleaved(x8, m))
    x16 = torch.arange(1, 17, dtype=T) / 4 - 2  # -1.75, -1.5, ..., 2.0
    show(f"half partial d=16 rotary_pct=0.25 (r=4) m=7 x={x16.tolist()}", neox_partial(x16, 7.0, 0.25))
    show("interleaved partial d=16 rotary_dim=4 m=7", gptj_partial(x16, 7.0, 4))
    show("half d=8 m=3 base=500000", hf_half(x8, 3.0, 500000.0))
    # CLI: x = 1,2,3,4 at m = 2.
    x4 = torch.tensor([1.0, 2.0, 3.0, 4.0], dtype=T)
    show("CLI half d=4 m=2 x=1,2,3,4", hf_half(x4, 2.0))
    show("CLI interleaved d=4 m=2 x=1,2,3,4", meta_interleaved(x4, 2.0))


if __name__ == "__main__":
    main()
