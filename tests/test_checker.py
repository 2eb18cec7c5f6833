"""The checker: the real content passes; each class of error fails with a message naming where and what."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

import check
from edition import glossary, model, targets


def problems(name: str, root: Path, site: Path | None = None) -> list[str]:
    return [str(p) for p in check.run([name], root, site)]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), "utf-8")


def block(path: Path, pid: str) -> str:
    """The Markdown block of one paragraph: its text line and its id line."""
    m = re.search(rf"^[^\n]+\n\{{#{pid}[^}}]*\}}\n", path.read_text("utf-8"), re.M)
    assert m, f"no block {pid} in {path}"
    return m.group(0)


def zh_with_figures(pid_prefix: str = "p"):
    """The first Chinese paragraph with a 亿 figure and a percentage (chosen from the text, not typed)."""
    zh = model.paragraphs("zh")
    for p in zh.values():
        figs = model.zh_figures(p.text)
        if any("亿" in f.token for f in figs) and any(f.percent for f in figs) and not p.level:
            return p, figs
    raise AssertionError("no paragraph with both a 亿 figure and a percentage")


# ------------------------------------------------------------------ real content

@pytest.mark.parametrize("name", ["fidelity", "align", "figures", "terms", "targets"])
def test_real_content_passes(name):
    assert problems(name, ROOT) == []


def test_real_site_links_pass(built):
    assert problems("links", ROOT, built["site"]) == []
    assert problems("links", ROOT, built["offline"]) == []


def test_unmutated_copy_passes(project):
    for name in ["fidelity", "align", "figures", "terms", "targets"]:
        assert problems(name, project) == [], name


# ----------------------------------------------------------------- the text

def test_altered_chinese_paragraph(project):
    p = model.paragraphs("zh")["p05"]
    f = project / "docs" / model.localized(p.page, "zh")
    edit(f, p.text, p.text.replace("五年", "六年", 1))
    out = problems("fidelity", project)
    assert any(f"[p05] paragraph text altered against the source" in o and "五年" in o and "六年" in o for o in out), out


def test_unrestored_punctuation(project):
    p = model.paragraphs("zh")["p04"]
    f = project / "docs" / model.localized(p.page, "zh")
    edit(f, p.text, p.text.replace("，", ",", 1))
    out = problems("fidelity", project)
    assert any("[p04] punctuation differs from the restored source" in o for o in out), out


def test_missing_chinese_id(project):
    f = project / "docs" / "report" / "review.md"
    edit(f, "\n{#p05}\n", "\n")
    out = problems("fidelity", project)
    assert any("review.md" in o and "text without a paragraph id" in o for o in out), out
    assert any("[p05] source paragraph missing from the Chinese pages" in o for o in out), out


def test_duplicated_id(project):
    f = project / "docs" / "report" / "review.md"
    edit(f, "{#p06}", "{#p05}")
    out = problems("fidelity", project)
    assert any(re.search(r"review\.md:\d+: \[p05\] duplicated paragraph id", o) for o in out), out


def test_missing_source_paragraph_in_pages(project):
    f = project / "docs" / "report" / "annex.md"
    edit(f, block(f, "p70"), "")
    out = problems("fidelity", project)
    assert any("[p70] source paragraph missing" in o for o in out), out


# ------------------------------------------------------------- the alignment

def test_dropped_english_paragraph(project):
    f = project / "docs" / "report" / "review.en.md"
    edit(f, block(f, "p07") + "\n", "")
    zh_count = len(model.parse_page(ROOT / "docs/report/review.md", "report/review.md", "zh").paras)
    out = problems("align", project)
    assert any(f"[p07] paragraphs do not align" in o and f"zh has {zh_count}, en has {zh_count - 1}" in o
               and "missing p07" in o for o in out), out


def test_swapped_english_paragraphs(project):
    f = project / "docs" / "report" / "review.en.md"
    a, b = block(f, "p04"), block(f, "p05")
    text = f.read_text("utf-8")
    f.write_text(text.replace(a, "@@A@@").replace(b, a).replace("@@A@@", b), "utf-8")
    out = problems("align", project)
    assert any("order differs" in o and "expected p04, found p05" in o for o in out), out


def test_missing_translation_page(project):
    (project / "docs" / "report" / "2022" / "digital.en.md").unlink()
    out = problems("align", project)
    assert any("digital.en.md" in o and "missing en page" in o for o in out), out


def test_chinese_left_in_english(project):
    f = project / "docs" / "report" / "review.en.md"
    line = block(f, "p04").split("\n")[0]
    edit(f, line, line + " 双全双百")
    out = problems("align", project)
    assert any("[p04] Chinese characters in the en text" in o and "双全双百" in o for o in out), out
    edit(f, " 双全双百", ' <span lang="zh">双全双百</span>')
    assert not any("Chinese characters" in o for o in problems("align", project))


# ---------------------------------------------------------------- the figures

def _figure_case(project):
    p, figs = zh_with_figures()
    en = model.paragraphs("en")[p.id]
    f = project / "docs" / model.localized(en.page, "en")
    return p, figs, en, f


def test_changed_digit_in_english(project):
    p, figs, en, f = _figure_case(project)
    pct = next(x for x in figs if x.percent)
    written = f"{pct.token}"
    assert written in en.text
    changed = written.replace(written[0], str((int(written[0]) + 1) % 10), 1)
    edit(f, en.text, en.text.replace(written, changed))
    out = problems("figures", project)
    assert any(f"[{p.id}] Chinese figure {pct.token} missing in en (expected {pct.token}" in o for o in out), out


def test_yi_converted_as_wan(project):
    p, figs, en, f = _figure_case(project)
    yi = next(x for x in figs if x.token.endswith("亿"))
    right = model.fmt_en(yi.value)
    wrong = model.fmt_en(yi.value / 1e4)  # as if 亿 were 万
    assert right in en.text, (right, en.text)
    edit(f, en.text, en.text.replace(right, wrong, 1))
    out = problems("figures", project)
    assert any(f"[{p.id}] Chinese figure {yi.token} missing in en (expected {right}" in o for o in out), out


def test_dropped_percent_sign(project):
    p, figs, en, f = _figure_case(project)
    pct = next(x for x in figs if x.percent)
    edit(f, en.text, en.text.replace(pct.token, pct.token[:-1] + " ", 1))
    out = problems("figures", project)
    assert any(f"[{p.id}] Chinese figure {pct.token} missing in en" in o for o in out), out


def test_spelled_out_numbers_count():
    assert {f.value for f in model.en_figures("four thresholds and twelve parks")} == {4.0, 12.0}
    assert model.missing_figures("建成4个口袋公园", "built four pocket parks") == []
    assert model.missing_figures("2021年4月", "in April 2021") == []
    assert model.missing_figures("突破1400亿元", "over 14 billion yuan")[0][1] == "140 billion"


# ------------------------------------------------------------------ the terms

def _term_in_use():
    data = glossary.load()
    occ = glossary.occurrences(data)
    en = model.paragraphs("en")
    for t in data["terms"]:
        for pid in occ[t["id"]]:
            if en.get(pid) and glossary.en_pattern(t["en"]).search(en[pid].text.translate(glossary.QUOTES)) \
                    and not any(glossary.en_pattern(v).search(en[pid].text) for v in t["variants"]):
                return t, en[pid]
    raise AssertionError("no term rendered canonically")


def test_term_rendered_inconsistently(project):
    t, en = _term_in_use()
    f = project / "docs" / model.localized(en.page, "en")
    m = glossary.en_pattern(t["en"]).search(en.text.translate(glossary.QUOTES))
    edit(f, en.text, en.text[:m.start()] + "something else entirely" + en.text[m.end():])
    out = problems("terms", project)
    assert any(f"[{en.id}] term «{t['zh']}» ({t['id']}) not rendered consistently" in o for o in out), out


def test_glossary_missing_field_names_entry(project):
    f = project / "data" / "glossary.yml"
    t = glossary.load()["terms"][3]
    text = f.read_text("utf-8")
    k = text.index(f"id: {t['id']}")
    edit(f, text[k:], re.sub(r"\n\s+pinyin: [^\n]*", "", text[k:], count=1))
    out = problems("terms", project)
    assert any(f"[{t['id']}]" in o and "pinyin" in o and "required" in o for o in out), out


def test_glossary_duplicate_id_and_absent_term(project):
    f = project / "data" / "glossary.yml"
    terms = glossary.load()["terms"]
    edit(f, f"id: {terms[1]['id']}\n", f"id: {terms[0]['id']}\n")
    edit(f, f"zh: {terms[2]['zh']}\n", "zh: 不存在的术语\n")
    out = problems("terms", project)
    assert any(f"[{terms[0]['id']}] duplicate id" in o for o in out), out
    assert any("«不存在的术语» occurs nowhere in the report" in o for o in out), out


def test_malformed_yaml_names_file_and_line(project):
    f = project / "data" / "targets.yml"
    f.write_text(f.read_text("utf-8").replace("rows:\n", "rows:\n  - id: [broken\n", 1), "utf-8")
    out = problems("targets", project)
    assert any(re.match(r"data/targets\.yml:\d+: not valid YAML", o) or
               re.search(r"targets\.yml:\d+:.*not valid YAML", o) for o in out), out


# ---------------------------------------------------------------- the targets

def test_target_value_not_in_paragraph(project):
    f = project / "data" / "targets.yml"
    row = targets.load()["rows"][1]
    text = f.read_text("utf-8")
    k = text.index(f"id: {row['id']}\n")
    value = targets.fmt_number(row["value"])
    head, tail = text[:k], text[k:]
    f.write_text(head + tail.replace(f"value: {value}\n", f"value: {value}9\n", 1), "utf-8")
    out = problems("targets", project)
    assert any(f"[{row['id']}] value not in its source paragraph {row['source']}" in o for o in out), out


def test_figure_neither_target_nor_excluded(project):
    f = project / "data" / "figures-excluded.yml"
    skip = targets.excluded()
    pid, figs = next(iter(skip.items()))
    token = next(iter(figs))
    text = f.read_text("utf-8")
    f.write_text(re.sub(rf'\n\s+"?{re.escape(token)}"?: [^\n]*', "", text, count=1), "utf-8")
    out = problems("targets", project)
    assert any(f"[{pid}] figure «{token}» is neither a target row nor in data/figures-excluded.yml" in o
               for o in out), out


# --------------------------------------------------------------- the built site

@pytest.fixture
def site_copy(built, tmp_path) -> Path:
    shutil.copytree(built["site"], tmp_path / "site")
    return tmp_path / "site"


def test_broken_internal_link(site_copy):
    f = site_copy / "report" / "review" / "index.html"
    edit(f, 'href="../five-years/"', 'href="../five-yaers/"')
    out = problems("links", ROOT, site_copy)
    assert any(o.startswith("report/review/index.html:") and "broken link ../five-yaers/" in o for o in out), out


def test_broken_anchor(site_copy):
    f = site_copy / "glossary" / "index.html"
    text = f.read_text("utf-8")
    m = re.search(r'href="(\.\./report/[^"#]+)#(p\d\d)"', text)
    edit(f, m.group(0), f'href="{m.group(1)}#p99"')
    out = problems("links", ROOT, site_copy)
    assert any("broken anchor" in o and "#p99" in o and "no id 'p99'" in o for o in out), out


def test_missing_asset(site_copy):
    (site_copy / "assets" / "edition.css").unlink()
    out = problems("links", ROOT, site_copy)
    assert any("broken asset" in o and "edition.css" in o for o in out), out


# ---------------------------------------------------------------------- the CLI

def test_cli_reports_and_exits_1(project):
    p, figs = zh_with_figures()
    en = model.paragraphs("en")[p.id]
    pct = next(x for x in figs if x.percent)
    g = project / "docs" / model.localized(en.page, "en")
    edit(g, en.text, en.text.replace(pct.token, pct.token[:-1] + "9%", 1))
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "figures", "--root", str(project)],
                         capture_output=True, text=True)
    assert run.returncode == 1, run.stdout + run.stderr
    lines = run.stdout.strip().splitlines()
    assert re.match(rf"docs/{re.escape(model.localized(en.page, 'en'))}:\d+: \[{p.id}\] Chinese figure", lines[0])
    assert re.match(r"\d+ problem\(s\) in figures", lines[-1])


def test_cli_success_line():
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "fidelity", "align"],
                         capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.startswith("ok: fidelity, align"), run.stdout


def test_cli_help_explains_subcommands():
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--help"], capture_output=True, text=True)
    for name in ["fidelity", "align", "figures", "terms", "targets", "links"]:
        assert re.search(rf"^\s+{name}\s+\S", run.stdout, re.M), name


def test_strict_build_fails_on_a_broken_markdown_link(tmp_path, caplog):
    """MkDocs' own validation, made strict: the message names the page and the link."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    edit(tmp_path / "docs" / "index.md", "(glossary.md)", "(glossery.md)")
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "site"))
    with pytest.raises(Abort):
        mkdocs_build(config)
    assert any("index.md" in r.getMessage() and "glossery.md" in r.getMessage() for r in caplog.records), \
        [r.getMessage() for r in caplog.records]
