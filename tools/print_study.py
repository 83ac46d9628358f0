#!/usr/bin/python3
# Prints the metrics table of every arm of a Sinew study file (`sinew run`): a first h5py script
# on a study, the one a user would write first.
"""Usage: /usr/bin/python3 tools/print_study.py study.h5

The study file is plain HDF5 (docs/results-schema.md, "Study results file"): one group per arm
under /arms, in the order of the study. /arms/<arm>/metrics holds one dataset per metric (with
`units` and `description` attributes) and one row per probe: before and after every session,
with the session's index and name, the stage and the model time. Debian packages: python3-h5py,
python3-numpy (use /usr/bin/python3).
"""
import sys

import h5py


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


SOLVER_COLUMNS = ("increments", "rejected_increments", "cutbacks", "newton_iterations",
                  "factorisations")


def print_solver_totals(arm):
    """The arm's solver effort: the sums of the per-session columns of /sessions."""
    sessions = arm["sessions"]
    if not all(c in sessions for c in SOLVER_COLUMNS):
        return  # a file written before these columns existed
    totals = {c: int(sessions[c][:].sum()) for c in SOLVER_COLUMNS}
    print("  solver: " + ", ".join(f"{v} {c.replace('_', ' ')}" for c, v in totals.items()))


def main(path):
    with h5py.File(path, "r") as f:
        a = f.attrs
        print(f"{path}: sinew {text(a['sinew_version'])}, study {text(a['scenario_file'])}, "
              f"status {text(a['status'])}, {a['arm_count']} arm(s)")
        for name, arm in f["arms"].items():
            print()
            status = text(arm.attrs["arm_status"])  # completed, failed or interrupted
            print(f"arm {name}: {status} "
                  f"(base arm {text(arm.attrs['base_arm'])}, sweep {text(arm.attrs['sweep'])})")
            if status != "completed":
                print(f"  failure: {text(arm.attrs['failure_reason'])}")
            print_solver_totals(arm)
            metrics = arm["metrics"]
            probes = len(metrics["stage"])
            if probes == 0:
                print("  no probes")
                continue
            # Column headers: session index, session name and stage of each probe.
            sessions = [text(s) for s in metrics["session_name"][:]]
            stages = [text(s) for s in metrics["stage"][:]]
            index = metrics["session_index"][:]
            heads = [f"{i}:{s}/{st}" for i, s, st in zip(index, sessions, stages)]
            names = [k for k in metrics if k not in ("session_index", "session_name", "stage", "time")]
            label_width = max(len(f"{n} ({text(metrics[n].attrs['units'])})") for n in names)
            width = max(12, *(len(h) for h in heads)) + 2
            print(f"  {'metric (units)':<{label_width}}" + "".join(f"{h:>{width}}" for h in heads))
            print(f"  {'time (s)':<{label_width}}" +
                  "".join(f"{t:>{width}.6g}" for t in metrics["time"][:]))
            for n in names:
                label = f"{n} ({text(metrics[n].attrs['units'])})"
                print(f"  {label:<{label_width}}" +
                      "".join(f"{v:>{width}.6g}" for v in metrics[n][:]))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1])
