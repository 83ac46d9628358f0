#!/usr/bin/python3
# Prints the step table of a Sinew results file: time, Newton iterations, reactions, max |u|,
# for tissue models the last step's fibre damage and intact interface bonds, and the largest
# magnitude of every field at the last step.
"""Usage: /usr/bin/python3 tools/print_results.py results.h5

A first h5py script on a Sinew results file. The file is plain HDF5 (docs/results-schema.md):
every array is a dataset with `units` and `description` attributes, fields are time-major
(row s = step s). Debian packages: python3-h5py, python3-numpy (use /usr/bin/python3).
"""
import sys

import h5py
import numpy as np

# The per-step datasets of schema 2 with their units: `sinew fields --json` lists the same (a
# ctest test compares the two), so a field added to the engine's table must be added here.
FIELDS = [
    ("fields/displacement", "mm"),
    ("fields/cauchy_stress", "MPa"),
    ("fields/max_principal_green_lagrange_strain", "1"),
    ("fields/fibre_stretch", "1"),
    ("fields/fibre_direction", "1"),
    ("fields/fibre_damage", "1"),
    ("fields/contact_pressure", "MPa"),
    ("fields/contact_slip", "mm"),
    ("interface/fields/displacement", "mm"),
    ("interface/fields/adhesion", "1"),
    ("interface/fields/bond_damage", "1"),
    ("interface/fields/slip", "mm"),
    ("interface/fields/tangential_gap", "mm"),
    ("interface/fields/normal_gap", "mm"),
    ("interface/fields/traction", "MPa"),
]


def main(path):
    """Prints the table; raises OSError when `path` cannot be opened as HDF5 and ValueError,
    naming the file, when it is not a readable results file (missing or damaged parts)."""
    try:
        _print_results(path)
    except OSError as e:
        raise OSError(f"{path}: cannot be read as HDF5 ({e})") from e
    except (KeyError, ValueError, TypeError, IndexError, AttributeError, UnicodeError,
            RuntimeError, MemoryError, ZeroDivisionError) as e:
        raise ValueError(f"{path}: not a readable Sinew results file "
                         f"({type(e).__name__}: {e})") from e


def _print_results(path):
    with h5py.File(path, "r") as f:
        a = f.attrs
        print(f"{path}: sinew {a['sinew_version']}, model {a['model_file']}, "
              f"status {a['status']}")
        if a["status"] != "completed":
            print(f"  failure: {a['failure_reason']}")

        time = f["time"][:]  # (S,) s; complete steps, row 0 the undeformed state at t = 0
        steps = len(time)
        iterations = f["steps/newton_iterations"][:steps]
        u = f["fields/displacement"]  # (S, N, 3) mm: read one step (one chunk) at a time
        reactions = {name: f["reactions"][name][:steps] for name in f["reactions"]}  # (S, 3) N

        header = f"{'step':>4} {'time (s)':>10} {'iters':>5}"
        for name in reactions:
            header += "".join(f" {name + ' R' + c + ' (N)':>14}" for c in "xyz")
        print(header + f" {'max |u| (mm)':>14}")
        # Row 0 is the undeformed state at t = 0 (step `initial`) in files written since it was
        # added; it is labelled and not counted as a load step.
        first = f["steps/step_name"][0] if steps else b""
        undeformed = steps > 0 and time[0] == 0 and first in (b"initial", "initial")
        for s in range(steps):
            row = f"{s:>4} {time[s]:>10.4g} {iterations[s]:>5}"
            for r in reactions.values():
                row += "".join(f" {v:>14.6g}" for v in r[s])
            u_max = np.linalg.norm(u[s], axis=1).max()
            label = "  t=0 (undeformed)" if undeformed and s == 0 else ""
            print(row + f" {u_max:>14.6g}" + label)
        if undeformed:
            print(f"{steps - 1} load steps after the undeformed state at t = 0")
        else:
            print(f"{steps} steps")
        if steps == 0:
            return

        # Tissue fields (schema 2): per-cell scar fraction (static) and fibre damage (per step).
        if "fibre_damage" in f["fields"]:
            scar = f["mesh/scar_fraction"][:]  # (M,)
            damage = f["fields/fibre_damage"][steps - 1]  # (M,)
            print(f"last step: max fibre damage {damage.max():.6g}, "
                  f"cells with scar fraction >= 0.5: {np.count_nonzero(scar >= 0.5)}")
        # The interface surface, only for models with an interface.
        if "interface" in f:
            area = f["interface/mesh/area"][:]  # (F,) mm^2
            bonded = area @ f["interface/mesh/adhesion_density"][:]  # mm^2
            intact = area @ f["interface/fields/adhesion"][steps - 1]  # mm^2
            share = f" ({intact / bonded:.6g} of {bonded:.6g} mm^2)" if bonded > 0 else ""
            print(f"interface: {len(area)} facets, intact bonded area at the last step "
                  f"{intact:.6g} mm^2{share}")
        # Every field of the file at the last step; /state and /interface/state hold the declared
        # state variables (model-dependent, so listed from the file).
        print("last step, largest magnitude of each field:")
        names = [(name, units) for name, units in FIELDS if name in f]
        for group in ("state", "interface/state"):
            if group in f:
                names += [(f"{group}/{n}", f[group][n].attrs["units"]) for n in f[group]]
        for name, units in names:
            values = np.abs(f[name][steps - 1])
            units = units.decode() if isinstance(units, bytes) else units
            print(f"  {name} ({units}): {values.max() if values.size else 0.0:.6g}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    try:
        main(sys.argv[1])
    except (OSError, ValueError) as e:
        sys.exit(f"error: {e}")
