#!/usr/bin/env python3
"""Prove the edition right: one command, one subcommand per promise.

  fidelity  Chinese pages against the source text (every paragraph, in order, unaltered)
  align     same pages, same paragraph ids, same order in every language; no Han in English
  figures   every number of a Chinese paragraph is in its English paragraph (万/亿 converted)
  terms     glossary data valid; each term's English rendering where the Chinese term occurs
  targets   targets data valid; each value in its source paragraph, in both languages
  links     on a built site: every internal link, asset and #anchor resolves
  all       everything above (links only with --site)

Problems print as `path:line: [id] what is wrong (expected …, found …)`; exit 1 on any.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from edition import glossary, model, targets  # noqa: E402


@dataclass
class Problem:
    path: str
    line: int
    pid: str
    message: str

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        tag = f" [{self.pid}]" if self.pid else ""
        return f"{where}:{tag} {self.message}"


def rel(path: Path, root: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def shorten(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width] + "…"


def first_difference(a: str, b: str) -> str:
    k = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    lo = max(0, k - 8)
    return f"expected «…{a[lo:k + 12]}…», found «…{b[lo:k + 12]}…»"


# ------------------------------------------------------------------- fidelity

def check_fidelity(root: Path = model.ROOT) -> list[Problem]:
    """Every source paragraph on the Chinese pages, once, in order, unaltered."""
    problems = []
    zh = model.default_lang(root)
    source = model.read_source(root / "source" / model.SOURCE.name)
    src_rel = rel(root / "source" / model.SOURCE.name, root)
    pages = model.load_pages(zh, root)
    found = []
    for page in pages:
        for line, msg in page.problems:
            problems.append(Problem(rel(page.file, root), line, "", msg))
        found.extend((p, page) for p in page.paras)
    seen = {}
    for para, page in found:
        if para.id in seen:
            problems.append(Problem(rel(page.file, root), para.line, para.id,
                                    f"duplicated paragraph id (first at {seen[para.id]})"))
        else:
            seen[para.id] = f"{rel(page.file, root)}:{para.line}"
    by_id = {p.id: (p, page) for p, page in reversed(found)}
    for sp in source:
        if sp.id not in by_id:
            problems.append(Problem(src_rel, sp.line, sp.id,
                                    f"source paragraph missing from the Chinese pages "
                                    f"(expected «{shorten(sp.text)}»)"))
            continue
        para, page = by_id[sp.id]
        if para.text != sp.text:
            kind = ("punctuation differs from the restored source" if model.norm(para.text) == model.norm(sp.text)
                    else "paragraph text altered against the source")
            problems.append(Problem(rel(page.file, root), para.line, sp.id,
                                    f"{kind} ({first_difference(sp.text, para.text)})"))
    source_ids = [sp.id for sp in source]
    extra = [p for p, _ in found if p.id not in set(source_ids)]
    for p in extra:
        problems.append(Problem(rel(root / "docs" / model.localized(p.page, zh, root), root), p.line, p.id,
                                "paragraph id not in the source (expected one of t1-t3, p01-p71)"))
    order = [p.id for p, _ in found if p.id in set(source_ids)]
    dedup = list(dict.fromkeys(order))
    expected = [i for i in source_ids if i in set(dedup)]
    if dedup != expected:
        k = next(i for i, (a, b) in enumerate(zip(expected, dedup)) if a != b)
        para, page = by_id[dedup[k]]
        problems.append(Problem(rel(page.file, root), para.line, dedup[k],
                                f"paragraph out of order (expected {expected[k]} here, found {dedup[k]})"))
    return problems


# ---------------------------------------------------------------------- align

ZH_SPAN = re.compile(r'<span lang="zh[^"]*">.*?</span>')


def check_align(root: Path = model.ROOT) -> list[Problem]:
    """The same ids in the same order on the same pages in every language."""
    problems = []
    zh = model.default_lang(root)
    zh_pages = {p.path: p for p in model.load_pages(zh, root)}
    for lang in model.lang_codes(root)[1:]:
        for path, zp in zh_pages.items():
            file = root / "docs" / model.localized(path, lang, root)
            if not file.exists():
                problems.append(Problem(rel(file, root), 0, "", f"missing {lang} page (expected the translation "
                                                                 f"of docs/{path}, {len(zp.paras)} paragraphs)"))
                continue
            page = model.parse_page(file, path, lang)
            for line, msg in page.problems:
                problems.append(Problem(rel(file, root), line, "", msg))
            zids = [p.id for p in zp.paras]
            eids = [p.id for p in page.paras]
            if zids != eids:
                missing = [i for i in zids if i not in eids]
                extra = [i for i in eids if i not in zids]
                dup = sorted({i for i in eids if eids.count(i) > 1})
                detail = []
                if missing:
                    detail.append(f"missing {', '.join(missing)}")
                if extra:
                    detail.append(f"not in Chinese {', '.join(extra)}")
                if dup:
                    detail.append(f"duplicated {', '.join(dup)}")
                if not detail:
                    k = next(i for i, (a, b) in enumerate(zip(zids, eids)) if a != b)
                    detail.append(f"order differs at position {k + 1}: expected {zids[k]}, found {eids[k]}")
                pid = (missing or extra or dup or [""])[0]
                line = next((p.line for p in page.paras if p.id == pid), 0)
                problems.append(Problem(rel(file, root), line, pid,
                                        f"paragraphs do not align with docs/{path} (zh has {len(zids)}, "
                                        f"{lang} has {len(eids)}: {'; '.join(detail)})"))
            zby = {p.id: p for p in zp.paras}
            for p in page.paras:
                if p.id in zby and zby[p.id].level != p.level:
                    problems.append(Problem(rel(file, root), p.line, p.id,
                                            f"block kind differs (expected heading level {zby[p.id].level}, "
                                            f"found {p.level})"))
                if not p.text.strip():
                    problems.append(Problem(rel(file, root), p.line, p.id, "empty translation"))
                if lang != zh:
                    han = model.HAN.findall(ZH_SPAN.sub("", p.text))
                    if han:
                        problems.append(Problem(rel(file, root), p.line, p.id,
                                                f"Chinese characters in the {lang} text outside a lang=\"zh\" "
                                                f"element (found «{''.join(han[:12])}»)"))
    return problems


# -------------------------------------------------------------------- figures

def check_figures(root: Path = model.ROOT) -> list[Problem]:
    """Each number of a Chinese paragraph, converted, in its English paragraph."""
    problems = []
    zh = model.paragraphs(model.default_lang(root), root)
    for lang in model.lang_codes(root)[1:]:
        if "numbers" not in model.languages(root)["languages"][lang]:
            continue
        for page in _pages_if_present(lang, root):
            for p in page.paras:
                if p.id not in zh:
                    continue
                for fig, expected in model.missing_figures(zh[p.id].text, ZH_SPAN.sub("", p.text), root):
                    found = ", ".join(f.token for f in model.en_figures(p.text, root)) or "no figures"
                    problems.append(Problem(rel(page.file, root), p.line, p.id,
                                            f"Chinese figure {fig.token} missing in {lang} "
                                            f"(expected {expected}, found {found})"))
    return problems


def _pages_if_present(lang: str, root: Path):
    for path in model.report_pages(root):
        file = root / "docs" / model.localized(path, lang, root)
        if file.exists():
            yield model.parse_page(file, path, lang)


# ---------------------------------------------------------------------- terms

def check_terms(root: Path = model.ROOT) -> list[Problem]:
    """Glossary data valid, and rendered consistently wherever a term occurs."""
    try:
        entries = glossary.load(root)
    except model.ModelError as e:
        return [Problem(*_split_error(str(e)))]
    problems = [Problem(*p) for p in glossary.validate(entries, root)]
    problems += [Problem(*p) for p in glossary.consistency(entries, root)]
    return problems


# -------------------------------------------------------------------- targets

def check_targets(root: Path = model.ROOT) -> list[Problem]:
    """Targets data valid; each value in its source paragraph in both languages."""
    try:
        rows = targets.load(root)
    except model.ModelError as e:
        return [Problem(*_split_error(str(e)))]
    return [Problem(*p) for p in targets.validate(rows, root)]


def _split_error(text: str) -> tuple:
    m = re.match(r"^([^:\s]+):(\d+): (.*)$", text, re.S)
    if m:
        return m.group(1), int(m.group(2)), "", m.group(3)
    m = re.match(r"^([^:\s]+): (.*)$", text, re.S)
    return (m.group(1), 0, "", m.group(2)) if m else ("", 0, "", text)


# ---------------------------------------------------------------------- links

class _Refs(HTMLParser):
    """Collects ids, and the links and assets a page loads or points to."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.refs = set(), []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for attr in ("href", "src"):
            if a.get(attr) and not (tag == "link" and a.get("rel") in ("canonical", "alternate")
                                    and a[attr].startswith("http")):
                asset = tag in ("script", "img", "source", "iframe") or (
                    tag == "link" and a.get("rel") in ("stylesheet", "icon", "preload", "modulepreload"))
                self.refs.append(("asset" if asset else "link", attr, a[attr], self.getpos()[0]))


