#!/usr/bin/python3
# Reads a Sinew study results file (`sinew run`) into a tidy pandas DataFrame: the same table,
# column for column, as `sinew export study.h5 --csv` (docs/results-schema.md, "Tidy export").
"""Usage as a module (Debian: python3-h5py, python3-pandas; use /usr/bin/python3):

    import sys; sys.path.insert(0, "path/to/sinew/tools")
    from sinew_results import read_study
    df = read_study("study.h5")
    df[df.stage == "after"].pivot_table(index="model.scars.scar.adhesion_density",
                                        columns="base_arm", values="value")

As a script, `sinew_results.py study.h5` prints the table as CSV.

Columns: arm, base_arm, one per sweep parameter (float), session_index (Int64), session, stage,
time (s), metric, unit, value (float), status. One row per arm × probe × metric; `value` is NaN
where the metric does not apply and for every arm whose status is not `completed`; an arm
without probes has one row per metric with empty session, stage and time.
"""
import json
import sys

import h5py
import numpy as np
import pandas as pd

# The metrics in the order of the engine's metric table (engine/tissue/metrics.cpp), the order
# `sinew export` writes them in; a metric not listed here follows in name order.
METRIC_ORDER = ("stiffness", "tendon_modulus", "gliding_resistance", "work_of_excursion",
                "gliding_force_at_bond_failure", "gliding_peak_excursion",
                "adhesion_intact_fraction", "bonded_area", "scar_fibre_strain",
                "scar_peak_fibre_stretch", "scar_peak_strain", "strain_concentration",
                "scar_mean_fibre_damage")
PROBE_COLUMNS = ("session_index", "session_name", "stage", "time")
TAIL = ["session_index", "session", "stage", "time", "metric", "unit", "value", "status"]


def _text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def _attr(group, name):
    return _text(group.attrs[name]) if name in group.attrs else ""


def _metric_names(metrics):
    names = [n for n, ds in metrics.items() if n not in PROBE_COLUMNS and ds.dtype.kind == "f"]
    return sorted(names, key=lambda n: (METRIC_ORDER.index(n) if n in METRIC_ORDER
                                        else len(METRIC_ORDER), n))


def _arm_rows(arm, lead, status):
    metrics = arm["metrics"] if "metrics" in arm else {}
    names = _metric_names(metrics) if metrics else []
    probes = max((len(metrics[n]) for n in names), default=0)
    usable = status == "completed"
    column = {c: metrics[c][()] if c in metrics else [] for c in PROBE_COLUMNS}
    rows = []
    for p in range(probes):
        probe = [int(column["session_index"][p]), _text(column["session_name"][p]),
                 _text(column["stage"][p]), float(column["time"][p])]
        for n in names:
            value = float(metrics[n][p]) if usable else np.nan
            rows.append(lead + probe + [n, _attr(metrics[n], "units"), value, status])
    if probes == 0:
        for n in names:
            rows.append(lead + [pd.NA, "", "", np.nan, n, _attr(metrics[n], "units"), np.nan,
                                status])
    return rows


def read_study(path):
    """The tidy table of the study results file `path` as a pandas DataFrame.

    Raises OSError when the file cannot be opened as HDF5 (missing, truncated, not HDF5) and
    ValueError, naming the file, when it opens but is not a readable study results file
    (missing groups, datasets of the wrong type or shape, damaged attributes)."""
    try:
        return _read_study(path)
    except OSError as e:
        raise OSError(f"{path}: cannot be read as HDF5 ({e})") from e
    except (KeyError, ValueError, TypeError, IndexError, AttributeError, UnicodeError,
            RuntimeError, MemoryError) as e:
        raise ValueError(f"{path}: not a readable Sinew study results file "
                         f"({type(e).__name__}: {e})") from e


def _read_study(path):
    with h5py.File(path, "r") as f:
        arms = list(f["arms"].items())  # in the order of the study (creation order)
        sweeps = [json.loads(_attr(arm, "sweep") or "{}") for _, arm in arms]
        parameters = list(dict.fromkeys(k for s in sweeps for k in s))
        rows = []
        for (name, arm), sweep in zip(arms, sweeps):
            status = _attr(arm, "arm_status") or _attr(arm, "status")
            lead = [name, _attr(arm, "base_arm")] + [sweep.get(p, np.nan) for p in parameters]
            rows += _arm_rows(arm, lead, status)
    df = pd.DataFrame(rows, columns=["arm", "base_arm"] + parameters + TAIL)
    return _typed(df, parameters)


def _typed(df, parameters):
    for p in parameters:
        df[p] = pd.to_numeric(df[p])
    df["session_index"] = df["session_index"].astype("Int64")
    df["time"] = df["time"].astype(float)
    df["value"] = df["value"].astype(float)
    return df


def read_export(path):
    """The CSV of `sinew export --csv` as a DataFrame with the dtypes of read_study."""
    # round_trip: the exported shortest decimals read back to the stored doubles exactly.
    df = pd.read_csv(path, keep_default_na=False, na_values={"value": [""], "time": [""]},
                     float_precision="round_trip",
                     dtype={"arm": str, "base_arm": str, "session": str, "stage": str,
                            "metric": str, "unit": str, "status": str})
    parameters = list(df.columns[2:df.columns.get_loc("session_index")])
    df["session_index"] = pd.to_numeric(df["session_index"].replace("", None)).astype("Int64")
    return _typed(df, parameters)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    try:
        table = read_study(sys.argv[1])
    except (OSError, ValueError) as e:
        sys.exit(f"error: {e}")
    table.to_csv(sys.stdout, index=False)
