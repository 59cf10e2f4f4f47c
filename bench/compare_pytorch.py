#!/usr/bin/env python3
"""rnnkit vs PyTorch on the CPU, side by side, in one run.

Times the same training step (forward over every step, a Linear head at every step, MSE, BPTT,
Adam with defaults) and inference (forward and head, no gradients) in PyTorch and in rnnkit
(`java -jar target/rnnkit.jar bench --json`), float64, single layer, batch_first, for
RNN (tanh) / LSTM / GRU x small (I=1,H=32,T=24,B=32) / medium (64,128,64,32) /
large (256,256,100,64). FLOPs of a training step = 3 x forward, forward = 2*T*B*(I+H)*G*H
(G = 1, 4, 3): the same accounting as `rnnkit bench`.

Each side warms up, then times single steps and takes the median; the two sides alternate
(PyTorch first, then rnnkit first, ...) for --repeats rounds, and the table quotes the median over
rounds. Ratios are throughput ratios rnnkit / PyTorch (> 1: rnnkit is faster). Then both sides run
the large config on 2 threads for the scaling.

PyTorch's BLAS: Debian's python3-torch calls whatever libblas.so.3 the system provides (on a
machine with only libblas3 that is the slow reference BLAS). By default (--torch-blas openblas)
the PyTorch process preloads the OpenBLAS library shipped inside rnnkit.jar, so both sides run the
same OpenBLAS build; --torch-blas system leaves the system's libblas.so.3.

OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, when set on this machine, slow OpenBLAS down; both sides run
without them (in their own processes only) and the script prints the kernel each one ran.

Usage: /usr/bin/python3 bench/compare_pytorch.py [--repeats 3] [--seconds 2] [--configs small,medium,large]

Character language model (--lm [V,D,H,L,T,B], default 75,64,128,2,64,32: the defaults of
`rnnkit text train` on Pride and Prejudice): one training update = Embedding(V, D), an L-layer
LSTM of H, Linear(H, V) at every step, mean cross-entropy over T*B characters, BPTT within the
chunk, the state carried from update to update (detached), clip_grad_norm_(5), Adam(0.002).
Timed as characters per second (T*B / median update time) for rnnkit float64 (`rnnkit bench --lm
--json`), PyTorch float64 and PyTorch float32, one thread, the three sides taking turns going
first over --repeats rounds; medians over rounds.

    /usr/bin/python3 bench/compare_pytorch.py --lm --repeats 5 --seconds 5

Exits 0 with a message when PyTorch is not installed for this Python.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

CONFIGS = {
    "small": (1, 32, 24, 32),
    "medium": (64, 128, 64, 32),
    "large": (256, 256, 100, 64),
}
GATES = {"rnn": 1, "gru": 3, "lstm": 4}
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def child_env(threads, preload_dir=None):
    env = dict(os.environ)
    if preload_dir:
        env["LD_LIBRARY_PATH"] = preload_dir + os.pathsep + env.get("LD_LIBRARY_PATH", "")
        env["LD_PRELOAD"] = os.path.join(preload_dir, "libopenblas.so.0")
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    env["OMP_NUM_THREADS"] = str(threads)
    env["OPENBLAS_NUM_THREADS"] = str(threads)
    return env


def forward_flops(config, cell):
    i, h, t, b = CONFIGS[config]
    return 2.0 * t * b * (i + h) * GATES[cell] * h


# ---------------------------------------------------------------- PyTorch side (child process)

def loaded_blas():
    """The BLAS libraries in this process and OpenBLAS's kernel name, if any."""
    import ctypes

    libs = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            if "blas" in os.path.basename(path).lower() or "mkl" in os.path.basename(path).lower():
                libs.add(path)
    core = None
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            core = lib.openblas_get_corename().decode()
            break
        except (OSError, AttributeError):
            continue
    return sorted(libs), core


