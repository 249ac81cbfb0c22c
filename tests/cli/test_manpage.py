#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""docs/sipmsg.1 renders (man -l, else groff or nroff; skipped when none is
installed), groff finds nothing to warn about, and the rendered page names
every command and every option the tool accepts: those its --help texts list
and those its argument parsers compare against (read from the sources), and
the three exit statuses. Each option a command's --help lists has an entry
under OPTIONS that names that command in its "(check, parse)" tag (or has
no tag: it is every command's).

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


def help_options(sipmsg, *command):
    """The options the --help text of the tool, or of one command, names."""
    out = subprocess.run([sipmsg, *command, "--help"], stdout=subprocess.PIPE, timeout=60).stdout.decode()
    return set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", out))


def accepted_options(sipmsg, tools_dir):
    opts = set()
    for args in ([], ["check"], ["parse"], ["build"]):
        opts |= help_options(sipmsg, *args)
    for src in glob.glob(os.path.join(tools_dir, "*.c")):
        text = open(src).read()
        opts |= set(re.findall(r'strn?cmp\(\w+, "(--?[a-z][a-z-]*)', text))
        opts |= {"--"} if 'strcmp(a, "--")' in text else set()
    return opts


COMMANDS = ("check", "parse", "build")


def is_argument(word):
    """N, NAME=N: the placeholder after an option in an OPTIONS tag."""
    return word.split("=")[0].isupper()


def option_entries(text):
    """The OPTIONS section as {option: the commands its "(check, parse)" tag
    names, or None when it has no tag}."""
    entries = {}
    start, end = text.find("\nOPTIONS"), text.find("\nOUTPUT")
    if start < 0 or end < start:
        return entries  # the missing section is reported on its own
    section = text[start:end]
    for entry in re.split(r"\n(?= {7}-)", section)[1:]:
        words = entry.split()
        n = 0
        while n < len(words) and words[n].startswith("-"):  # "-h, --help"
            n += 1
        names = [w.rstrip(",") for w in words[:n]]
        rest = words[n + 1:] if n < len(words) and is_argument(words[n]) else words[n:]
        tag = None
        if rest and rest[0].startswith("("):
            tag = set()
            for w in rest:
                tag.add(w.strip("(),"))
                if w.endswith(")"):
                    break
        for name in names:
            entries[name] = tag
    return entries


def options_tagged_for_their_commands(sipmsg, text):
    """What is wrong with the OPTIONS entries of the options each command's
    --help lists: a missing entry, or a tag that leaves the command out."""
    failures = []
    entries = option_entries(text)
    for cmd in COMMANDS:
        for o in sorted(help_options(sipmsg, cmd) - {"-h", "--help"}):
            if o not in entries:
                failures.append("option %s of %s has no entry under OPTIONS" % (o, cmd))
            elif entries[o] is not None and cmd not in entries[o]:
                tag = ", ".join(sorted(entries[o]))
                failures.append("the OPTIONS entry of %s does not name %s: (%s)" % (o, cmd, tag))
    return failures


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
    failures += options_tagged_for_their_commands(sipmsg, text)
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
