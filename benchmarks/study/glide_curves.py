#!/usr/bin/python3
"""Gliding resistance against excursion for bonded, partly broken and free interfaces.

Runs the finite-sliding gliding probe (docs/metrics.md, "Finite sliding": 10 mm in 20
increments, probe contact penalty 1 MPa/mm) on the Achilles scar model
(scenarios/models/achilles-midportion-scar.yaml) with the demo study's coarse mesh (axial 12,
core 3, tendon_radial 2) in three interface states:

  bonded        the model as built: scar adhesion density 1, no bond damaged;
  partly broken after a passive glide: both tendon ends moved 3 mm along the axis (sideways held)
                with the paratenon's outer surface fixed and no tendon load, over 1 s in 12
                increments on the model's own interface (small sliding, bond viscosity 0.05 s).
                3 mm is past the 2.2 mm slip at which the scar's bonds reach their strength and
                short of the 4 mm at which they are broken, so the bonds are damaged but not
                gone; the probe then starts from that history;
  free          scar adhesion density 0: no bonds. The finite probe rebonds each node at the
                intact density rho (1 - D), so a fully broken interface (D = 1) is this state.

The curves come from build/benchmarks/sinew_glide_curves (glide_curves.cpp, the probe the
metrics use); `sinew solve` runs the partly broken model again to write its results file (for
the bond maps) and prints the metrics, which must agree with the curves. Writes into OUT
(default build/glide_curves/): glide_curves.csv (state, excursion_mm, force_N), glide_summary.csv
(peak force, excursion at the peak, work of excursion, force at 4 mm and 10 mm, bond
dissipation), glide_curves.png and bond_map.png (the interface on the unrolled tendon surface:
initial bond density, bond damage and intact density after the glide). With --map STUDY.h5 ARM
(and --map-step S) it only draws the bond map of a study arm at its reported step S (default the
last), e.g. the demo study's ART arm.

Usage (from the repository root, after building sinew and sinew_glide_curves):
    /usr/bin/python3 benchmarks/study/glide_curves.py [--build build] [--out DIR] [--glide 3]
                                                   [--threads 1]
Newton's absolute residual floor is set to 0.01 N (--residual-floor): with the model's 1 N the
reaction force carries up to ~0.2 N of unconverged residual, which hides the friction-only
force (the free curve then wanders between -0.03 and 0.21 N instead of 0). Needs numpy, matplotlib, h5py and PyYAML (Debian python3-*). About 3 minutes on one core.
"""
import argparse
import copy
import csv
import math
import os
import subprocess
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import yaml  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODEL = os.path.join(ROOT, "scenarios", "models", "achilles-midportion-scar.yaml")
FAILURE_SEPARATION = 4.0  # mm, 2 G_IIc / tau_t of the model's bonds
LABELS = {"bonded": "bonded (ρ = 1)", "partly": "partly broken (after a {g:g} mm glide)",
          "free": "free (no bonds)"}


def model_variant(glide, density, finite_probe, residual_floor):
    """The scar model on the demo mesh, its load replaced by a rigid glide of the tendon."""
    with open(MODEL) as f:
        m = yaml.safe_load(f)
    m = copy.deepcopy(m)
    m["mesh"]["divisions"].update({"axial": 12, "core": 3, "tendon_radial": 2})
    m["scars"][0]["adhesion_density"] = density
    m["solver"]["residual_absolute"] = residual_floor
    if finite_probe:
        m["tissue"].update({"probe_sliding": "finite", "probe_contact_penalty": 1.0,
                            "probe_excursion": 10.0, "probe_increments": 20})
    ends = []
    for nodes in ("tendon_distal", "tendon_proximal"):
        ends.append({"type": "displacement", "nodes": nodes, "component": "x", "value": glide})
        for c in ("y", "z"):
            ends.append({"type": "displacement", "nodes": nodes, "component": c, "value": 0.0})
    m["boundary"] = [{"type": "fixed", "nodes": "sheath_outer", "components": ["x", "y", "z"]}]
    m["boundary"] += ends
    m["steps"] = [{"name": "glide", "duration": 1.0, "increments": 12}]
    return m


def write_yaml(path, m):
    with open(path, "w") as f:
        yaml.safe_dump(m, f, sort_keys=False)