def time_steps(step, seconds):
    end = time.perf_counter() + seconds
    n = 0
    while n < 3 or time.perf_counter() < end:
        step()
        n += 1
    times = []
    end = time.perf_counter() + seconds
    while len(times) < 3 or (time.perf_counter() < end and len(times) < 10000):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def torch_worker(cells, configs, threads, seconds):
    import torch

    torch.set_num_threads(threads)
    torch.manual_seed(42)
    libs, core = loaded_blas()
    print(json.dumps({"info": "torch %s, %d thread(s), BLAS %s, OpenBLAS kernel %s"
                      % (torch.__version__, torch.get_num_threads(), libs, core)}), flush=True)
    modules = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}
    for config in configs:
        i, h, t, b = CONFIGS[config]
        for cell in cells:
            rnn = modules[cell](i, h, batch_first=True).double()
            head = torch.nn.Linear(h, 1).double()
            params = list(rnn.parameters()) + list(head.parameters())
            opt = torch.optim.Adam(params)
            loss_fn = torch.nn.MSELoss()
            x = torch.randn(b, t, i, dtype=torch.float64)
            target = torch.randn(b, t, 1, dtype=torch.float64)

            def train():
                opt.zero_grad()
                loss = loss_fn(head(rnn(x)[0]), target)
                loss.backward()
                opt.step()

            def infer():
                with torch.no_grad():
                    head(rnn(x)[0])

            train_ms = time_steps(train, seconds)
            infer_ms = time_steps(infer, seconds)
            print(json.dumps({"cell": cell, "config": config, "threads": threads,
                              "train_ms_per_step": train_ms, "infer_ms_per_step": infer_ms,
                              "train_gflops": 3 * forward_flops(config, cell) / train_ms / 1e6}),
                  flush=True)


def torch_lm_worker(sizes, dtype_name, threads, seconds):
    """Times the character model's update (see the module comment) in PyTorch."""
    import torch

    torch.set_num_threads(threads)
    torch.manual_seed(42)
    dtype = getattr(torch, dtype_name)
    v, d, h, layers, t, b = sizes
    embedding = torch.nn.Embedding(v, d).to(dtype)
    lstm = torch.nn.LSTM(d, h, layers).to(dtype)  # time-major, as rnnkit's Sequence
    head = torch.nn.Linear(h, v).to(dtype)
    params = list(embedding.parameters()) + list(lstm.parameters()) + list(head.parameters())
    opt = torch.optim.Adam(params, lr=0.002)
    x = torch.randint(v, (t, b))
    y = torch.randint(v, (t, b))
    state = [None]

    def train():
        opt.zero_grad()
        out, (hn, cn) = lstm(embedding(x), state[0])
        loss = torch.nn.functional.cross_entropy(head(out).reshape(-1, v), y.reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 5.0)
        opt.step()
        state[0] = (hn.detach(), cn.detach())

    ms = time_steps(train, seconds)
    libs, core = loaded_blas()
    print(json.dumps({"info": "torch %s, %d thread(s), OpenBLAS kernel %s"
                      % (torch.__version__, torch.get_num_threads(), core)}), flush=True)
    print(json.dumps({"workload": "lm", "side": "torch-" + dtype_name, "train_ms_per_step": ms,
                      "chars_per_s": t * b / ms * 1e3}), flush=True)


def compare_lm(args):
    """The character-model comparison: alternating sides, medians, one table."""
    sizes = [int(v) for v in args.lm.split(",")]
    if len(sizes) != 6 or min(sizes) < 1:
        sys.exit("--lm takes V,D,H,L,T,B, six positive integers, e.g. 75,64,128,2,64,32")
    sides = ["rnnkit", "torch-float64", "torch-float32"]
    results, log = {}, {}
    load = os.getloadavg()[0]
    for r in range(args.repeats):
        order = sides[r % 3:] + sides[:r % 3]
        for side in order:
            if side == "rnnkit":
                command = [args.java, "-jar", args.jar, "bench", "--json", "--cell", "lstm",
                           "--threads", str(args.threads), "--seconds", str(args.seconds),
                           "--lm", args.lm]
                rows, info = run_lines(command, child_env(args.threads))
            else:
                command = [sys.executable, os.path.abspath(__file__), "--torch-lm-worker",
                           "--lm", args.lm, "--dtype", side.split("-")[1],
                           "--threads", str(args.threads), "--seconds", str(args.seconds)]
                rows, info = run_lines(command, child_env(args.threads, PRELOAD["dir"]))
            if info:
                log.setdefault(side, info)
            for row in rows:
                results.setdefault(side, []).append(row)
        print("  round %d/%d done (%s)" % (r + 1, args.repeats, " -> ".join(order)),
              file=sys.stderr, flush=True)
    print("character model update, V,D,H,L,T,B = %s, LSTM, %d thread(s), median of %d rounds,"
          " sides alternating (load average at start %.2f, at end %.2f)"
          % (args.lm, args.threads, args.repeats, load, os.getloadavg()[0]))
    for side, lines in log.items():
        for line in lines:
            print("  %s: %s" % (side, line.get("info", line)))
    print()
    print("| side | ms per update | chars/s | rnnkit float64 / this (throughput) |")
    print("| --- | --- | --- | --- |")
    ours = median(results["rnnkit"], "chars_per_s")
    for side in sides:
        cps = median(results[side], "chars_per_s")
        print("| %s | %.2f | %.0f | %.2fx |"
              % (side if side != "rnnkit" else "rnnkit-float64",
                 median(results[side], "train_ms_per_step"), cps, ours / cps))
    print()
    print("rnnkit bytes allocated per update (median): %d"
          % median(results["rnnkit"], "bytes_per_step"))


