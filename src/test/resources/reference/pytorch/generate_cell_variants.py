"""Reference vectors for the cell variants PyTorch does not have (issue 17): layer-normalised
RNN, LSTM and GRU (Ba, Kiros and Hinton 2016), the peephole LSTM (Gers and Schmidhuber 2000) and
the reset-before GRU (Cho et al. 2014; Keras reset_after=False).

The equations are written out below as a small torch module in float64; every gradient comes from
autograd, not from rnnkit's formulas. The output follows FORMAT.md (kind "module") with three more
keys, absent meaning false: "layer_norm", "peepholes", "reset_before". rnnkit's own parameter
names: ln_weight_ih, ln_bias_ih, ln_weight_hh, ln_bias_hh (1 x G*H), then peephole (1 x 3H, in
order i, f, o) and ln_weight_c, ln_bias_c (1 x H), each with the layer suffix (_l0, _l0_reverse).

Run with Debian's PyTorch: /usr/bin/python3 generate_cell_variants.py (writes cell_*.json here).
"""
import json
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
EPS = 1e-5
GATES = {"RNN": 1, "LSTM": 4, "GRU": 3}


def ln(a, gain, bias):
    return F.layer_norm(a, (a.shape[-1],), gain, bias, eps=EPS)


def make_params(module, inp, hidden, layers, dirs, bias, layer_norm, peepholes, gen):
    g = GATES[module] * hidden
    bound = hidden ** -0.5
    params = {}

    def uniform(*shape):
        return (torch.rand(*shape, generator=gen) * 2 - 1) * bound

    for l in range(layers):
        for d in range(dirs):
            s = "_l%d%s" % (l, "_reverse" if d == 1 else "")
            i = inp if l == 0 else dirs * hidden
            params["weight_ih" + s] = uniform(g, i)
            params["weight_hh" + s] = uniform(g, hidden)
            if bias:
                params["bias_ih" + s] = uniform(g)
                params["bias_hh" + s] = uniform(g)
            if layer_norm:
                # gains and betas away from 1 and 0, so that their gradients are tested
                for side in ("ih", "hh"):
                    params["ln_weight_%s%s" % (side, s)] = 1 + 0.3 * torch.randn(g, generator=gen)
                    params["ln_bias_%s%s" % (side, s)] = 0.1 * torch.randn(g, generator=gen)
            if peepholes:
                params["peephole" + s] = uniform(3 * hidden)
            if layer_norm and module == "LSTM":
                params["ln_weight_c" + s] = 1 + 0.3 * torch.randn(hidden, generator=gen)
                params["ln_bias_c" + s] = 0.1 * torch.randn(hidden, generator=gen)
    return {k: v.requires_grad_() for k, v in params.items()}


def step(case, P, s, x, h, c):
    """One step of one layer-direction: x B x I, h and c B x H; returns h', c'."""
    module, nonlin = case["module"], case.get("nonlinearity", "tanh")
    H = case["hidden_size"]
    w_ih, w_hh = P["weight_ih" + s], P["weight_hh" + s]
    b_ih = P.get("bias_ih" + s)
    b_hh = P.get("bias_hh" + s)
    ax = x @ w_ih.T + (b_ih if b_ih is not None else 0)
    if case.get("reset_before"):
        # r, z from h[t-1]; n from (r * h[t-1]) W_hn^T + b_hn
        ah = h @ w_hh[: 2 * H].T + (b_hh[: 2 * H] if b_hh is not None else 0)
        r = torch.sigmoid(ax[:, :H] + ah[:, :H])
        z = torch.sigmoid(ax[:, H : 2 * H] + ah[:, H:])
        hn = (r * h) @ w_hh[2 * H :].T + (b_hh[2 * H :] if b_hh is not None else 0)
        n = torch.tanh(ax[:, 2 * H :] + hn)
        return (1 - z) * n + z * h, None
    ah = h @ w_hh.T + (b_hh if b_hh is not None else 0)
    if case.get("layer_norm"):
        ax = ln(ax, P["ln_weight_ih" + s], P["ln_bias_ih" + s])
        ah = ln(ah, P["ln_weight_hh" + s], P["ln_bias_hh" + s])
    if module == "RNN":
        a = ax + ah
        return (torch.tanh(a) if nonlin == "tanh" else torch.relu(a)), None
    if module == "GRU":
        r = torch.sigmoid(ax[:, :H] + ah[:, :H])
        z = torch.sigmoid(ax[:, H : 2 * H] + ah[:, H : 2 * H])
        n = torch.tanh(ax[:, 2 * H :] + r * ah[:, 2 * H :])
        return (1 - z) * n + z * h, None
    a = ax + ah
    ai, af, ag, ao = a[:, :H], a[:, H : 2 * H], a[:, 2 * H : 3 * H], a[:, 3 * H :]
    p = P.get("peephole" + s)
    if p is not None:
        ai = ai + p[:H] * c
        af = af + p[H : 2 * H] * c
    i, f, g = torch.sigmoid(ai), torch.sigmoid(af), torch.tanh(ag)
    c2 = f * c + i * g
    if p is not None:
        ao = ao + p[2 * H :] * c2
    o = torch.sigmoid(ao)
    cc = ln(c2, P["ln_weight_c" + s], P["ln_bias_c" + s]) if case.get("layer_norm") else c2
    return o * torch.tanh(cc), c2