def _resolve(site: Path, page: Path, url: str) -> tuple[Path | None, str]:
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//") or url.startswith("data:"):
        return None, ""
    path = unquote(parts.path)
    if not path:
        target = page
    elif path.startswith("/"):
        target = site / path.lstrip("/")
    else:
        target = (page.parent / path)
    if path.endswith("/") or (target.exists() and target.is_dir()):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def check_links(site: Path, root: Path = model.ROOT) -> list[Problem]:
    """Every internal link, asset and #anchor of the built site resolves."""
    problems = []
    site = Path(site)
    if not site.is_dir():
        return [Problem(str(site), 0, "", "no built site here (expected the output of `make build`)")]
    parsed: dict[Path, _Refs] = {}

    def refs(file: Path) -> _Refs:
        if file not in parsed:
            p = _Refs()
            p.feed(file.read_text("utf-8", errors="replace"))
            parsed[file] = p
        return parsed[file]

    for page in sorted(site.rglob("*.html")):
        for kind, attr, url, line in refs(page).refs:
            if page.name == "404.html" and url.startswith("/"):
                continue  # the 404 page is served from any depth: absolute by design
            target, frag = _resolve(site, page, html.unescape(url))
            if target is None:
                continue
            if not target.resolve().is_relative_to(site.resolve()):
                problems.append(Problem(rel(page, site), line, frag, f"link leaves the site ({url})"))
            elif not target.exists():
                problems.append(Problem(rel(page, site), line, frag,
                                        f"broken {kind} {url} (expected {rel(target, site)} to exist)"))
            elif frag and target.suffix == ".html" and frag not in refs(target).ids and frag != "__skip":
                problems.append(Problem(rel(page, site), line, frag,
                                        f"broken anchor {url} (no id '{frag}' in {rel(target, site)})"))
    return problems


