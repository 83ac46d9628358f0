#!/usr/bin/python3
"""Writes docs/validation.md and its figures (docs/figures/validation/*.png) from the records
the validation tests leave in <build>/validation/*.json (ctest -L validation).

    validation_report.py <build dir> [<source dir>]

Each record holds one case: the experiment (source, mean and spread, or a qualitative
expectation), the model's value, whether it passed, and the curves for its figure.
"""
import json
import math
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

# Cases sharing one figure: record id prefix -> figure name.
FIGURES = [
    ("achilles-modulus", "achilles-modulus"),
    ("achilles-strain-mvc", "achilles-strain-mvc"),
    ("achilles-7kN", "achilles-7kN"),
    ("achilles-scar-limit", "achilles-scar-limit"),
    ("tendinopathy-", "tendinopathy"),
    ("interface-shear-modulus-normal", "interface-normal"),
    ("interface-shear-strength-normal", "interface-normal"),
    ("interface-shear-modulus-fibrotic", "interface-fibrotic"),
    ("interface-shear-strength-fibrotic", "interface-fibrotic"),
    ("patellar-stiffness", "patellar-stiffness"),
    ("plantar-fascia-stiffness", "plantar-fascia-stiffness"),
    ("fatigue-sn-line", "fatigue-sn-line"),
    ("fatigue-hops", "fatigue-hops"),
    ("pulley-friction-coefficient", "pulley-friction"),
    ("pulley-gliding-resistance", "pulley-gliding-resistance"),
    ("ssct-energy-ratio-", "ssct-energy-ratio"),
]

ORDER = [
    "achilles-modulus", "achilles-strain-mvc", "achilles-7kN-damage", "achilles-scar-limit",
    "tendinopathy-csa",
    "tendinopathy-modulus", "tendinopathy-strain", "interface-shear-modulus-normal",
    "interface-shear-strength-normal", "interface-shear-modulus-fibrotic",
    "interface-shear-strength-fibrotic", "patellar-stiffness", "plantar-fascia-stiffness",
    "fatigue-sn-line", "fatigue-hops-stiffness", "pulley-friction-coefficient",
    "pulley-gliding-resistance", "ssct-energy-ratio-60", "ssct-energy-ratio-90",
    "ssct-energy-ratio-120",
]


def figure_of(case_id):
    return next(name for prefix, name in FIGURES if case_id.startswith(prefix))


def load_records(build):
    records = {}
    for path in sorted((Path(build) / "validation").glob("*.json")):
        r = json.loads(path.read_text())
        records[r["id"]] = r
    missing = [i for i in ORDER if i not in records]
    if missing:
        sys.exit(f"missing validation records (run ctest -L validation first): {missing}")
    return records


def stress_strain(ax, r, prefix="", label="model", area=None):
    s = [100 * x for x in r["series"][prefix + "strain"]]
    f = r["series"][prefix + "force_N"]
    ax.plot(s, [x / 1000 for x in f], "o-", ms=3, label=label)
    return s, f