# ---------------------------------------------------------------- driver

def run_lines(command, env):
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("command failed (%d): %s\n%s" % (done.returncode, " ".join(command), done.stderr))
    rows, info = [], []
    for line in done.stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            obj = json.loads(line)
            (info if "info" in obj else rows).append(obj)
    return rows, info


PRELOAD = {"dir": None}


def extract_openblas(jar):
    """The OpenBLAS library and its runtime from rnnkit.jar, in a temporary folder."""
    import tempfile
    import zipfile

    folder = tempfile.mkdtemp(prefix="rnnkit-openblas-")
    prefix = "org/bytedeco/openblas/linux-x86_64/"
    with zipfile.ZipFile(jar) as z:
        for name in ("libopenblas.so.0", "libgfortran.so.5", "libquadmath.so.0", "libgcc_s.so.1"):
            with z.open(prefix + name) as src, open(os.path.join(folder, name), "wb") as dst:
                dst.write(src.read())
    return folder


def run_torch(cells, configs, threads, seconds):
    command = [sys.executable, os.path.abspath(__file__), "--torch-worker",
               "--cells", ",".join(cells), "--configs", ",".join(configs),
               "--threads", str(threads), "--seconds", str(seconds)]
    return run_lines(command, child_env(threads, PRELOAD["dir"]))


def run_rnnkit(cells, configs, threads, seconds, java, jar):
    command = [java, "-jar", jar, "bench", "--json", "--cell", ",".join(cells),
               "--threads", str(threads), "--seconds", str(seconds)]
    for c in configs:
        command += ["--config", c]
    rows, _ = run_lines(command, child_env(threads))
    info = subprocess.run([java, "-jar", jar, "info"], cwd=ROOT, env=child_env(threads),
                          capture_output=True, text=True).stdout.splitlines()
    keep = [line.strip() for line in info if line.startswith(("rnnkit", "java", "linalg"))]
    return rows, [{"info": line} for line in keep]


def collect(cells, configs, threads, repeats, seconds, java, jar, log):
    """{(side, cell, config): [row per round]}, sides alternating which goes first."""
    results = {}
    for r in range(repeats):
        for config in configs:
            sides = ["torch", "rnnkit"] if r % 2 == 0 else ["rnnkit", "torch"]
            for side in sides:
                if side == "torch":
                    rows, info = run_torch(cells, [config], threads, seconds)
                else:
                    rows, info = run_rnnkit(cells, [config], threads, seconds, java, jar)
                if r == 0 and info:
                    log.setdefault(side, info)
                for row in rows:
                    results.setdefault((side, row["cell"], row["config"]), []).append(row)
            print("  round %d/%d, %s, %d thread(s) done" % (r + 1, repeats, config, threads),
                  file=sys.stderr, flush=True)
    return results


