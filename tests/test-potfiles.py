#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""po/POTFILES.in is complete: every file under src/ and ui/ with a string marked for
translation is listed, and every file listed exists. A file left out would keep its
strings out of upstream.pot, and so out of every translation.

  test-potfiles.py SOURCE_ROOT
"""

import pathlib
import re
import sys

MARKS = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dpgettext2)'
                   r'\s*\(|translatable="yes"')
SUFFIXES = {".c", ".h", ".ui", ".xml", ".in"}
# C comments may mention N_() or _() without marking anything.
COMMENTS = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)


def main():
    root = pathlib.Path(sys.argv[1])
    listed = set()
    for line in (root / "po" / "POTFILES.in").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            listed.add(line)

    marked = []
    for top in ("src", "ui"):
        for path in sorted((root / top).rglob("*")):
            if path.suffix not in SUFFIXES or not path.is_file():
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            if path.suffix in (".c", ".h"):
                text = COMMENTS.sub("", text)
            if MARKS.search(text):
                marked.append(path.relative_to(root).as_posix())

    missing = [f for f in marked if f not in listed]
    absent = sorted(f for f in listed if not (root / f).is_file())
    print("1..2")
    print(("ok" if not missing else "not ok") + " 1 - every file with translatable strings "
          "is in po/POTFILES.in")
    for f in missing:
        print(f"# missing from po/POTFILES.in: {f}")
    print(("ok" if not absent else "not ok") + " 2 - every file in po/POTFILES.in exists")
    for f in absent:
        print(f"# listed but not found: {f}")
    return 0 if not missing and not absent else 1


if __name__ == "__main__":
    sys.exit(main())