def run_curves(exe, model_file):
    """{state: [(e, F)]} and {state: comment} from sinew_glide_curves."""
    print("running", exe, model_file, flush=True)
    text = subprocess.run([exe, model_file], check=True, capture_output=True, text=True).stdout
    curves, notes = {}, {}
    for line in text.splitlines():
        if line.startswith("#"):
            state, note = line[2:].split(":", 1)
            notes[state] = note.strip()
        elif line and not line.startswith("state,"):
            state, e, f = line.split(",")
            curves.setdefault(state, []).append((float(e), float(f)))
    return curves, notes


def summary(points):
    e = np.array([p[0] for p in points])
    f = np.array([p[1] for p in points])
    k = int(np.argmax(np.abs(f)))
    work = float(np.sum(0.5 * (f[1:] + f[:-1]) * np.diff(e)))
    return {"peak_N": abs(f[k]), "peak_excursion_mm": e[k], "work_Nmm": work,
            "force_at_4mm_N": float(np.interp(FAILURE_SEPARATION, e, f)), "force_at_10mm_N": f[-1]}


def plot_curves(cases, glide, path):
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    for (key, points), style in zip(cases, ("o-", "s-", "^-")):
        e, f = zip(*points)
        ax.plot(e, f, style, ms=3.5, label=LABELS[key].format(g=glide))
    ax.axvline(2.2, color="0.6", lw=0.8, ls=":")
    ax.axvline(FAILURE_SEPARATION, color="0.6", lw=0.8, ls="--")
    ax.text(2.25, ax.get_ylim()[1] * 0.6, "δ₀", color="0.4", va="top")
    ax.text(4.05, ax.get_ylim()[1] * 0.6, "δ_f", color="0.4", va="top")
    ax.set_xlabel("excursion e (mm)")
    ax.set_ylabel("gliding force F (N)")
    ax.set_title("Achilles scar model, finite-sliding gliding probe (demo mesh)", fontsize=9)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=150)
    plt.close(fig)


def unrolled_facets(f, a, b):
    """Facet polygons on the tendon surface unrolled to (x, angle from the posterior, degrees)."""
    pts = f["interface/mesh/points"][()]
    conn = f["interface/mesh/connectivity"][()]
    offs = f["interface/mesh/offsets"][()]
    # Elliptic angle measured from the posterior pole (+z), positive toward +y.
    ang = np.degrees(np.arctan2(pts[:, 1] / a, pts[:, 2] / b))
    polys = []
    for i in range(len(offs) - 1):
        ids = conn[offs[i]:offs[i + 1]]
        t = ang[ids].copy()
        if t.max() - t.min() > 180:
            t[t < 0] += 360
        polys.append(np.column_stack([pts[ids, 0], t]))
    return polys


def with_seam_copies(polys, values):
    """Facets across the +-180 degree seam drawn on both sides of the plot."""
    out_p, out_v = list(polys), list(values)
    for poly, v in zip(polys, values):
        if poly[:, 1].max() > 180:
            out_p.append(poly - [0, 360])
            out_v.append(v)
    return out_p, np.array(out_v)