def run(case, P, x, h0, c0):
    """The stack over x (B x T x I): output B x T x D*H, h_n and c_n (L*D x B x H)."""
    dirs = 2 if case["bidirectional"] else 1
    lstm = case["module"] == "LSTM"
    T = x.shape[1]
    layer_in = x
    h_n, c_n = [], []
    for l in range(case["num_layers"]):
        outs = []
        for d in range(dirs):
            k = l * dirs + d
            s = "_l%d%s" % (l, "_reverse" if d == 1 else "")
            h, c = h0[k], (c0[k] if lstm else None)
            hs = [None] * T
            for t in (range(T) if d == 0 else reversed(range(T))):
                h, c = step(case, P, s, layer_in[:, t], h, c)
                hs[t] = h
            outs.append(torch.stack(hs, dim=1))
            h_n.append(h)
            if lstm:
                c_n.append(c)
        layer_in = torch.cat(outs, dim=2)
    return layer_in, torch.stack(h_n), (torch.stack(c_n) if lstm else None)


def generate(name, module, I, H, L, bidirectional, bias, B, T, seed, initial=True, **variant):
    gen = torch.Generator().manual_seed(seed)
    case = {
        "name": name,
        "kind": "module",
        "torch_version": torch.__version__,
        "module": module,
        "input_size": I,
        "hidden_size": H,
        "num_layers": L,
        "bidirectional": bidirectional,
        "bias": bias,
        "batch_first": True,
        "batch": B,
        "seq_len": T,
        "dtype": "float64",
    }
    if module == "RNN":
        case["nonlinearity"] = variant.pop("nonlinearity", "tanh")
    case.update(variant)
    dirs = 2 if bidirectional else 1
    lstm = module == "LSTM"
    P = make_params(
        module, I, H, L, dirs, bias, variant.get("layer_norm", False),
        variant.get("peepholes", False), gen)
    x = torch.randn(B, T, I, generator=gen).requires_grad_()
    h0 = torch.randn(L * dirs, B, H, generator=gen) if initial else torch.zeros(L * dirs, B, H)
    c0 = torch.randn(L * dirs, B, H, generator=gen) if initial else torch.zeros(L * dirs, B, H)
    h0.requires_grad_(initial)
    c0.requires_grad_(initial and lstm)
    out, h_n, c_n = run(case, P, x, h0, c0)
    dout = torch.randn(out.shape, generator=gen)
    dh_n = torch.randn(h_n.shape, generator=gen)
    loss = (out * dout).sum() + (h_n * dh_n).sum()
    if lstm:
        dc_n = torch.randn(c_n.shape, generator=gen)
        loss = loss + (c_n * dc_n).sum()
    loss.backward()

    def lst(t):
        return t.detach().tolist()

    case["params"] = {k: lst(v) for k, v in P.items()}
    case["input"] = lst(x)
    case["initial_state_given"] = initial
    if initial:
        case["h0"] = lst(h0)
        if lstm:
            case["c0"] = lst(c0)
    case["output"] = lst(out)
    case["h_n"] = lst(h_n)
    if lstm:
        case["c_n"] = lst(c_n)
    case["dout"] = lst(dout)
    case["dh_n"] = lst(dh_n)
    if lstm:
        case["dc_n"] = lst(dc_n)
    case["loss"] = loss.item()
    grads = {k: lst(v.grad) for k, v in P.items()}
    grads["input"] = lst(x.grad)
    if initial:
        grads["h0"] = lst(h0.grad)
        if lstm:
            grads["c0"] = lst(c0.grad)
    case["grads"] = grads
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, name + ".json"), "w") as f:
        json.dump(case, f, separators=(",", ":"))
    print(name, "loss", case["loss"])


if __name__ == "__main__":
    generate("cell_lstm_layer_norm", "LSTM", 3, 4, 2, True, True, 2, 5, 1, layer_norm=True)
    generate("cell_lstm_layer_norm_long", "LSTM", 2, 3, 1, False, True, 2, 40, 2, layer_norm=True)
    generate("cell_lstm_peepholes", "LSTM", 3, 4, 2, True, True, 2, 5, 3, peepholes=True)
    generate(
        "cell_lstm_layer_norm_peepholes", "LSTM", 3, 4, 2, False, False, 3, 4, 4, initial=False,
        layer_norm=True, peepholes=True)
    generate("cell_gru_layer_norm", "GRU", 3, 4, 2, True, True, 2, 5, 5, layer_norm=True)
    generate("cell_gru_reset_before", "GRU", 3, 4, 2, True, True, 2, 5, 6, reset_before=True)
    generate(
        "cell_gru_reset_before_no_bias", "GRU", 2, 3, 1, False, False, 1, 6, 7, reset_before=True)
    generate("cell_rnn_tanh_layer_norm", "RNN", 3, 4, 1, True, True, 2, 5, 8, layer_norm=True)
    generate(
        "cell_rnn_relu_layer_norm", "RNN", 3, 4, 2, False, False, 2, 5, 9, nonlinearity="relu",
        layer_norm=True)
