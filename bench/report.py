#!/usr/bin/env python3
"""bench/report.py RESULTS.tsv SIZES.md PROFILE.md NOTES.md [LOAD [SIZES-NOTO.md]]:
bench/RESULTS.md on stdout, from what bench/run.sh measured (one TSV row per
case: name, command, items, pages, median/min/max wall s, user s, system s,
peak RSS KiB, slides bytes, handout bytes, runs), the size breakdowns (of the
meetup slides with the default template and with templates/noto.yaml), the
profile and the hand-written analysis in bench/NOTES.md."""

import os
import platform
import subprocess
import sys

TARGET_MS = 20.0        # meetup, slides + handout in one run
TARGET_RSS_MIB = 20.0
TARGET_SLIDES_KB = 78.0
TARGET_10K_S = 1.0
TARGET_10K_MIB = 200.0
# The numbers to beat (the issue), same deck, same kind of machine.
OTHERS = [
    ("Typst 0.14", "0.19 s", "79 MiB", "144 KB"),
    ("XeLaTeX Beamer", "2.2 s", "196 MiB", "86 KB"),
    ("Marp + Chromium", "2.2 s", "> 500 MiB", "–"),
]


def cpu():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "?"


def mark(ok):
    return "met" if ok else "**missed**"


def kb(b):
    return "–" if b in ("-", "") else "{:,}".format(int(b))


def font_share(sizes_md):
    """(bytes, share %) of the font programs row of a pdfsize.py table."""
    for line in open(sizes_md):
        if line.startswith("| font programs"):
            f = [c.strip() for c in line.strip().strip("|").split("|")]
            return int(f[2]), f[3]
    return 0, "?"


