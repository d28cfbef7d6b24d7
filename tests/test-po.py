#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every translation in po/LINGUAS is valid and complete for the sources as they are now:
msgfmt --check passes with no fuzzy and no untranslated message, the plural forms are the
language's, and every message xgettext finds in the files of po/POTFILES.in today has a
translation (msgcmp against a template made afresh, so a new string without a translation
fails here rather than showing in English).

  test-po.py SOURCE_ROOT
"""

import pathlib
import re
import subprocess
import sys
import tempfile

PLURAL_FORMS = {
    "cy": "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;",
}

# The arguments meson's i18n.gettext(preset: 'glib') gives xgettext.
XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments", "--keyword=_", "--keyword=N_",
    "--keyword=C_:1c,2", "--keyword=NC_:1c,2", "--keyword=g_dcgettext:2",
    "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format",
    "--flag=NC_:2:pass-c-format", "--flag=g_dngettext:2:pass-c-format",
    "--flag=g_strdup_printf:1:c-format", "--flag=g_string_printf:2:c-format",
    "--flag=g_string_append_printf:2:c-format", "--flag=g_error_new:3:c-format",
    "--flag=g_set_error:4:c-format", "--flag=g_printerr:1:c-format",
]


def main():
    root = pathlib.Path(sys.argv[1])
    po_dir = root / "po"
    langs = [l.strip() for l in (po_dir / "LINGUAS").read_text().split()
             if l.strip() and not l.startswith("#")]
    tests = []
    with tempfile.TemporaryDirectory() as tmp:
        pot = pathlib.Path(tmp) / "upstream.pot"
        made = subprocess.run(["xgettext", "--package-name=upstream", "-p", tmp,
                               "-D", str(root), "-f", str(po_dir / "POTFILES.in"),
                               "-o", "upstream.pot"] + XGETTEXT_ARGS,
                              capture_output=True, text=True)
        tests.append(("xgettext makes a template from po/POTFILES.in",
                      made.returncode == 0 and pot.exists(), made.stderr.strip()[-300:]))
        for lang in langs:
            po = po_dir / f"{lang}.po"
            run = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null",
                                  str(po)], capture_output=True, text=True)
            stats = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ""
            tests.append((f"{lang}: msgfmt --check passes", run.returncode == 0,
                          run.stderr.strip().replace("\n", " | ")[-300:]))
            tests.append((f"{lang}: no fuzzy and no untranslated messages",
                          run.returncode == 0 and "fuzzy" not in stats
                          and "untranslated" not in stats, stats))
            header = po.read_text(encoding="utf-8")
            want = PLURAL_FORMS.get(lang)
            if want:
                found = re.search(r'"Plural-Forms: ((?:[^"\\]|\\.)*)(?:\\n)?"\s*\n'
                                  r'(?:"((?:[^"\\]|\\.)*)")?', header)
                got = ""
                if found:
                    got = (found.group(1) + (found.group(2) or "")).replace("\\n", "")
                tests.append((f"{lang}: plural forms", got.strip() == want, got))
            if pot.exists():
                cmp = subprocess.run(["msgcmp", str(po), str(pot)],
                                     capture_output=True, text=True)
                lines = [l for l in cmp.stderr.splitlines() if "this message" in l]
                tests.append((f"{lang}: every message of today's sources is translated",
                              cmp.returncode == 0,
                              f"{len(lines)} missing; run meson compile upstream-update-po"
                              if cmp.returncode else ""))
                for l in lines[:40]:
                    print("# " + l)

    print(f"1..{len(tests)}")
    for n, (name, ok, detail) in enumerate(tests, 1):
        detail = " | ".join(l.strip() for l in str(detail).splitlines() if l.strip())
        print(f"{'ok' if ok else 'not ok'} {n} - {name}" + (f" # {detail}" if detail else ""))
    return 0 if all(ok for _, ok, _ in tests) else 1


if __name__ == "__main__":
    sys.exit(main())
