#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Draw ns/message per phase for each library from the CSV sipmsg-bench writes.

    sipmsg-bench --csv results.csv
    /usr/bin/python3 benchmarks/plot.py results.csv docs/performance.png [--messages a_invite,f_webrtc_invite]

Needs Debian's python3-matplotlib. One panel per message, one group of bars
per phase, one bar per library; the y axis is logarithmic because the phases
span three orders of magnitude. The memchr floor and memcpy are drawn as
horizontal lines.
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

PHASES = ["frame", "parse", "typed-read", "sdp-parse", "sdp-write", "write", "edit-write", "build-write"]
COLOURS = {"libsipmsg": "#1b7837", "libsipmsg (reused arena)": "#7fbf7b", "oSIP": "#2166ac",
           "Sofia-SIP": "#b2182b", "libre": "#e08214"}


def label(row):
    return row["library"] + (" (%s)" % row["variant"] if row["variant"] else "")


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        sys.stderr.write(__doc__)
        return 2
    only = None
    for a in argv[1:]:
        if a.startswith("--messages="):
            only = a.split("=", 1)[1].split(",")
    with open(args[0], newline="") as f:
        rows = list(csv.DictReader(f))
    messages = []
    for r in rows:
        if r["message"] not in messages and (only is None or r["message"] in only):
            messages.append(r["message"])
    if only is None:
        wanted = [m for m in messages if m.startswith(("a_", "f_"))]
        messages = wanted or messages
    if not messages:
        sys.stderr.write("plot.py: no rows in %s\n" % args[0])
        return 1

    fig, axes = plt.subplots(len(messages), 1, figsize=(11, 4.2 * len(messages)), squeeze=False)
    for ax, msg in zip(axes[:, 0], messages):
        mrows = [r for r in rows if r["message"] == msg]
        series = []
        for r in mrows:
            if r["phase"] != "ref" and label(r) not in series:
                series.append(label(r))
        phases = [p for p in PHASES if any(r["phase"] == p for r in mrows)]
        width = 0.8 / max(1, len(series))
        for k, name in enumerate(series):
            xs, ys = [], []
            for i, p in enumerate(phases):
                for r in mrows:
                    if r["phase"] == p and label(r) == name:
                        xs.append(i - 0.4 + width * (k + 0.5))
                        ys.append(float(r["ns"]))
            ax.bar(xs, ys, width, label=name, color=COLOURS.get(name))
        for r in mrows:
            if r["phase"] == "ref":
                style = ":" if "memchr" in r["variant"] else "--"
                ax.axhline(float(r["ns"]), color="grey", linestyle=style, linewidth=1,
                           label="%s (%.0f ns)" % (r["variant"], float(r["ns"])))
        ax.set_yscale("log")
        ax.set_xticks(range(len(phases)))
        ax.set_xticklabels(phases)
        ax.set_ylabel("ns / message (log)")
        size = mrows[0]["bytes"] if mrows else "?"
        ax.set_title("%s (%s bytes)" % (msg, size))
        ax.grid(axis="y", which="both", alpha=0.3)
        ax.legend(fontsize=8, ncol=2, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    fig.savefig(args[1], dpi=110)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
