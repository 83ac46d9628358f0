#!/usr/bin/python3
# Prints the step table of a Sinew results file: time, Newton iterations, reactions, max |u|.
"""Usage: /usr/bin/python3 tools/print_results.py results.h5

A first h5py script on a Sinew results file. The file is plain HDF5 (docs/results-schema.md):
every array is a dataset with `units` and `description` attributes, fields are time-major
(row s = step s). Debian packages: python3-h5py, python3-numpy (use /usr/bin/python3).
"""
import sys

import h5py
import numpy as np


def main(path):
    with h5py.File(path, "r") as f:
        a = f.attrs
        print(f"{path}: sinew {a['sinew_version']}, model {a['model_file']}, "
              f"status {a['status']}")
        if a["status"] != "completed":
            print(f"  failure: {a['failure_reason']}")

        time = f["time"][:]  # (S,) s; its length is the number of complete steps
        steps = len(time)
        iterations = f["steps/newton_iterations"][:steps]
        u = f["fields/displacement"]  # (S, N, 3) mm: read one step (one chunk) at a time
        reactions = {name: f["reactions"][name][:steps] for name in f["reactions"]}  # (S, 3) N

        header = f"{'step':>4} {'time (s)':>10} {'iters':>5}"
        for name in reactions:
            header += "".join(f" {name + ' R' + c + ' (N)':>14}" for c in "xyz")
        print(header + f" {'max |u| (mm)':>14}")
        for s in range(steps):
            row = f"{s:>4} {time[s]:>10.4g} {iterations[s]:>5}"
            for r in reactions.values():
                row += "".join(f" {v:>14.6g}" for v in r[s])
            u_max = np.linalg.norm(u[s], axis=1).max()
            print(row + f" {u_max:>14.6g}")
        print(f"{steps} steps")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
