"""A shipped study copied into a test's work folder: its `../models/...` model path made
absolute and its results file named NAME.h5, so a run writes there and not into the source
tree. Used by all_interventions.py and tutorial_study.py."""
import re
from pathlib import Path


def copy_study(folder: Path, name: str, work: Path) -> Path:
    """Writes folder/NAME.yaml into WORK as WORK/NAME.yaml and returns that path."""
    text = (folder / (name + ".yaml")).read_text()
    text = re.sub(r"file: (\.\./models/\S+)",
                  lambda m: "file: " + str((folder / m.group(1)).resolve()), text)
    text = re.sub(r"file: \S+\.h5", "file: " + name + ".h5", text)
    work.mkdir(parents=True, exist_ok=True)
    study = work / (name + ".yaml")
    study.write_text(text)
    return study