def noto_section(w, by, sizes, sizes_noto):
    """The meetup deck with templates/noto.yaml beside the default template."""
    w("## The meetup deck with the Noto template (OpenType/CFF) beside the default")
    w("")
    w("`--template noto`: Noto Sans CJK SC Regular and Bold and Noto Serif CJK SC (CID-keyed CFF,")
    w("faces of 20–27 MB .ttc collections) where the default has WenQuanYi Micro Hei and LXGW WenKai")
    w("(TrueType); Manrope and DejaVu as before. Font programs: the embedded subsets (FontFile2/3).")
    w("")
    w("Wall times: median (minimum) of the runs.")
    w("")
    w("| template | slides | build (slides + handout) | build-cold | peak RSS build | peak RSS cold | slides PDF bytes | font programs | share of the PDF |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, label, md in (("meetup", "default", sizes), ("meetup-noto", "noto", sizes_noto)):
        r_s, r_b, r_c = by.get((name, "slides")), by.get((name, "build")), by.get((name, "build-cold"))
        if not (r_s and r_b and r_c):
            continue
        fb, share = font_share(md) if md and os.path.exists(md) else (0, "?")
        ms = ["%.1f ms (%.1f)" % (r["med"] * 1000, r["lo"] * 1000) for r in (r_s, r_b, r_c)]
        w("| %s | %s | %s | %s | %.1f MiB | %.1f MiB | %s | %s | %s |" % (
            label, ms[0], ms[1], ms[2], r_b["rss"] / 1024, r_c["rss"] / 1024, kb(r_s["sb"]), kb(fb), share))
    w("")
    if sizes_noto and os.path.exists(sizes_noto):
        w("Where the bytes of the Noto slides go:")
        w("")
        w(open(sizes_noto).read().rstrip())
        w("")


def tagging_section(w, by):
    """What tagged PDF/UA-1 + PDF/A-2 (the default) costs: the meetup deck
    against --no-tags, time (median and minimum) and bytes."""
    pairs = [(c, by.get(("meetup", c)), by.get(("meetup-untagged", c))) for c in ("slides", "build")]
    pairs = [p for p in pairs if p[1] and p[2]]
    if not pairs:
        return
    w("## Tagged PDF (PDF/UA-1 + PDF/A-2A) against `--no-tags`")
    w("")
    w("The meetup deck as written by default (structure tree, marked content, XMP metadata, the sRGB")
    w("output intent, /ID; its objects packed into object streams) and with `--no-tags` (the")
    w("untagged files of earlier versions, libharu's classic layout).")
    w("Targets: at most 10% slower (build), PDFs at most 10% larger.")
    w("")
    w("| command | tagged median (min) | untagged median (min) | time | slides PDF tagged / untagged | bytes | handout PDF tagged / untagged | bytes |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")
    for cmd, t, u in pairs:
        dt = (t["med"] / u["med"] - 1) * 100
        ds = (int(t["sb"]) / int(u["sb"]) - 1) * 100
        hb = "–"
        dh = ""
        if t["hb"] not in ("-", "–") and u["hb"] not in ("-", "–"):
            hb = "%s / %s" % (kb(t["hb"]), kb(u["hb"]))
            d = (int(t["hb"]) / int(u["hb"]) - 1) * 100
            dh = "%+.1f%% %s" % (d, mark(d <= 10))
        w("| %s | %.1f ms (%.1f) | %.1f ms (%.1f) | %+.1f%% %s | %s / %s | %+.1f%% %s | %s | %s |" % (
            cmd, t["med"] * 1000, t["lo"] * 1000, u["med"] * 1000, u["lo"] * 1000, dt,
            mark(dt <= 10) if cmd == "build" else "", kb(t["sb"]), kb(u["sb"]), ds, mark(ds <= 10), hb, dh))
    w("")


def main():
    tsv, sizes, profile, notes = sys.argv[1:5]
    sizes_noto = sys.argv[6] if len(sys.argv) > 6 else None
    load = {}
    if len(sys.argv) > 5 and os.path.exists(sys.argv[5]):
        for line in open(sys.argv[5]):
            k, _, v = line.strip().partition(" ")
            load[k] = v
    rows = []
    for line in open(tsv):
        f = line.rstrip("\n").split("\t")
        if len(f) < 13:
            continue
        rows.append(dict(name=f[0], cmd=f[1], items=int(f[2]), pages=f[3], med=float(f[4]),
                         lo=float(f[5]), hi=float(f[6]), user=float(f[7]), sys=float(f[8]),
                         rss=int(f[9]), sb=f[10], hb=f[11], runs=int(f[12])))
    by = {(r["name"], r["cmd"]): r for r in rows}
    out = []
    w = out.append
    w("# deckpress benchmarks")
    w("")
    w("Written by `make bench` (bench/run.sh); do not edit by hand: the analysis")
    w("at the end comes from bench/NOTES.md. Machine: %s, %d cores, %s; %s." % (
        cpu(), os.cpu_count() or 0, platform.system() + " " + platform.release(),
        version(["hyperfine", "--version"])))
    if load:
        w("Load average (1, 5, 15 min) when the run started: %s; when it ended: %s. On a shared"
          " machine the minimum is the better guide to what deckpress itself costs." % (
              load.get("start", "?"), load.get("end", "?")))
    w("Wall time: hyperfine, median of N runs after warm-up (min–max beside it).")
    w("Peak RSS: `/usr/bin/time -f %M`, median of 5 runs. `slides` = `deckpress slides DECK -o F.pdf`;")
    w("`build` = `deckpress build DECK -o DIR` (slides and handout in one run); `build-cold` = the same with")
    w("`DECKPRESS_NO_FONT_CACHE=1` (fontconfig starts, fonts are subset and compressed, as on a first run). Generated decks:")
    w("`python3 bench/gen_deck.py N` (25 items a section), made afresh on every run.")
    w("")
    w("## Targets")
    w("")
    m_b = by.get(("meetup", "build"))
    m_s = by.get(("meetup", "slides"))
    g_k = by.get(("gen10000", "slides"))
    w("| target | measured | |")
    w("|---|---:|---|")
    if m_b:
        w("| meetup, slides + handout in one run ≤ %.0f ms | %.1f ms | %s |" % (
            TARGET_MS, m_b["med"] * 1000, mark(m_b["med"] * 1000 <= TARGET_MS)))
        m_c = by.get(("meetup", "build-cold"))
        if m_c:
            w("| the same without the caches (a first run) | %.1f ms | %s |" % (
                m_c["med"] * 1000, mark(m_c["med"] * 1000 <= TARGET_MS)))
        w("| meetup, peak RSS ≤ %.0f MiB (slides + handout) | %.1f MiB | %s |" % (
            TARGET_RSS_MIB, m_b["rss"] / 1024, mark(m_b["rss"] / 1024 <= TARGET_RSS_MIB)))
    if m_s:
        w("| meetup, slides PDF ≤ %.0f KB | %.1f KB (%s bytes) | %s |" % (
            TARGET_SLIDES_KB, int(m_s["sb"]) / 1000, kb(m_s["sb"]),
            mark(int(m_s["sb"]) / 1000 <= TARGET_SLIDES_KB)))
        w("| ten times faster than Typst (0.19 s): ≤ 19 ms, slides | %.1f ms | %s |" % (
            m_s["med"] * 1000, mark(m_s["med"] * 1000 <= 19)))
    if g_k:
        w("| 10,000 items ≤ %.0f s (slides) | %.2f s | %s |" % (TARGET_10K_S, g_k["med"], mark(g_k["med"] <= TARGET_10K_S)))
        w("| 10,000 items ≤ %.0f MiB (slides) | %.0f MiB | %s |" % (
            TARGET_10K_MIB, g_k["rss"] / 1024, mark(g_k["rss"] / 1024 <= TARGET_10K_MIB)))
    w("")
    w("For comparison (from the issue, same deck): " + "; ".join(
        "%s %s, %s, %s" % o for o in OTHERS) + ".")
    w("")
    w("## All cases")
    w("")
    w("| deck | command | items | slide pages | wall median | min–max | user | sys | peak RSS | slides PDF bytes | handout PDF bytes | runs |")
    w("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        w("| %s | %s | %s | %s | %.1f ms | %.1f–%.1f | %.1f ms | %.1f ms | %.1f MiB | %s | %s | %d |" % (
            r["name"], r["cmd"], "{:,}".format(r["items"]), r["pages"], r["med"] * 1000, r["lo"] * 1000,
            r["hi"] * 1000, r["user"] * 1000, r["sys"] * 1000, r["rss"] / 1024, kb(r["sb"]), kb(r["hb"]),
            r["runs"]))
    w("")
    noto_section(w, by, sizes, sizes_noto)
    tagging_section(w, by)
    gen = sorted((r for r in rows if r["name"].startswith("gen") and r["cmd"] == "slides"), key=lambda r: r["items"])
    if len(gen) >= 2:
        w("## Growth (slides of generated decks)")
        w("")
        w("Per item: time and memory above the smallest deck's, divided by the extra items.")
        w("Linear growth shows as a constant per-item cost down the column.")
        w("")
        w("| items | wall | per item | peak RSS | per item | slides PDF | per item |")
        w("|---:|---:|---:|---:|---:|---:|---:|")
        base = gen[0]
        for r in gen:
            if r is base:
                w("| %s | %.0f ms | – | %.1f MiB | – | %s | – |" % (
                    "{:,}".format(r["items"]), r["med"] * 1000, r["rss"] / 1024, kb(r["sb"])))
                continue
            di = r["items"] - base["items"]
            w("| %s | %.0f ms | %.2f ms | %.1f MiB | %.1f KiB | %s | %.0f B |" % (
                "{:,}".format(r["items"]), r["med"] * 1000, (r["med"] - base["med"]) * 1000 / di,
                r["rss"] / 1024, (r["rss"] - base["rss"]) / di, kb(r["sb"]),
                (int(r["sb"]) - int(base["sb"])) / di))
        w("")
    w("## Where the bytes of the meetup slides go")
    w("")
    w(open(sizes).read().rstrip())
    w("")
    w("## Where the time of the meetup build (slides + handout) goes")
    w("")
    w("callgrind (instructions, inclusive; `bench/profile.sh`):")
    w("")
    w(open(profile).read().rstrip())
    w("")
    if os.path.exists(notes):
        w(open(notes).read().rstrip())
        w("")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
