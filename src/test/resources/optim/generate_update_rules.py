"""Generates update_rules.json: torch.optim update rules on fixed gradients, every option path.

Run with Debian's python3-torch (PyTorch 1.13): /usr/bin/python3 generate_update_rules.py
Two parameters, "a" (2x2) and "b" (1x3), start at `initial`; before step k each gets the gradient
gradients[k] (independent of the parameters, so only the update rule is under test) and, when a case
lists `lr_per_step`, the group's lr is set to lr_per_step[k] first (what a schedule does).
`after[k]` holds both parameters after step k.
"""
import json

import torch

torch.set_default_dtype(torch.float64)

INITIAL = {"a": [[0.5, -1.25], [2.0, 0.125]], "b": [[-0.75, 1.5, 0.0]]}
GRADIENTS = [
    {"a": [[0.3, -0.2], [1.5, 0.0]], "b": [[-0.4, 0.05, 2.0]]},
    {"a": [[-0.1, 0.6], [1.2, 0.01]], "b": [[0.3, -0.02, -1.0]]},
    {"a": [[0.25, 0.4], [-0.9, -0.3]], "b": [[0.0, 0.07, 0.5]]},
    {"a": [[0.05, -0.5], [0.4, 0.2]], "b": [[-0.2, 0.0, 0.25]]},
]
CASES = [
    ("sgd_weight_decay", "SGD", {"lr": 0.1, "weight_decay": 0.05}),
    ("sgd_momentum_dampening", "SGD", {"lr": 0.1, "momentum": 0.8, "dampening": 0.3}),
    ("sgd_nesterov_weight_decay", "SGD",
     {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01}),
    ("adam_defaults", "Adam", {}),
    ("adam_amsgrad_weight_decay", "Adam",
     {"lr": 0.05, "betas": [0.8, 0.95], "eps": 1e-3, "weight_decay": 0.1, "amsgrad": True}),
    ("adamw_amsgrad", "AdamW", {"lr": 0.05, "weight_decay": 0.2, "amsgrad": True}),
    ("adamw_lr_changes", "AdamW", {"lr": 0.1}, [0.1, 0.05, 0.02, 0.2]),
    ("rmsprop_defaults", "RMSprop", {}),
    ("rmsprop_centered_momentum", "RMSprop",
     {"lr": 0.02, "alpha": 0.9, "eps": 1e-4, "momentum": 0.7, "centered": True,
      "weight_decay": 0.05}),
    ("rmsprop_centered", "RMSprop", {"lr": 0.01, "centered": True}),
    ("adagrad_all_options", "Adagrad",
     {"lr": 0.2, "lr_decay": 0.5, "weight_decay": 0.1, "initial_accumulator_value": 0.3,
      "eps": 1e-6}),
    ("adagrad_lr_changes", "Adagrad", {"lr": 0.1, "lr_decay": 0.1}, [0.1, 0.3, 0.3, 0.05]),
]


def run(kind, args, lr_per_step):
    params = {k: torch.tensor(v, requires_grad=True) for k, v in INITIAL.items()}
    opt = getattr(torch.optim, kind)(list(params.values()), **args)
    after = []
    for k, grads in enumerate(GRADIENTS):
        if lr_per_step is not None:
            opt.param_groups[0]["lr"] = lr_per_step[k]
        for name, p in params.items():
            p.grad = torch.tensor(grads[name])
        opt.step()
        after.append({name: p.detach().tolist() for name, p in params.items()})
    return after


cases = []
for case in CASES:
    name, kind, args = case[:3]
    lr_per_step = case[3] if len(case) > 3 else None
    entry = {"name": name, "optimizer": kind, "optimizer_args": args}
    if lr_per_step is not None:
        entry["lr_per_step"] = lr_per_step
    entry["after"] = run(kind, args, lr_per_step)
    cases.append(entry)

with open("update_rules.json", "w") as f:
    json.dump({"torch_version": torch.__version__, "dtype": "float64", "initial": INITIAL,
               "gradients": GRADIENTS, "cases": cases}, f)
    f.write("\n")