# ------------------------------------------------------------------------ CLI

CHECKS = {
    "fidelity": check_fidelity,
    "align": check_align,
    "figures": check_figures,
    "terms": check_terms,
    "targets": check_targets,
}


def run(names: list[str], root: Path, site: Path | None) -> list[Problem]:
    problems = []
    for name in names:
        if name == "links":
            problems += check_links(site or root / "site", root)
        else:
            try:
                problems += CHECKS[name](root)
            except model.ModelError as e:
                problems.append(Problem(*_split_error(str(e))))
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="check.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("check", nargs="+", choices=[*CHECKS, "links", "all"], help="what to check")
    parser.add_argument("--root", type=Path, default=model.ROOT, help="project folder (default: this one)")
    parser.add_argument("--site", type=Path, help="built site for `links` (default: ROOT/site)")
    args = parser.parse_args(argv)
    names = []
    for n in args.check:
        names += ([*CHECKS] + (["links"] if args.site or (args.root / "site").is_dir() else [])) if n == "all" else [n]
    names = list(dict.fromkeys(names))
    start = time.perf_counter()
    problems = run(names, args.root.resolve(), args.site)
    for p in problems:
        print(p)
    took = time.perf_counter() - start
    if problems:
        print(f"{len(problems)} problem(s) in {', '.join(names)} ({took:.2f} s)")
        return 1
    print(f"ok: {', '.join(names)} ({took:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
