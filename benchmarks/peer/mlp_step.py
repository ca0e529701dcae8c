"""The quickstart's residual MLP in PyTorch, timed per Adam step, to put einstruct's step times
beside the framework a researcher would otherwise use. Dense layers are nn.Linear; BTT layers
are two batched matmuls written as compute-better-spent's reference code writes them (x viewed
as (B, c, d); torch.bmm over the blocks). Run with Debian's python3-torch:

    /usr/bin/python3 benchmarks/peer/mlp_step.py [--threads 2] [--steps 30] dense:256 btt:512

Prints one Markdown row per model: median milliseconds per step after 5 warm-up steps.
"""
import argparse
import math
import statistics
import time

import torch
import torch.nn as nn


def split(n):
    """The near-square split einstruct uses: c <= d, c * d == n, largest factor smallest."""
    best = None
    for c in range(1, int(math.isqrt(n)) + 1):
        if n % c == 0:
            best = (c, n // c)
    return best


class Btt(nn.Module):
    """y[a, b] = sum_c L[a, b, c] sum_d R[b, c, d] x[c, d] (rank 1), as two bmm's."""

    def __init__(self, d_in, d_out):
        super().__init__()
        self.c, self.d = split(d_in)
        self.a, self.b = split(d_out)
        self.r = nn.Parameter(torch.randn(self.c, self.d, self.b) / math.sqrt(self.d))
        self.l = nn.Parameter(torch.randn(self.b, self.c, self.a) / math.sqrt(self.c))
        self.bias = nn.Parameter(torch.zeros(d_out))

    def forward(self, x):
        n = x.shape[0]
        t = torch.bmm(x.view(n, self.c, self.d).transpose(0, 1), self.r)  # (c, n, b)
        t = t.permute(2, 1, 0)  # (b, n, c)
        y = torch.bmm(t, self.l)  # (b, n, a)
        return y.permute(1, 2, 0).reshape(n, self.a * self.b) + self.bias


def layer(kind, d_in, d_out):
    return nn.Linear(d_in, d_out) if kind == "dense" else Btt(d_in, d_out)


class Mlp(nn.Module):
    def __init__(self, kind, width, depth=3, expansion=4):
        super().__init__()
        self.input = layer(kind, 784, width) if kind != "btt" or split(784) else None
        self.blocks = nn.ModuleList()
        for _ in range(depth):
            self.blocks.append(
                nn.ModuleList(
                    [
                        nn.LayerNorm(width),
                        layer(kind, width, expansion * width),
                        layer(kind, expansion * width, width),
                    ]
                )
            )
        self.norm = nn.LayerNorm(width)
        self.head = nn.Linear(width, 10)

    def forward(self, x):
        h = nn.functional.gelu(self.input(x))
        for norm, fc1, fc2 in self.blocks:
            h = h + fc2(nn.functional.gelu(fc1(norm(h))))
        return self.head(self.norm(h))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--steps", type=int, default=30)
    p.add_argument("models", nargs="*", default=["dense:256", "btt:512"])
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    x = torch.randn(1024, 784)
    y = torch.randint(0, 10, (1024,))
    print("| model | torch ms per step |\n|---|---:|")
    for spec in args.models:
        kind, width = spec.split(":")
        model = Mlp(kind, int(width))
        opt = torch.optim.Adam(model.parameters(), lr=3e-3)
        times = []
        for i in range(5 + args.steps):
            t0 = time.perf_counter()
            opt.zero_grad()
            loss = nn.functional.cross_entropy(model(x), y)
            loss.backward()
            opt.step()
            if i >= 5:
                times.append((time.perf_counter() - t0) * 1e3)
        print(f"| {kind} {width} | {statistics.median(times):.1f} |")


if __name__ == "__main__":
    main()