def plot_bond_map(results, what, path, group="/", step=-1):
    """The bond map at `step` of `group` (a run's root, or /arms/<arm> of a study)."""
    with h5py.File(results, "r") as f:
        g = f[group]
        polys = unrolled_facets(g, 7.35, 2.45)
        rho0 = g["interface/mesh/adhesion_density"][()]
        damage = g["interface/fields/bond_damage"][step]
        intact = g["interface/fields/adhesion"][step]
    panels = [(rho0, "initial bond density ρ"),
              (damage, f"bond damage D after {what}"),
              (intact, f"intact density ρ (1 − D) after {what}")]
    fig, axes = plt.subplots(3, 1, figsize=(7.0, 7.6), sharex=True)
    for ax, (values, title) in zip(axes, panels):
        drawn, shown = with_seam_copies(polys, values)
        pc = PolyCollection(drawn, array=shown, cmap="viridis", edgecolors="0.3",
                            linewidths=0.3)
        pc.set_clim(0, 1)
        ax.add_collection(pc)
        ax.set_xlim(0, 50)
        ax.set_ylim(-180, 180)
        ax.set_yticks([-180, -90, 0, 90, 180])
        ax.set_ylabel("angle from posterior (°)")
        ax.set_title(title, fontsize=9)
        # The half-scar surface (s = 0.5, semi-axes 6.5 x 3.5 mm about x = 25 mm on the
        # posterior surface): |y| < 3.5 mm is an elliptic angle of asin(3.5 / 7.35) = 28 deg.
        half = math.degrees(math.asin(3.5 / 7.35))
        ax.add_patch(plt.Rectangle((18.5, -half), 13, 2 * half, fill=False, ec="w", ls="--",
                                   lw=0.8))
        fig.colorbar(pc, ax=ax, fraction=0.04, pad=0.01)
        for poly, v, r in zip(polys, values, rho0):
            if r > 0:  # the facet's value on every bonded facet
                cx, cy = poly.mean(axis=0)
                ax.text(cx, cy, f"{v:.2f}", ha="center", va="center", fontsize=6,
                        color="w" if v < 0.5 else "k")
    axes[-1].set_xlabel("x (mm from the calcaneal end)")
    fig.tight_layout()
    fig.savefig(path, dpi=150)
    plt.close(fig)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--out", default=None)
    p.add_argument("--glide", type=float, default=3.0, help="prior glide, mm")
    p.add_argument("--residual-floor", type=float, default=0.01,
                   help="Newton's absolute residual floor, N (the model's is 1)")
    p.add_argument("--threads", type=int, default=1, help="OpenMP threads of each run")
    p.add_argument("--map", nargs=2, metavar=("STUDY_H5", "ARM"),
                   help="only draw the bond map of a study arm (OUT/bond_map_ARM.png)")
    p.add_argument("--map-step", type=int, default=-1, help="reported step of --map (0-based)")
    args = p.parse_args()
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    out = args.out or os.path.join(args.build, "glide_curves")
    os.makedirs(out, exist_ok=True)
    if args.map:
        study, arm = args.map
        with h5py.File(study, "r") as f:
            t = f[f"/arms/{arm}/time"][args.map_step]
        plot_bond_map(study, f"'{arm}' to t = {t:g} s", os.path.join(out, f"bond_map_{arm}.png"),
                      f"/arms/{arm}", args.map_step)
        return 0
    exe = os.path.join(args.build, "benchmarks", "sinew_glide_curves")
    sinew = os.path.join(args.build, "tools", "sinew")

    bonded = os.path.join(out, "bonded.yaml")
    free = os.path.join(out, "free.yaml")
    write_yaml(bonded, model_variant(args.glide, 1.0, True, args.residual_floor))
    write_yaml(free, model_variant(args.glide, 0.0, True, args.residual_floor))
    curves, notes = run_curves(exe, bonded)
    free_curves, free_notes = run_curves(exe, free)
    cases = [("bonded", curves["initial"]), ("partly", curves["after glide"]),
             ("free", free_curves["initial"])]
    case_notes = {"bonded": notes["initial"], "partly": notes["after glide"],
                  "free": free_notes["initial"]}

    with open(os.path.join(out, "glide_curves.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["state", "excursion_mm", "force_N"])
        for key, points in cases:
            w.writerows([key, f"{e:g}", f"{F:.6g}"] for e, F in points)
    with open(os.path.join(out, "glide_summary.csv"), "w", newline="") as f:
        w = csv.writer(f)
        cols = ["peak_N", "peak_excursion_mm", "work_Nmm", "force_at_4mm_N", "force_at_10mm_N"]
        w.writerow(["state"] + cols + ["probe"])
        for key, points in cases:
            s = summary(points)
            w.writerow([key] + [f"{s[c]:.6g}" for c in cols] + [case_notes[key]])
            print(key, {c: round(s[c], 4) for c in cols}, case_notes[key])
    plot_curves(cases, args.glide, os.path.join(out, "glide_curves.png"))

    results = os.path.join(out, "partly_broken.h5")
    if os.path.exists(results):
        os.remove(results)
    print("running", sinew, "solve", bonded, flush=True)
    subprocess.run([sinew, "solve", bonded, "-o", results, "-t", str(args.threads)], check=True)
    plot_bond_map(results, f"the {args.glide:g} mm glide", os.path.join(out, "bond_map.png"))
    print("wrote", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
