#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""upstream-thumbnailer as a file manager runs it: a plan gives a PNG of the size asked
for on its long side, from a path or a file:// URI; a bad plan exits 1, cleanly, and
writes nothing.

  test-thumbnailer.py THUMBNAILER EXAMPLES_DIR
"""

import os
import pathlib
import struct
import subprocess
import sys
import tempfile


def png_size(path):
    data = pathlib.Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert data[12:16] == b"IHDR", f"{path} has no IHDR first"
    return struct.unpack(">II", data[16:24])


def main():
    thumbnailer, examples = sys.argv[1], pathlib.Path(sys.argv[2]).resolve()
    plans = sorted(examples.glob("*.upstream"))
    assert plans, "no example plans"
    tests = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)

        def check(name, ok, detail=""):
            tests.append((name, ok, detail))

        for size in (256, 128):
            for i, plan in enumerate(plans):
                out = tmp / f"{plan.stem}-{size}.png"
                arg = plan.as_uri() if i % 2 else str(plan)
                run = subprocess.run([thumbnailer, "-s", str(size), arg, str(out)],
                                     capture_output=True, text=True, timeout=60)
                ok = run.returncode == 0 and out.exists()
                detail = run.stderr.strip()
                if ok:
                    w, h = png_size(out)
                    ok = max(w, h) == size and min(w, h) > 0
                    detail = f"{w}x{h}"
                check(f"{plan.name} at {size}", ok, detail)

        bad_inputs = {
            "not XML": b"this is not a plan\n",
            "truncated XML": b"<?xml version='1.0'?><plan xmlns='https://upstreamplanner."
                             b"github.io/ns/plan' format='1'><settings>",
            "empty": b"",
        }
        for name, content in bad_inputs.items():
            bad = tmp / "bad.upstream"
            bad.write_bytes(content)
            out = tmp / "bad.png"
            run = subprocess.run([thumbnailer, "-s", "256", str(bad), str(out)],
                                 capture_output=True, text=True, timeout=60)
            check(f"bad plan ({name}) exits 1 and writes nothing",
                  run.returncode == 1 and not out.exists() and run.stderr != "",
                  f"exit {run.returncode}")

        missing = subprocess.run([thumbnailer, "-s", "256", str(tmp / "missing.upstream"),
                                  str(tmp / "m.png")], capture_output=True, timeout=60)
        check("missing file exits 1", missing.returncode == 1, f"exit {missing.returncode}")
        usage = subprocess.run([thumbnailer, "-s", "0", str(plans[0]), str(tmp / "u.png")],
                               capture_output=True, timeout=60)
        check("size 0 is a usage error (exit 2)", usage.returncode == 2,
              f"exit {usage.returncode}")

    print(f"1..{len(tests)}")
    for n, (name, ok, detail) in enumerate(tests, 1):
        detail = " | ".join(l.strip() for l in str(detail).splitlines() if l.strip())
        print(f"{'ok' if ok else 'not ok'} {n} - {name}" + (f" # {detail}" if detail else ""))
    return 0 if all(ok for _, ok, _ in tests) else 1


if __name__ == "__main__":
    sys.exit(main())
