#!/usr/bin/env python3
"""The PyTorch side of rnnkit's character-model training check.

Trains the model `rnnkit text train` trains, the same way, in PyTorch float64, and prints the
held-out bits per character measured the same way, so the two trainings can be compared (not
only the cells: the data order, the truncated BPTT with carried state, the loss, the clipping and
the optimizer):

- the vocabulary: the corpus's distinct characters sorted by code point; the last 10% of the
  corpus (rounded half up) held out;
- the model: Embedding(V, D) -> LSTM/GRU/RNN(D, H, L) -> Linear(H, V), PyTorch's default
  initialisation (the same distributions as rnnkit; the numbers differ, drawn from --seed);
- the data: the training part cut into B contiguous streams of L = n // B characters; update k of
  an epoch reads characters [k*T, (k+1)*T) of every stream and predicts the ones a step later;
  full chunks only; the state is carried from chunk to chunk, detached, and reset every epoch;
- each update: mean softmax cross-entropy over T*B characters, backward, clip_grad_norm_(5),
  Adam(lr);
- held-out: S = min(16, n // 2) contiguous streams of the held-out tail, read in chunks of
  min(T, n // S - 1) with the state carried, every character after a stream's first predicted
  once; nats / ln 2 = bits per character.

Usage: /usr/bin/python3 bench/char_rnn_pytorch.py [--corpus datasets/pride-and-prejudice.txt]
           [--cell lstm] [--embedding 64] [--hidden 128] [--layers 2] [--seq 64] [--batch 32]
           [--epochs 2] [--learning-rate 0.002] [--clip 5] [--seed 0] [--threads 1] [--init NPZ]

With --init, the model starts from rnnkit's own initial weights, saved by
`java -cp target/rnnkit.jar bench/SaveInitialCharModel.java lstm 64 128 2 0 init.npz`
(cell, D, H, L, seed, file), so both sides run the same computation from the same start.
"""
import argparse
import math
import os
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


class CharModel(torch.nn.Module):
    def __init__(self, cell, vocabulary, embedding, hidden, layers):
        super().__init__()
        rnn = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[cell]
        self.embedding = torch.nn.Embedding(vocabulary, embedding)
        self.rnn = rnn(embedding, hidden, layers)  # time-major, as rnnkit's Sequence
        self.head = torch.nn.Linear(hidden, vocabulary)

    def forward(self, x, state):
        out, state = self.rnn(self.embedding(x), state)
        return self.head(out), state


def detach(state):
    if state is None:
        return None
    if isinstance(state, tuple):
        return tuple(s.detach() for s in state)
    return state.detach()


def streams(codes, count, seq):
    """(tensor of count streams x L, L) as rnnkit's CharStreams."""
    length = len(codes) // count
    data = torch.tensor(codes[: count * length], dtype=torch.long).view(count, length)
    return data, length


def held_out_nats(model, codes, seq):
    count = max(1, min(16, len(codes) // 2))
    chunk = max(1, min(seq, len(codes) // count - 1))
    data, length = streams(codes, count, chunk)
    total, state = 0.0, None
    with torch.no_grad():
        for start in range(0, length - 1, chunk):
            steps = min(chunk, length - 1 - start)
            x = data[:, start:start + steps].t()
            y = data[:, start + 1:start + steps + 1].t()
            z, state = model(x, state)
            total += torch.nn.functional.cross_entropy(
                z.reshape(-1, z.shape[-1]), y.reshape(-1), reduction="sum").item()
    return total / (count * (length - 1))


def load_rnnkit(model, path, dtype):
    """Copies an rnnkit model file's parameters in: the recurrent ones gain the prefix rnn."""
    import numpy

    arrays = numpy.load(path)
    state = model.state_dict()
    for name in state:
        key = name[4:] if name.startswith("rnn.") else name
        value = torch.from_numpy(arrays[key]).to(dtype)
        if value.shape != state[name].shape:
            raise SystemExit("%s: %s is %s, PyTorch's %s is %s"
                             % (path, key, tuple(value.shape), name, tuple(state[name].shape)))
        state[name] = value
    model.load_state_dict(state)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--corpus", default=os.path.join(HERE, "..", "datasets", "pride-and-prejudice.txt"))
    p.add_argument("--cell", default="lstm", choices=("lstm", "gru", "rnn"))
    p.add_argument("--embedding", type=int, default=64)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--seq", type=int, default=64)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--learning-rate", type=float, default=0.002)
    p.add_argument("--clip", type=float, default=5.0)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--dtype", default="float64", choices=("float64", "float32"))
    p.add_argument("--init", metavar="NPZ",
                   help="start from rnnkit's initial weights (bench/SaveInitialCharModel.java)"
                        " instead of PyTorch's own draw")
    args = p.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    dtype = getattr(torch, args.dtype)
    text = open(args.corpus, encoding="utf-8").read()
    if text.startswith("\ufeff"):
        text = text[1:]
    symbols = sorted(set(text))
    index = {c: i for i, c in enumerate(symbols)}
    codes = [index[c] for c in text]
    held = int(math.floor(0.1 * len(codes) + 0.5))
    train, heldout = codes[: len(codes) - held], codes[len(codes) - held:]
    v = len(symbols)

    model = CharModel(args.cell, v, args.embedding, args.hidden, args.layers).to(dtype)
    if args.init:
        load_rnnkit(model, args.init, dtype)
    params = list(model.parameters())
    adam = torch.optim.Adam(params, lr=args.learning_rate)
    data, length = streams(train, args.batch, args.seq)
    per_epoch = (length - 1) // args.seq
    print("%s: %d characters, V=%d; training on %d, holding out %d; %s D=%d H=%d L=%d, %d"
          " parameters; T=%d B=%d, %d updates per epoch, %d epoch(s), torch %s %s, %d thread(s)"
          % (os.path.basename(args.corpus), len(codes), v, len(train), len(heldout), args.cell,
             args.embedding, args.hidden, args.layers, sum(q.numel() for q in params), args.seq,
             args.batch, per_epoch, args.epochs, torch.__version__, args.dtype, args.threads),
          flush=True)
    print("untrained held-out: %.6f bits/char (log2 V = %.4f)"
          % (held_out_nats(model, heldout, args.seq) / math.log(2), math.log2(v)), flush=True)
    updates, seconds = 0, 0.0
    for epoch in range(1, args.epochs + 1):
        state = None
        for k in range(per_epoch):
            start = time.perf_counter()
            x = data[:, k * args.seq:(k + 1) * args.seq].t()
            y = data[:, k * args.seq + 1:(k + 1) * args.seq + 1].t()
            adam.zero_grad()
            z, state = model(x, state)
            loss = torch.nn.functional.cross_entropy(z.reshape(-1, v), y.reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, args.clip)
            adam.step()
            state = detach(state)
            seconds += time.perf_counter() - start
            updates += 1
        nats = held_out_nats(model, heldout, args.seq)
        print("epoch %d: %d updates, %.1f s of training, %.0f chars/s; held-out %.6f nats ="
              " %.6f bits/char" % (epoch, updates, seconds,
                                   updates * args.seq * args.batch / seconds, nats,
                                   nats / math.log(2)), flush=True)


if __name__ == "__main__":
    main()
