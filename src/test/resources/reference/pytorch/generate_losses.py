"""Reference vectors for rnnkit's elementwise losses (kind "loss"): torch.nn.MSELoss, L1Loss and
HuberLoss with reduction "mean", in float64, each value and gradient from PyTorch (autograd).

Every case has a prediction and a target of shape B x T x F (batch first); some target elements
equal the prediction exactly (the kink of L1 and where sign(0) = 0) and some errors lie on either
side of Huber's delta. Run with Debian's PyTorch: /usr/bin/python3 generate_losses.py (writes
loss_*.json here).
"""
import json
import os

import torch

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))


def case(name, loss, args, shape, seed, scale):
    gen = torch.Generator().manual_seed(seed)
    prediction = torch.randn(*shape, generator=gen) * scale
    target = torch.randn(*shape, generator=gen) * scale
    target.view(-1)[::5] = prediction.view(-1)[::5]  # exact zeros of the error
    prediction.requires_grad_(True)
    module = getattr(torch.nn, loss)(**args)
    value = module(prediction, target)
    value.backward()
    out = {
        "name": name,
        "kind": "loss",
        "torch_version": torch.__version__,
        "loss": loss,
        "args": args,
        "dtype": "float64",
        "prediction": prediction.detach().tolist(),
        "target": target.tolist(),
        "value": value.item(),
        "grad": prediction.grad.tolist(),
    }
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(out, f)


case("loss_mse", "MSELoss", {}, (3, 4, 2), 1, 1.0)
case("loss_l1", "L1Loss", {}, (3, 4, 2), 2, 1.0)
case("loss_huber", "HuberLoss", {"delta": 1.0}, (3, 4, 2), 3, 1.5)
case("loss_huber_delta", "HuberLoss", {"delta": 0.4}, (2, 5, 3), 4, 1.0)
