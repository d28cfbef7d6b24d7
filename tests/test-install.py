#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`meson install` into a temporary DESTDIR puts every file of a GNOME application in
place: binaries, launcher, AppStream metadata, icons, MIME type, settings schema,
examples, the thumbnailer and its entry, and the Welsh catalogue.

  test-install.py BUILD_DIR PREFIX BINDIR DATADIR LOCALEDIR APP_ID
"""

import os
import pathlib
import subprocess
import sys
import tempfile


def main():
    build, prefix, bindir, datadir, localedir, app_id = sys.argv[1:7]
    rel = lambda d: pathlib.Path(d if os.path.isabs(d) else os.path.join(prefix, d))
    bindir, datadir, localedir = rel(bindir), rel(datadir), rel(localedir)
    expected = [
        bindir / "upstream",
        bindir / "upstream-cli",
        bindir / "upstream-thumbnailer",
        datadir / "applications" / f"{app_id}.desktop",
        datadir / "metainfo" / f"{app_id}.metainfo.xml",
        datadir / "icons/hicolor/scalable/apps" / f"{app_id}.svg",
        datadir / "icons/hicolor/symbolic/apps" / f"{app_id}-symbolic.svg",
        datadir / "mime/packages" / f"{app_id}.xml",
        datadir / "glib-2.0/schemas/io.github.upstreamplanner.Upstream.gschema.xml",
        datadir / "thumbnailers/io.github.upstreamplanner.Upstream.thumbnailer",
        datadir / "upstream/examples/bradford-peer-recovery.upstream",
        datadir / "upstream/examples/drug-alcohol-recovery.upstream",
        datadir / "upstream/examples/wigan-early-help.upstream",
        localedir / "cy/LC_MESSAGES/upstream.mo",
    ]
    tests = []
    with tempfile.TemporaryDirectory() as destdir:
        run = subprocess.run(["meson", "install", "-C", build, "--no-rebuild", "--quiet",
                              "--destdir", destdir],
                             capture_output=True, text=True, timeout=300)
        tests.append(("meson install --destdir succeeds", run.returncode == 0,
                      run.stderr.strip().replace("\n", " | ")[-300:]))
        root = pathlib.Path(destdir)
        for path in expected:
            inside = root / path.relative_to(path.anchor)
            ok = inside.is_file() and inside.stat().st_size > 0
            if ok and inside.parent.name == "bin":
                ok = os.access(inside, os.X_OK)
            tests.append((f"installed {path}", ok, ""))

        desktop = root / (datadir / "applications" / f"{app_id}.desktop").relative_to("/")
        if desktop.exists():
            text = desktop.read_text(encoding="utf-8")
            tests.append(("desktop file is translated into Welsh", "Name[cy]=" in text
                          or "Comment[cy]=" in text, ""))
            tests.append(("desktop file opens plan files",
                          "application/x-upstream-plan" in text, ""))
        thumb = root / (datadir / "thumbnailers" /
                        "io.github.upstreamplanner.Upstream.thumbnailer").relative_to("/")
        if thumb.exists():
            text = thumb.read_text(encoding="utf-8")
            tests.append(("thumbnailer entry runs upstream-thumbnailer -s %s %u %o",
                          "Exec=upstream-thumbnailer -s %s %u %o" in text
                          and "MimeType=application/x-upstream-plan;" in text, ""))
        # Nothing escapes the DESTDIR's prefix (a stray absolute install_dir would).
        strays = [str(p) for p in root.rglob("*")
                  if p.is_file() and not str(p).startswith(str(root / prefix.lstrip("/")))]
        tests.append(("every file under the prefix", not strays, " ".join(strays[:5])))

    print(f"1..{len(tests)}")
    for n, (name, ok, detail) in enumerate(tests, 1):
        detail = " | ".join(l.strip() for l in str(detail).splitlines() if l.strip())
        print(f"{'ok' if ok else 'not ok'} {n} - {name}" + (f" # {detail}" if detail else ""))
    return 0 if all(ok for _, ok, _ in tests) else 1


if __name__ == "__main__":
    sys.exit(main())
