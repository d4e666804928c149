#!/usr/bin/env python3
"""Side-by-side tables of NUTS (rstan) and the Wiener sampler against a long Stan reference run.

Usage: tables.py OUT_DIR [DATASET ...]. Reads, per data set NAME,
  OUT_DIR/reference_NAME_summary.csv   long Stan run (run_nuts.R)
  OUT_DIR/nuts_NAME_{summary,stats}.csv NUTS run (run_nuts.R)
  OUT_DIR/wiener_NAME__TAG/{summary,run}.csv Wiener runs (wiener sample), one per setting TAG
prints one table per data set and writes OUT_DIR/comparison.csv.

Agreement with the reference: for every parameter, z_mean = |mean - mean_ref| / sqrt(mcse^2 + mcse_ref^2)
with mcse = sd / sqrt(ess_bulk), and z_sd = |sd - sd_ref| / sqrt(sd^2 / (2 ess) + sd_ref^2 / (2 ess_ref)) with ess = min(ess_bulk, ess_tail)
(the Gaussian standard error of a standard deviation). The tables give the maximum over parameters;
"within Monte Carlo error" means both maxima are below 4 (a family-wise level of about 1% for 2 x 61
parameters when the errors are Gaussian).
"""
import csv
import math
import os
import sys


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def agreement(summary, ref):
    refs = {r["parameter"]: r for r in ref}
    zm = zs = 0.0
    for r in summary:
        q = refs[r["parameter"]]
        m, s, e = float(r["mean"]), float(r["sd"]), float(r["ess_bulk"])
        mr, sr, er = float(q["mean"]), float(q["sd"]), float(q["ess_bulk"])
        zm = max(zm, abs(m - mr) / math.sqrt(s * s / e + sr * sr / er))
        # The sd's error depends on how well x^2 mixes, which the bulk ESS overstates for antithetic NUTS
        # draws (ESS_bulk > N): use the smaller of the bulk and tail ESS.
        e2 = min(e, float(r["ess_tail"]))
        er2 = min(er, float(q["ess_tail"]))
        zs = max(zs, abs(s - sr) / math.sqrt(s * s / (2 * e2) + sr * sr / (2 * er2)))
    return zm, zs


def main():
    out = sys.argv[1]
    names = sys.argv[2:] or sorted(
        f[len("reference_"):-len("_summary.csv")] for f in os.listdir(out)
        if f.startswith("reference_") and f.endswith("_summary.csv"))
    rows = []
    for name in names:
        ref = read(os.path.join(out, f"reference_{name}_summary.csv"))
        table = []
        nuts_path = os.path.join(out, f"nuts_{name}_stats.csv")
        if os.path.exists(nuts_path):
            st = read(nuts_path)[0]
            summ = read(os.path.join(out, f"nuts_{name}_summary.csv"))
            grads = float(st["n_leapfrog"])
            ess = min(float(r["ess_bulk"]) for r in summ)
            zm, zs = agreement(summ, ref)
            table.append(("NUTS (rstan)", grads, ess, float(st["wall_seconds"]), zm, zs))
        prefix = f"wiener_{name}__"
        for wname in sorted(f for f in os.listdir(out) if f.startswith(prefix)):
            wdir = os.path.join(out, wname)
            if not os.path.exists(os.path.join(wdir, "run.csv")):
                continue
            run = read(os.path.join(wdir, "run.csv"))[0]
            summ = read(os.path.join(wdir, "summary.csv"))
            grads = float(run["gradient_evaluations"])
            ess = min(float(r["ess_bulk"]) for r in summ)
            zm, zs = agreement(summ, ref)
            label = (f"Wiener {run['solver']} {run['control']} friction {float(run['friction']):g} "
                     f"sep {float(run['chain_sep']):g}" + (" paper steps" if run.get('stepping') == 'paper' else ""))
            table.append((label, grads, ess, float(run["wall_seconds"]), zm, zs))
        d = len(ref)
        print(f"\n{name} (d = {d}; reference: long Stan run, min bulk ESS "
              f"{min(float(r['ess_bulk']) for r in ref):.0f})")
        header = ("sampler", "grad evals (incl. warm-up)", "min bulk ESS", "ESS/1000 grads", "ESS/s",
                  "max z mean", "max z sd")
        lines = []
        for (label, grads, ess, wall, zm, zs) in table:
            lines.append((label, f"{grads:.0f}", f"{ess:.0f}", f"{1000 * ess / grads:.1f}", f"{ess / wall:.0f}",
                          f"{zm:.2f}", f"{zs:.2f}"))
            rows.append({"data": name, "d": d, "sampler": label, "gradient_evaluations": int(grads),
                         "min_ess_bulk": round(ess, 1), "ess_per_1000_gradients": round(1000 * ess / grads, 2),
                         "ess_per_second": round(ess / wall, 1), "wall_seconds": round(wall, 3),
                         "max_z_mean": round(zm, 2), "max_z_sd": round(zs, 2)})
        widths = [max(len(h), *(len(l[i]) for l in lines)) for i, h in enumerate(header)]
        print("  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(header, widths))))
        print("  ".join("-" * w for w in widths))
        for l in lines:
            print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(l, widths))))
        if table and table[0][0].startswith("NUTS"):
            n = table[0]
            for w in table[1:]:
                print(f"{w[0]} / NUTS: ESS per gradient x{(w[2] / w[1]) / (n[2] / n[1]):.2f}, "
                      f"ESS per second x{(w[2] / w[3]) / (n[2] / n[3]):.2f}")
    if rows:
        with open(os.path.join(out, "comparison.csv"), "w", newline="") as f:
            wr = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
            wr.writeheader()
            wr.writerows(rows)


if __name__ == "__main__":
    main()
