#!/usr/bin/python3
"""The sinew-viz report in a real browser: writes the sweep fixture (a rest arm, a failed arm, a
swept parameter), renders the report with sinew-viz, then loads index.html in headless Chromium.
Fails if an <img> has no file or the file is not a PNG, if Chromium reports an image it could not
decode or any console message (the page has no script of its own; a probe added to a copy of the
page logs each image that did not load), or if the screenshot is blank. Exits 77 (skipped) when
no Chromium is installed.

  check_report_in_browser.py --writer W --viz V --with-x S --browser B --out DIR
"""
import argparse
import html.parser
import os
import re
import shutil
import subprocess
import sys

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Logs every <img> that failed to load, then how many there were (read from Chromium's log).
PROBE = """<script>
window.addEventListener('load', () => {
  for (const img of document.images)
    if (!img.complete || img.naturalWidth === 0) console.error('missing image ' + img.src);
  console.log('images checked: ' + document.images.length);
});
</script>"""


class Images(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources.append(dict(attrs).get("src", ""))


def run(cmd, **kw):
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def screenshot_stats(png):
    """Per-channel standard deviation and non-white fraction of a PNG (VTK's reader)."""
    from vtkmodules.vtkIOImage import vtkPNGReader
    from vtkmodules.util.numpy_support import vtk_to_numpy
    reader = vtkPNGReader()
    reader.SetFileName(png)
    reader.Update()
    pixels = vtk_to_numpy(reader.GetOutput().GetPointData().GetScalars())[:, :3]
    non_white = (pixels < 245).any(axis=1).mean()
    return pixels.std(axis=0), non_white, reader.GetOutput().GetDimensions()


def check_images(report, page):
    parser = Images()
    parser.feed(page)
    errors = []
    for src in parser.sources:
        path = os.path.join(report, src)
        if not os.path.isfile(path):
            errors.append(f"<img src={src!r}>: no such file")
            continue
        with open(path, "rb") as f:
            if f.read(8) != PNG_MAGIC:
                errors.append(f"<img src={src!r}>: not a PNG")
    return parser.sources, errors


def main():
    ap = argparse.ArgumentParser()
    for opt in ("--writer", "--viz", "--with-x", "--browser", "--out"):
        ap.add_argument(opt, required=True)
    a = ap.parse_args()
    if not a.browser or not shutil.which(a.browser):
        print(f"skipped: no Chromium ({a.browser!r}); Debian: apt-get install chromium")
        return 77
    shutil.rmtree(a.out, ignore_errors=True)
    os.makedirs(a.out)
    study = os.path.join(a.out, "study.h5")
    report = os.path.join(a.out, "report")
    for cmd in ([a.writer, study, "--sweep"],
                ([] if os.environ.get("DISPLAY") else [a.with_x]) + [a.viz, study, "--output", report]):
        r = run(cmd, timeout=300)
        if r.returncode != 0:
            print(r.stdout, r.stderr)
            return 1
    page = open(os.path.join(report, "index.html"), encoding="utf-8").read()
    sources, errors = check_images(report, page)
    print(f"{len(sources)} <img> in index.html")
    probed = os.path.join(report, "index_probe.html")
    with open(probed, "w", encoding="utf-8") as f:
        f.write(page.replace("</body>", PROBE + "\n</body>"))
    shot = os.path.join(a.out, "screenshot.png")
    r = run([a.browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--enable-logging=stderr", "--v=0", f"--screenshot={shot}",
             "--window-size=1200,2000", "file://" + os.path.abspath(probed)], timeout=120)
    console = [l for l in r.stderr.splitlines() if ":CONSOLE" in l]
    checked = [l for l in console if "images checked: " in l]
    for line in console:
        if line not in checked:
            errors.append("console: " + line)
    if not checked:
        errors.append("the page's load probe never ran (Chromium log:\n" + r.stderr[-2000:] + ")")
    elif not re.search(rf"images checked: {len(sources)}\b", checked[0]):
        errors.append(f"Chromium saw another number of images than the HTML has: {checked[0]}")
    if not os.path.isfile(shot):
        errors.append(f"no screenshot (exit {r.returncode}): {r.stderr[-2000:]}")
    else:
        std, non_white, dims = screenshot_stats(shot)
        print(f"screenshot {dims[0]}x{dims[1]}: channel std {std.round(1)}, "
              f"non-white {non_white:.3f}")
        if dims[0] != 1200 or dims[1] != 2000:
            errors.append(f"screenshot is {dims[0]}x{dims[1]}, not 1200x2000")
        if std.max() < 10 or non_white < 0.05:
            errors.append("the screenshot is (nearly) blank")
    for e in errors:
        print("error:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
