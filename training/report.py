"""Write the labeller's cross-validated figures from its manifest into BENCHMARKS.md.

    .venv/bin/python -m training.report

The dev corpora are the model's training data, so the accuracy section's figures on them
are in-sample; these are the estimates of how the cleaner does on pages it has not seen:
folds grouped by site (no site in both training and scoring) and whole corpora left out.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.accuracy import write_section  # noqa: E402
from cleaner.blockfeatures import SHORT_CHARS  # noqa: E402
from cleaner.title import TITLE_MARGIN  # noqa: E402

MANIFEST = ROOT / "cleaner" / "data" / "model" / "manifest.json"


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _title_trees(manifest: dict) -> str:
    """The title scorer's size: its trees, or the rankers averaged and theirs."""
    seeds, trees = manifest.get("title_seeds", 1), manifest["rounds"]["title"]
    return f"{trees}" if seeds == 1 else f"{seeds} x {trees} (the mean of {seeds} seeds)"


def _blinded(manifest: dict) -> str:
    """The sentence on the renderings the passes learn from without their vocabulary."""
    share = manifest["vocabulary"].get("blinded_rows")
    if not share:
        return ""
    return (f" The two passes learn from {share:.0%} of the training rows with their "
            "vocabulary columns zeroed, as a page in a language the vocabulary never counted "
            "reads (`training.build.BLIND_VOCAB_SHARE`).")