def median(rows, key):
    return statistics.median(row[key] for row in rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--configs", default="small,medium,large")
    parser.add_argument("--cells", default="lstm,gru,rnn")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--no-scaling", action="store_true", help="skip the 2-thread large run")
    parser.add_argument("--java", default="java")
    parser.add_argument("--jar", default=os.path.join(ROOT, "target", "rnnkit.jar"))
    parser.add_argument("--torch-blas", choices=("openblas", "system"), default="openblas",
                        help="BLAS under PyTorch: rnnkit.jar's OpenBLAS (default) or the system's")
    parser.add_argument("--lm", nargs="?", const="75,64,128,2,64,32", default=None,
                        metavar="V,D,H,L,T,B",
                        help="compare the character language model's update instead")
    parser.add_argument("--dtype", default="float64", help=argparse.SUPPRESS)
    parser.add_argument("--torch-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--torch-lm-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.torch_lm_worker:
        torch_lm_worker([int(v) for v in args.lm.split(",")], args.dtype, args.threads,
                        args.seconds)
        return
    cells = [c.strip() for c in args.cells.split(",")]
    configs = [c.strip() for c in args.configs.split(",")]
    for c in cells:
        if c not in GATES:
            sys.exit("unknown cell %r; choose from %s" % (c, ", ".join(GATES)))
    for c in configs:
        if c not in CONFIGS:
            sys.exit("unknown config %r; choose from %s" % (c, ", ".join(CONFIGS)))

    if args.torch_worker:
        torch_worker(cells, configs, args.threads, args.seconds)
        return
    try:
        import torch  # noqa: F401
    except ImportError:
        print("skipped: PyTorch is not installed for %s; on Debian: apt-get install python3-torch,"
              " then run /usr/bin/python3 bench/compare_pytorch.py" % sys.executable)
        return
    if not os.path.exists(args.jar):
        sys.exit("%s not found; build it first: mvn -B -q package -DskipTests" % args.jar)

    if args.torch_blas == "openblas":
        PRELOAD["dir"] = extract_openblas(args.jar)
    if args.lm:
        compare_lm(args)
        return
    log = {}
    load = os.getloadavg()[0]
    results = collect(cells, configs, args.threads, args.repeats, args.seconds, args.java,
                      args.jar, log)
    scaling = {}
    if not args.no_scaling and "large" in configs:
        for threads in (1, 2):
            scaling[threads] = collect(cells, ["large"], threads, args.repeats, args.seconds,
                                       args.java, args.jar, {})

    print("rnnkit vs PyTorch, float64, %d thread(s), median of %d alternating rounds"
          " (load average at start %.2f)" % (args.threads, args.repeats, load))
    for side, lines in log.items():
        for line in lines:
            print("  %s: %s" % (side, line.get("info", line) if isinstance(line, dict) else line))
    print()
    print("| cell | config | rnnkit train ms | PyTorch train ms | train ratio | rnnkit GFLOP/s |"
          " PyTorch GFLOP/s | rnnkit infer ms | PyTorch infer ms | infer ratio | rnnkit bytes/step |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for config in configs:
        for cell in cells:
            ours = results[("rnnkit", cell, config)]
            theirs = results[("torch", cell, config)]
            ot, tt = median(ours, "train_ms_per_step"), median(theirs, "train_ms_per_step")
            oi, ti = median(ours, "infer_ms_per_step"), median(theirs, "infer_ms_per_step")
            flops = 3 * forward_flops(config, cell)
            print("| %s | %s | %.2f | %.2f | %.2fx | %.1f | %.1f | %.2f | %.2f | %.2fx | %d |"
                  % (cell, config, ot, tt, tt / ot, flops / ot / 1e6, flops / tt / 1e6, oi, ti,
                     ti / oi, median(ours, "bytes_per_step")))
    if scaling:
        print()
        print("Two threads, large config: training-step throughput on 2 threads / on 1 thread")
        print()
        print("| cell | rnnkit 1T ms | rnnkit 2T ms | rnnkit scaling | PyTorch 1T ms | PyTorch 2T ms |"
              " PyTorch scaling | 2T ratio rnnkit / PyTorch |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for cell in cells:
            o1 = median(scaling[1][("rnnkit", cell, "large")], "train_ms_per_step")
            o2 = median(scaling[2][("rnnkit", cell, "large")], "train_ms_per_step")
            t1 = median(scaling[1][("torch", cell, "large")], "train_ms_per_step")
            t2 = median(scaling[2][("torch", cell, "large")], "train_ms_per_step")
            print("| %s | %.1f | %.1f | %.2fx | %.1f | %.1f | %.2fx | %.2fx |"
                  % (cell, o1, o2, o1 / o2, t1, t2, t1 / t2, t2 / o2))
    print()
    print("load average at end %.2f" % os.getloadavg()[0])


if __name__ == "__main__":
    main()
