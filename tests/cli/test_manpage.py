#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""docs/sipmsg.1 renders (man -l, else groff or nroff; skipped when none is
installed), groff finds nothing to warn about, and the rendered page names
every command and every option the tool accepts: those its --help texts list
and those its argument parsers compare against (read from the sources), and
the three exit statuses.

usage: test_manpage.py SIPMSG MANPAGE TOOLS_SOURCE_DIR
"""
import glob
import os
import re
import shutil
import subprocess
import sys


def render(page):
    """The page as plain text on very long lines (no hyphenation, no breaks
    inside an option), or None when nothing can render it."""
    env = dict(os.environ, MANWIDTH="1000", MANPAGER="cat", PAGER="cat", LC_ALL="C.UTF-8")
    if shutil.which("man"):
        p = subprocess.run(["man", "-l", page], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                           timeout=60)
        if p.returncode == 0 and p.stdout:
            return p.stdout.decode("utf-8", "replace")
    for tool in ("groff", "nroff"):
        if shutil.which(tool):
            args = [tool, "-man", "-Tutf8", "-rLL=1000n"] if tool == "groff" else [tool, "-man", "-rLL=1000n"]
            p = subprocess.run(args + [page], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
            if p.returncode == 0 and p.stdout:
                return p.stdout.decode("utf-8", "replace")
    return None


def accepted_options(sipmsg, tools_dir):
    opts = set()
    for args in ([], ["check"], ["parse"], ["build"]):
        out = subprocess.run([sipmsg, *args, "--help"], stdout=subprocess.PIPE, timeout=60).stdout.decode()
        opts |= set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", out))
    for src in glob.glob(os.path.join(tools_dir, "*.c")):
        text = open(src).read()
        opts |= set(re.findall(r'strn?cmp\(\w+, "(--?[a-z][a-z-]*)', text))
        opts |= {"--"} if 'strcmp(a, "--")' in text else set()
    return opts


def main():
    sipmsg, page, tools_dir = sys.argv[1:4]
    text = render(page)
    if text is None:
        print("SKIP: neither man, groff nor nroff is installed")
        return 77
    text = re.sub(r".\x08", "", text)  # overstrike bold and underline
    text = text.replace("\u2010", "-").replace("\u2212", "-")  # groff's hyphen and minus glyphs
    failures = []
    if shutil.which("groff"):
        p = subprocess.run(["groff", "-man", "-ww", "-z", page], stderr=subprocess.PIPE, timeout=60)
        if p.returncode or p.stderr:
            failures.append("groff warns: " + p.stderr.decode("utf-8", "replace"))
    opts = accepted_options(sipmsg, tools_dir)
    assert {"--strict", "--json", "--stream", "--sdp", "--help"} <= opts, opts  # the readers work
    for o in sorted(opts):
        if not re.search(r"(?<![\w-])" + re.escape(o) + r"(?![\w-])", text):
            failures.append("option %s is not in the manual" % o)
    for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "OUTPUT", "EXIT STATUS",
                    "EXAMPLES"):
        if not re.search(r"^" + section + r"\s*$", text, re.M):
            failures.append("no %s section" % section)
    for cmd in ("check", "parse", "build"):
        if not re.search(r"^\s+" + cmd + r" ", text, re.M):
            failures.append("command %s has no subsection" % cmd)
    exits = text[text.index("EXIT STATUS"):text.index("ENVIRONMENT")] if "ENVIRONMENT" in text else ""
    for code in ("0", "1", "2"):
        if not re.search(r"^\s+" + code + r"\s", exits, re.M):
            failures.append("exit status %s is not described" % code)
    for f in failures:
        print("FAIL " + f)
    print("%s: %d options checked, %d failures" % (page, len(opts), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