def report(manifest: dict) -> str:
    """The section's Markdown."""
    s = manifest["scores"]
    folds = s["site_folds"]
    corpora = list(folds["by_corpus"])
    lines = ["## The labeller, cross-validated", "",
             "Written by `python -m training.report` from `cleaner/data/model/manifest.json`, "
             "which `python -m training.build` wrote. The labeller is trained on the dev "
             "corpora, so the accuracy section above is in-sample on them; these are the "
             "estimates for unseen pages. Shingle F1 of the kept blocks, every renderer's "
             "rendering of every page (title and metadata steps aside), by corpus.", "",
             f"Training data: {manifest['rows']:,} blocks of "
             f"{sum(manifest['trained_on'].values()):,} pages x renderers and damaged copies "
             f"(data sha256 {manifest['data_sha256'][:16]}...). Trees: "
             f"{manifest['rounds']['first']} + {manifest['rounds']['second']} of depth "
             f"{manifest['depth']['first']} / {manifest['depth']['second']}, title scorer "
             f"{_title_trees(manifest)}.{_blinded(manifest)}", "",
             "| estimate | " + " | ".join(corpora) + " | mean |", "|---" * (len(corpora) + 2)
             + "|"]

    def row(name: str, by: dict) -> None:
        vals = [by[c]["f1"] if isinstance(by[c], dict) else by[c] for c in corpora]
        lines.append(f"| {name} | " + " | ".join(_f(v) for v in vals) +
                     f" | {_f(sum(vals) / len(vals))} |")

    if "shipped" in folds:
        row("folds grouped by site: the cleaner's decisions (the main estimate)",
            folds["shipped"])
    row("folds grouped by site: the second pass alone (cut-off 0.5)", folds["by_corpus"])
    row("first pass only", folds["first_pass_only"])
    row("favor_precision (cut-off 0.65)", folds["favor_precision"])
    row("favor_recall (cut-off 0.35)", folds["favor_recall"])
    if "leave_one_corpus_out" in s:
        loco = s["leave_one_corpus_out"]
        # A build without --loco carries the last figures over (they take an hour more).
        earlier = ("" if s.get("leave_one_corpus_out_data_sha256") == manifest["data_sha256"]
                   else "; an earlier --loco build, other training data")
        row(f"the corpus left out of training (second pass alone{earlier})", loco)
        if all("shipped_f1" in v for v in loco.values()):
            row(f"the corpus left out of training (the cleaner's decisions{earlier})",
                {c: v["shipped_f1"] for c, v in loco.items()})
    if "lines" in folds:
        lines += _line_table(folds["lines"], s.get("leave_one_corpus_out", {}), corpora)
    lines += ["", "The cleaner's decisions are the second pass's scores decoded by the Viterbi "
              "sequence pass (`cleaner.labeller.SEQUENCE_STAY`; each block's score counts by "
              "its length, `src/sequence.rs`), with the rules' vetoes "
              "(`cleaner.labeller.raw_decisions`); a page that would keep nothing keeps its "
              "likeliest blocks (`cleaner.labeller.RESCUE_SHARE`).", ""]
    if "html_site_folds" in s:
        h = s["html_site_folds"]
        lines += ["HTML pages (each dev page's own visible text, one block a line, as the "
                  "HTML path renders it; `cleaner/extractor.py`): F1 of the kept lines.", "",
                  "| estimate | " + " | ".join(corpora) + " | mean |",
                  "|---" * (len(corpora) + 2) + "|"]
        for key, name in (("html_pass", "folds grouped by site: the HTML pass (the cleaner's "
                                        "decisions)"),
                          ("second_pass_alone", "folds grouped by site: the second pass alone, "
                                                "no extractor or markup"),
                          ("trafilatura", "trafilatura's extraction alone (its fast mode, as the "
                                           "HTML path runs it)")):
            row(name, {c: h[c][key] for c in corpora})
        loco = s.get("leave_one_corpus_out", {})
        if all("html" in loco.get(c, {}) for c in corpora):
            row("the corpus left out of training: the HTML pass",
                {c: loco[c]["html"]["html_pass"] for c in corpora})
        lines.append("")
    by_renderer = folds.get("shipped_by_corpus_renderer", folds["by_corpus_renderer"])
    by_language = folds.get("shipped_by_corpus_language", folds["by_corpus_language"])
    renderers = sorted({k.split("/")[1] for k in by_renderer})
    lines += ["By renderer (site folds):", "", "| corpus | " + " | ".join(renderers) + " |",
              "|---" * (len(renderers) + 1) + "|"]
    for c in corpora:
        lines.append(f"| {c} | " + " | ".join(
            _f(by_renderer.get(f"{c}/{r}", {}).get("f1")) for r in renderers)
            + " |")
    lines += ["", "By language (site folds):", "", "| corpus/language | F1 | renderings |",
              "|---|---|---|"]
    for k, v in by_language.items():
        lines.append(f"| {k} | {_f(v['f1'])} | {int(v['pages'])} |")
    lines += ["", "Accuracy against the decision threshold (site folds, mean F1 of the three "
              "corpora) and against the size of each pass (trees of depth "
              f"{manifest['depth']['first']} and {manifest['depth']['second']}):", "",
              "| cut-off | " + " | ".join(folds["cutoff_curve"]) + " |",
              "|---" * (len(folds["cutoff_curve"]) + 1) + "|",
              "| mean F1 | " + " | ".join(_f(v["mean"]) for v in folds["cutoff_curve"].values())
              + " |", "",
              "| first-pass trees | " + " | ".join(folds["first_pass_trees_curve"]) + " |",
              "|---" * (len(folds["first_pass_trees_curve"]) + 1) + "|",
              "| mean F1 (first pass alone) | " + " | ".join(
                  _f(v["mean"]) for v in folds["first_pass_trees_curve"].values()) + " |", "",
              "| second-pass trees | " + " | ".join(folds["second_pass_trees_curve"]) + " |",
              "|---" * (len(folds["second_pass_trees_curve"]) + 1) + "|",
              "| mean F1 | " + " | ".join(_f(v["mean"]) for v in
                                        folds["second_pass_trees_curve"].values()) + " |", ""]
    if "title_site_folds" in s:
        t = s["title_site_folds"]
        by = "; ".join(f"{c} {_f(v['right'])} right, {_f(v['wrong'])} wrong of {v['pages']} "
                       f"(among the candidates {_f(v['among_candidates'])})"
                       for c, v in t.get("by_corpus", {}).items() if "pages" in v
                       ) if len(t.get("by_corpus", {})) > 1 else ""
        lines += [f"Title (renderings of pages with a title: wcxb-dev's gold, the headline "
                  f"aeb's and daniel-dev's markup names; site folds, token F1 >= 0.8 "
                  f"with that title): with the shipped margin under the \"no title\" row "
                  f"({TITLE_MARGIN}) right on {_f(t['right'])} of {t['pages']} renderings, "
                  f"wrong on {_f(t['wrong'])}; the title was among the candidates on "
                  f"{_f(t['among_candidates'])}" + (f". By corpus: {by}" if by else "") + "."]
        if "clean-titled" in t:
            a, b = t["clean-titled"], t["clean-headless"]
            lines += [f"On clean text made from the gold: with its headline on top right on "
                      f"{_f(a['right'])} of {a['pages']}, wrong on {_f(a['wrong'])}; without "
                      f"it a title (always wrong) named on {_f(b['named'])} of {b['pages']}."]
        if "title_margin_curve" in s:
            curve = s["title_margin_curve"]
            lines += ["", "| margin | " + " | ".join(curve) + " |",
                      "|---" * (len(curve) + 1) + "|"]
            for key, label in (("right", "renderings right"), ("wrong", "renderings wrong"),
                               ("titled_right", "headline on top, right"),
                               ("headless_named", "headless, a title named")):
                lines.append(f"| {label} | " + " | ".join(_f(v[key]) for v in curve.values())
                             + " |")
        lines.append("")
    if "title_leave_one_corpus_out" in s:
        lines += ["Title, each corpus's picked by a scorer trained on the other two: " + ", ".join(
            f"{c} right {_f(v['right'])}, wrong {_f(v['wrong'])}"
            for c, v in s["title_leave_one_corpus_out"].items()) + ".", ""]
    if "leave_one_corpus_out" in s:
        folded = folds.get("confidence_spearman")
        lines += ["Confidence (a small model of the page's F1 from how sure the labeller was "
                  "and what it kept): Spearman's rank correlation between "
                  "`metadata.confidence` and the page's real F1 under the cleaner's decisions"
                  + ("" if not folded else ", site folds: " + ", ".join(
                      f"{c} {_f(v)}" for c, v in folded.items()) + ";")
                  + " on the corpus left out: " + ", ".join(
                      f"{c} {_f(v.get('confidence_spearman'))}"
                      for c, v in s["leave_one_corpus_out"].items()) + ".", ""]
    return "\n".join(lines) + "\n"


