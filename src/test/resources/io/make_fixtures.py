"""Writes the NumPy/PyTorch fixtures in this folder. Run from this folder:

    /usr/bin/python3 make_fixtures.py

Generated with numpy 1.24.2 and torch 1.13 (CPU). Deterministic: no randomness except torch's,
seeded below.
"""
import numpy as np
import numpy.lib.format as fmt

np.save("f8_scalar.npy", np.float64(-2.5))
np.save("f8_vector.npy", np.arange(5, dtype="<f8") * 0.25 - 0.5)
np.save("f8_matrix.npy", np.array([[1.5, -2.0, 3.25], [0.0, 1e-300, -1e300]], dtype="<f8"))
np.save("f8_4d.npy", np.arange(24, dtype="<f8").reshape(1, 2, 3, 4) / 7)
np.save("f8_empty.npy", np.zeros((0, 3), dtype="<f8"))
np.save("f4_vector.npy", np.array([0.1, -2.5, 3e38], dtype="<f4"))
np.save("i8_matrix.npy", np.array([[1, -2], [2**53, -(2**40)]], dtype="<i8"))
np.save("i4_vector.npy", np.array([-(2**31), 0, 2**31 - 1], dtype="<i4"))
np.save("fortran_matrix.npy", np.asfortranarray(np.arange(6, dtype="<f8").reshape(2, 3)))
np.save("bigendian.npy", np.arange(3, dtype=">f8"))
for version in [(2, 0), (3, 0)]:
    with open("v%d_matrix.npy" % version[0], "wb") as f:
        fmt.write_array(f, np.array([[1.5, -2.0, 3.25], [0.0, 1e-300, -1e300]]), version=version)

np.savez_compressed(
    "numpy_arrays.npz",
    **{
        "head.weight": np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]),
        "bias_ih_l0": np.array([0.5, -0.5, 0.25], dtype="<f4"),
        "scalar": np.float64(7.0),
    },
)

import torch

torch.manual_seed(7)
lstm = torch.nn.LSTM(input_size=2, hidden_size=3)
head = torch.nn.Linear(3, 1)
state = dict(lstm.state_dict())
state.update({"head." + k: v for k, v in head.state_dict().items()})
np.savez("pytorch_lstm_state_dict.npz", **{k: v.numpy() for k, v in state.items()})

# the same module in float64 (weights widened exactly) on a fixed input, T=4, B=2, I=2
lstm, head = lstm.double(), head.double()
x = torch.linspace(-1, 1, 16, dtype=torch.float64).reshape(4, 2, 2)
with torch.no_grad():
    y = head(lstm(x)[0])
np.savez("pytorch_lstm_io.npz", x=x.numpy(), y=y.numpy())
