"""torchsde's batched adaptive SRK on the GBM ensemble of GbmEnsembleBenchmark, for same-minute ratios.

dX = 0.5 X dt + 0.8 X dW (Ito), X0 = 1, T = 1, 4096 paths in one batch (torchsde adapts one step size for
the whole batch), method 'srk', BrownianInterval with space-time Levy area, rtol = atol = tol. Like the Java
benchmark, it picks the loosest tolerance on the grid 2^(-k/2) whose RMS error at T against the exact solution
exp((mu - sigma^2/2) T + sigma W_T) is below 8.5e-4, then reports the best process CPU time of several solves
on one thread.

Usage: python3 gbm_torchsde.py [dt0 [repetitions]]   (needs torch and torchsde on the path)

torchsde's BrownianInterval imports the small 'trampoline' package. Where it cannot be installed (no PyPI), a
minimal stand-in with the same two names (trampoline, TailCall) is registered below.
"""
import sys
import time
import types

import torch

try:
    import trampoline  # noqa: F401
except ImportError:
    def _run(generator):
        # Generator-based recursion: a yielded generator is a call whose value is sent back; TailCall replaces
        # the running generator.
        stack, value = [generator], None
        while stack:
            try:
                stack.append(stack[-1].send(value))
                value = None
            except StopIteration as done:
                stack.pop()
                value = done.value
            except _TailCall as call:
                stack[-1], value = call.generator, None
        return value

    class _TailCall(BaseException):
        def __init__(self, generator):
            self.generator = generator

    sys.modules['trampoline'] = types.SimpleNamespace(trampoline=_run, TailCall=_TailCall)

import torchsde  # noqa: E402

MU, SIGMA, PATHS, TARGET_RMS = 0.5, 0.8, 4096, 8.5e-4


class Gbm(torch.nn.Module):
    noise_type = 'scalar'
    sde_type = 'ito'

    def f(self, t, y):
        return MU * y

    def g(self, t, y):
        return (SIGMA * y).unsqueeze(-1)


def solve(tol, dt0, seed=0):
    """RMS error at T and the process CPU seconds of one batched solve."""
    bm = torchsde.BrownianInterval(t0=0.0, t1=1.0, size=(PATHS, 1), levy_area_approximation='space-time',
                                   entropy=seed)
    start = time.process_time()
    ys = torchsde.sdeint(Gbm(), torch.ones(PATHS, 1), torch.tensor([0.0, 1.0]), bm=bm, method='srk',
                         adaptive=True, rtol=tol, atol=tol, dt=dt0)
    cpu = time.process_time() - start
    exact = torch.exp((MU - 0.5 * SIGMA ** 2) + SIGMA * bm(0.0, 1.0))
    return torch.sqrt(torch.mean((ys[-1] - exact) ** 2)).item(), cpu


def main():
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float64)
    dt0 = float(sys.argv[1]) if len(sys.argv) > 1 else 0.05
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    for k in range(8, 37):
        tol = 2.0 ** (-k / 2)
        rms, _ = solve(tol, dt0)
        if rms < TARGET_RMS:
            best = min(solve(tol, dt0)[1] for _ in range(reps))
            print(f"torchsde srk, adaptive, dt0 {dt0}: tol 2^-{k / 2} RMS {rms:.3e}; best of {reps}: "
                  f"{best * 1e3:.1f} ms CPU for {PATHS} paths = {PATHS / best:.0f} paths/s")
            return
    print("target RMS not reached down to tol 2^-18")


if __name__ == '__main__':
    main()