def _line_table(folds: dict, loco: dict, corpora: list[str]) -> list[str]:
    """Line by line (`training.build.line_scores`): article lines kept and junk lines
    removed, on the site folds and, where the build measured it, a corpus left out."""
    out = ["", "Line by line (issue 10's measure on its hand-labelled pages, here with each "
           "line labelled by its alignment with the gold text; the F1 above weighs a line by "
           "its length): the share of article lines kept and of junk lines removed, short "
           f"lines (under {SHORT_CHARS} characters) apart, and the share of renderings "
           "whose every line is decided as labelled.", "",
           "| estimate | corpus | body kept | short | long | junk removed | short | long "
           "| every line right |", "|---" * 9 + "|"]
    for label, by in (("site folds", folds),
                      ("left out", {c: v["lines"] for c, v in loco.items() if "lines" in v})):
        for c in corpora:
            if c in by:
                v = by[c]
                out.append(f"| {label} | {c} | {_f(v['body_kept'])} | "
                           f"{_f(v['short_body_kept'])} | {_f(v['long_body_kept'])} | "
                           f"{_f(v['junk_removed'])} | {_f(v['short_junk_removed'])} | "
                           f"{_f(v['long_junk_removed'])} | {_f(v['exact_pages'])} |")
    return out


if __name__ == "__main__":
    text = report(json.loads(MANIFEST.read_text(encoding="utf-8")))
    print(text)
    if "--no-write" not in sys.argv:
        write_section(ROOT / "BENCHMARKS.md", text, "labeller")
