"""Search, run through Material's own search worker (the code the browser runs) on the built indexes."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import LANGS, ROOT

from edition import glossary, model

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is needed to run Material's search worker")


def search(site, lang: str, queries: list[str]) -> dict[str, list[str]]:
    """Result locations per query, best first, from the language's own index."""
    index = site / model.site_prefix(lang) / "search" / "search_index.json"
    run = subprocess.run([NODE, str(ROOT / "scripts" / "search_query.js"), str(site), str(index), *queries],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def where(lang: str, needle: str) -> set[str]:
    """Paragraph ids whose text contains the needle (case-insensitive for English)."""
    paras = model.paragraphs(lang)
    if lang == "zh":
        return {pid for pid, p in paras.items() if needle in p.text}
    return {pid for pid, p in paras.items() if needle.lower() in p.text.lower()}


ZH_QUERIES = ["双全双百", "一网通办", "专精特新", "瞪羚", "青文驿", "3+9+N", "放管服", "四室一厅",
              "链长制", "海绵城市", "口袋公园", "中山路", "地区生产总值"]
ZH_PARTS = ["双百", "双全", "专精", "青文", "网通办"]  # parts of terms still match
EN_QUERIES = ["gazelle", "sponge city", "river chief", "Zhongshan Road", "pocket parks", "Qingwenyi",
              "unicorn", "toilet revolution", "double reduction", "assistance", "Badaguan", "night-time economy"]


def _top_hits(results: list[str], wanted: set[str], k: int = 3) -> int:
    return sum(1 for loc in results[:k] if loc.split("#")[-1] in wanted)


def report_hits(locations: list[str]) -> list[str]:
    """The report's paragraphs among the results, best first (glossary entries come as their own group)."""
    return [loc.split("#")[-1] for loc in locations if loc.startswith("report/") and "#" in loc]


@pytest.mark.parametrize("lang,queries", [("zh", ZH_QUERIES), ("en", EN_QUERIES)])
def test_queries_find_the_paragraph(site, lang, queries):
    out = search(site, lang, queries)
    for q in queries:
        wanted = where(lang, q)
        assert wanted, f"{q!r} is not in the {lang} text: the test query is wrong"
        hits = report_hits(out[q])
        assert hits, f"{q!r} found no paragraph of the report"
        assert hits[0] in wanted, f"{q!r}: first paragraph {hits[0]} does not contain it (expected one of {sorted(wanted)})"
        assert wanted <= set(hits), f"{q!r}: paragraphs {sorted(wanted - set(hits))} contain it but were not found"


def test_parts_of_terms_still_match(site):
    out = search(site, "zh", ZH_PARTS)
    for q in ZH_PARTS:
        hits = report_hits(out[q])
        assert hits and hits[0] in where("zh", q), (q, hits[:5])


def test_glossary_entries_are_found_by_both_languages(site):
    """A glossary entry is found by its Chinese term, its English rendering and its variants."""
    t = next(t for t in glossary.load()["terms"] if t["id"].startswith("dengling") or "gazelle" in t["en"].lower())
    zh = search(site, "zh", [t["zh"]])[t["zh"]]
    en = search(site, "en", [t["en"].strip('"')])[t["en"].strip('"')]
    assert any(loc.startswith("glossary/") for loc in zh), zh
    assert any(loc.startswith("glossary/") for loc in en), en


@pytest.mark.parametrize("lang", LANGS)
def test_results_stay_in_their_language(site, lang):
    """Each language has its own index: no Chinese page in English results, and the other way round."""
    index = json.loads((site / model.site_prefix(lang) / "search" / "search_index.json").read_text("utf-8"))
    others = [l for l in LANGS if l != model.default_lang()]
    for doc in index["docs"]:
        assert not any(doc["location"].startswith(f"{o}/") for o in others), doc["location"]
    texts = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("report/"))
    if lang == "en":
        assert not model.HAN.search(texts)
    else:
        assert len(model.HAN.findall(texts)) > 10000