def fig_modulus(ax, r):
    s, f = stress_strain(ax, r)
    # The experiment's band: lines of slope E +- SD (as force over strain, via the model's own
    # section and length) through the model's 3.5 kN point.
    e_mod = r["model"]
    f_top, s_top = f[-1], s[-1]
    k_model = (f[-1] - f[len(f) // 2]) / max(s[-1] - s[len(s) // 2], 1e-12)  # N per % strain
    for e, style in ((r["mean"] - r["spread"], ":"), (r["mean"] + r["spread"], ":"), (r["mean"], "--")):
        k = k_model * e / e_mod
        xs = [s_top - f_top / 2 / k, s_top]
        ax.plot(xs, [(f_top - f_top / 2) / 1000, f_top / 1000], "k" + style, lw=1)
    ax.plot([], [], "k--", lw=1, label="slope 1.16 GPa (dotted: +- 0.15)")
    ax.set_xlabel("strain (%)")
    ax.set_ylabel("force (kN)")


def fig_strain(ax, r):
    stress_strain(ax, r)
    ax.axvspan(r["mean"] - r["spread"], r["mean"] + r["spread"], color="C1", alpha=0.25,
               label="4.9 +- 1% (Maganaris & Paul 2002)")
    ax.axhline(3.5, color="k", ls="--", lw=1, label="3.5 kN (Peltonen et al. 2010)")
    ax.set_xlabel("strain (%)")
    ax.set_ylabel("force (kN)")


def fig_7kn(ax, r):
    stress_strain(ax, r)
    d = r["series"]["max_damage"]
    s = [100 * x for x in r["series"]["strain"]]
    f = r["series"]["force_N"]
    hit = [(a, b / 1000) for a, b, x in zip(s, f, d) if x > 0]
    if hit:
        ax.plot(*hit[0], "rx", ms=10, label="first fibre damage")
    ax.axhline(7.0, color="k", ls="--", lw=1, label="7 kN running peak (Reiter et al. 2024)")
    ax.set_xlabel("strain (%)")
    ax.set_ylabel("force (kN)")


def fig_scar_limit(ax, r):
    limits = [x / 1000 for x in r["series"]["limit_load_N"]]
    names = ["12 (demo)", "16", "20"][: len(limits)]
    ax.plot(range(len(limits)), limits, "o-", label="model: limit load (rigid-plate end)")
    ax.axhline(4.12, color="k", ls="--", lw=1, label="6 BW running load at 70 kg (4.12 kN)")
    ax.set_xticks(range(len(limits)))
    ax.set_xticklabels(names)
    ax.set_ylim(0, 5)
    ax.set_xlabel("axial cells (core 3, 2 tendon rings)")
    ax.set_ylabel("force (kN)")


def fig_tendinopathy(ax, r):
    stress_strain(ax, r, "healthy ", "healthy (achilles-healthy.yaml)")
    stress_strain(ax, r, "tendinopathic ", "tendinopathic (achilles-tendinopathic.yaml)")
    ax.set_xlabel("strain (%)")
    ax.set_ylabel("force (kN)")


def fig_interface(ax, records, layer):
    g = records[f"interface-shear-modulus-{layer}"]
    t = records[f"interface-shear-strength-{layer}"]
    slip, stress = g["series"]["slip_mm"], g["series"]["stress_kPa"]
    ax.plot(slip, stress, "o-", ms=3, label="model (bond, uniform slip)")
    ax.axhspan(t["mean"] - t["spread"], t["mean"] + t["spread"], color="C1", alpha=0.25,
               label=f"strength {t['mean']} +- {t['spread']} kPa (Osamura et al. 2007)")
    x = max(slip)
    for G, style in ((g["mean"], "--"), (g["mean"] - g["spread"], ":"), (g["mean"] + g["spread"], ":")):
        ax.plot([0, x], [0, G * x], "k" + style, lw=1)  # tau = G slip / (1 mm)
    ax.plot([], [], "k--", lw=1, label=f"G = {g['mean']} +- {g['spread']} kPa over 1 mm")
    ax.set_ylim(0, 1.6 * (t["mean"] + t["spread"]))
    ax.set_xlabel("slip (mm)")
    ax.set_ylabel("shear stress (kPa)")


def fig_stiffness(ax, r, label):
    ax.errorbar([0], [r["mean"]], yerr=[r["spread"]], fmt="s", color="C1", capsize=8,
                label=f"{r['source']}: {r['mean']} +- {r['spread']} N/mm")
    ax.plot([0.15], [r["model"]], "o", color="C0", label=f"model: {r['model']:.0f} N/mm")
    ax.set_xticks([0.075])
    ax.set_xticklabels([label])
    ax.set_xlim(-0.5, 0.65)
    ax.set_ylim(0, 1.5 * (r["mean"] + r["spread"]))
    ax.set_ylabel("stiffness (N/mm)")


def fig_sn_line(ax, r):
    stress = r["series"]["stress_MPa"]
    lo, hi = 1.0, 10 * max(r["series"]["line_cycles"])
    n = [lo * (hi / lo) ** (i / 50) for i in range(51)]
    ax.semilogx(n, [101.3 - 14.8 * math.log10(x) for x in n], "k--", lw=1,
                label="S = 101.3 - 14.8 log10 N (Schechtman & Bader 1997)")
    ax.semilogx(r["series"]["model_cycles"], stress, "o", color="C0",
                label="model: material point cycled to Miner damage 1")
    ax.set_xlabel("cycles to failure")
    ax.set_ylabel("peak stress (MPa, % of the 100 MPa UTS)")


def fig_hops(ax, r):
    k = r["series"]["stiffness_N_per_mm"]
    ax.bar([0, 1], k, color=["C0", "C3"], width=0.5)
    ax.set_xticks([0, 1])
    ax.set_xticklabels(["before", "after 1,150 hops at 3.5 kN"])
    ax.plot([], [], " ",
            label=f"model change {r['model']:.0f}% (experiment: < 2%, Peltonen et al. 2010)")
    ax.set_ylabel("stiffness at the 500 N probe (N/mm)")


def fig_pulley_friction(ax, r):
    pull, t2 = r["series"]["pull_mm"], r["series"]["T2_N"]
    t1 = r["series"]["T1_N"][0]
    theta = math.pi / 2
    mu = [math.log(max(x, 1e-12) / t1) / theta for x in t2]
    ax.plot(pull, mu, "o-", ms=3, label="model: ln(T2/T1)/θ (input μ = 0.016)")
    ax.axhspan(r["mean"] - r["spread"], r["mean"] + r["spread"], color="C1", alpha=0.25,
               label="0.016 ± 0.005 (Uchiyama et al. 2008)")
    ax.set_ylim(-0.002, 0.03)
    ax.set_xlabel("pull of the free end (mm)")
    ax.set_ylabel("measured friction coefficient")


def fig_pulley_resistance(ax, r):
    pull, t2 = r["series"]["pull_mm"], r["series"]["T2_N"]
    t1 = r["series"]["T1_N"][0]
    lo, hi = r["series"]["band_N"]
    ax.plot(pull, [x - t1 for x in t2], "o-", ms=3, label="model: T2 − T1 (4.9 N, 90° assumed)")
    ax.axhspan(lo, hi, color="C0", alpha=0.15, label="model with μ = 0.011–0.021")
    ax.axhline(r["mean"], color="C1", ls="--", label="0.09 N (Ozasa et al. 2013; SD not found)")
    ax.set_xlabel("pull of the free end (mm)")
    ax.set_ylabel("gliding resistance (N)")


def fig_ssct(ax, records):
    levels = [60, 90, 120]
    rs = [records[f"ssct-energy-ratio-{x}"] for x in levels]
    ax.errorbar(levels, [r["mean"] for r in rs], yerr=[r["spread"] for r in rs], fmt="s",
                color="C1", capsize=6, label="Vanhees et al. 2012 (mean ± SD)")
    x = rs[0]["series"]["best_scale_mm"][0]
    ax.plot(levels, [r["model"] for r in rs], "o-", color="C0",
            label=f"model (bond of achilles-healthy), best scale X = {x:.1f} mm")
    ax.set_xlabel("stretch level (% of the physiological excursion X)")
    ax.set_ylabel("energy ratio E2/E1")
    ax.set_ylim(0.4, 1.1)


def draw_figures(records, folder):
    folder.mkdir(parents=True, exist_ok=True)
    drawers = {
        "achilles-modulus": lambda ax: fig_modulus(ax, records["achilles-modulus"]),
        "achilles-strain-mvc": lambda ax: fig_strain(ax, records["achilles-strain-mvc"]),
        "achilles-7kN": lambda ax: fig_7kn(ax, records["achilles-7kN-damage"]),
        "achilles-scar-limit": lambda ax: fig_scar_limit(ax, records["achilles-scar-limit"]),
        "tendinopathy": lambda ax: fig_tendinopathy(ax, records["tendinopathy-csa"]),
        "interface-normal": lambda ax: fig_interface(ax, records, "normal"),
        "interface-fibrotic": lambda ax: fig_interface(ax, records, "fibrotic"),
        "patellar-stiffness": lambda ax: fig_stiffness(
            ax, records["patellar-stiffness"], "patellar tendon, unscarred model, 1 kN probe"),
        "plantar-fascia-stiffness": lambda ax: fig_stiffness(
            ax, records["plantar-fascia-stiffness"], "plantar fascia, unscarred model, 100 N probe"),
        "fatigue-sn-line": lambda ax: fig_sn_line(ax, records["fatigue-sn-line"]),
        "fatigue-hops": lambda ax: fig_hops(ax, records["fatigue-hops-stiffness"]),
        "pulley-friction": lambda ax: fig_pulley_friction(
            ax, records["pulley-friction-coefficient"]),
        "pulley-gliding-resistance": lambda ax: fig_pulley_resistance(
            ax, records["pulley-gliding-resistance"]),
        "ssct-energy-ratio": lambda ax: fig_ssct(ax, records),
    }
    for name, draw in drawers.items():
        fig, ax = plt.subplots(figsize=(5.5, 3.8), dpi=100)
        draw(ax)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7, loc="best")
        fig.tight_layout()
        fig.savefig(folder / f"{name}.png", metadata={"Software": None})
        plt.close(fig)


def fmt(x):
    return f"{x:.3g}" if abs(x) < 100 else f"{x:.0f}"


def table(records):
    rows = ["| case | source | experiment | model | pass | figure |", "|---|---|---|---|---|---|"]
    for i in ORDER:
        r = records[i]
        unit = "" if r["unit"] in ("1", "ratio") else " " + r["unit"]
        exp = r["expected"] or f"{fmt(r['mean'])} ± {fmt(r['spread'])}{unit}"
        model = f"{fmt(r['model'])}{unit}"
        ok = "yes" if r["pass"] else "**no (open)**"
        fig = f"[{figure_of(i)}](figures/validation/{figure_of(i)}.png)"
        rows.append(f"| {r['title']} | {r['source']} | {exp} | {model} | {ok} | {fig} |")
    return "\n".join(rows)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    root = Path(sys.argv[2]) if len(sys.argv) == 3 else ROOT
    records = load_records(sys.argv[1])
    draw_figures(records, root / "docs" / "figures" / "validation")
    template = (root / "tools" / "validation_report.md.in").read_text()
    text = template.replace("@TABLE@", table(records))
    for i, r in records.items():
        text = text.replace(f"@{i}@", fmt(r["model"]))
    figures = "\n\n".join(
        f"![{name}](figures/validation/{name}.png)" for name in dict.fromkeys(n for _, n in FIGURES))
    text = text.replace("@FIGURES@", figures)
    (root / "docs" / "validation.md").write_text(text)
    print(f"wrote docs/validation.md ({sum(r['pass'] for r in records.values())} of "
          f"{len(records)} cases pass) and {len(set(n for _, n in FIGURES))} figures")


if __name__ == "__main__":
    main()
