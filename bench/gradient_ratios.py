"""PyTorch side of rnnkit's `gradients` command: the ratio ||dL/dh[1]|| / ||dL/dh[T]|| at init.

Setup of issue 5: H = 32, T = 100, input size 1, N(0, 1) inputs, loss = sum of h[T] over the batch
(dL/dh[T] = ones), PyTorch's default init, float64; norms are per sequence, averaged over B = 16.
Run with Debian's python3-torch (1.13):  /usr/bin/python3 bench/gradient_ratios.py
Output committed in bench/gradient_ratios.txt. The ratio varies by orders of magnitude between seeds,
so compare orders of magnitude and the ordering, not digits.
"""
import torch

torch.set_default_dtype(torch.float64)
H, T, B = 32, 100, 16
CELLS = {"rnn": torch.nn.RNNCell, "lstm": torch.nn.LSTMCell, "gru": torch.nn.GRUCell}

for seed in range(5):
    row = []
    for name, forget_bias in [("rnn", 0), ("lstm", 0), ("lstm", 1), ("gru", 0)]:
        torch.manual_seed(seed)
        cell = CELLS[name](1, H)
        if forget_bias:
            with torch.no_grad():
                cell.bias_ih[H:2 * H] += forget_bias
        x = torch.randn(T, B, 1)
        h, c, hs = torch.zeros(B, H), torch.zeros(B, H), []
        for t in range(T):
            if name == "lstm":
                h, c = cell(x[t], (h, c))
            else:
                h = cell(x[t], h)
            h.retain_grad()
            hs.append(h)
        hs[-1].sum().backward()
        norms = [s.grad.norm(dim=1).mean().item() for s in hs]
        row.append("%s%s %.1e" % (name, "_fb1" if forget_bias else "", norms[0] / norms[-1]))
    print("seed %d: %s" % (seed, " | ".join(row)))
