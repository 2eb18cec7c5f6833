"""The targets model: data/targets.yml (results and goals) and data/figures-excluded.yml."""

from __future__ import annotations

import functools
from pathlib import Path

from . import model

PERIODS = ["2017-2021", "2021", "2022", "2022-2026"]
QUALIFIERS = ["exactly", "over", "at-least", "about", "strive-for", "up-to", "nearly"]
MEASURES = ["level", "growth", "share", "count", "change", "multiple"]

_bilingual = {
    "type": "object", "required": ["zh", "en"], "additionalProperties": False,
    "properties": {"zh": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}},
}

ROW_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "A result or goal stated by the 2022 Government Work Report of Shinan District, Qingdao",
    "type": "object",
    "required": ["id", "period", "kind", "area", "indicator", "value", "unit", "qualifier", "measure", "source"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "stable row id"},
        "period": {"enum": PERIODS, "description": "the years the figure refers to"},
        "kind": {"enum": ["result", "target"], "description": "achieved (result) or planned (target)"},
        "area": {"type": "string", "description": "policy area id (see areas)"},
        "indicator": {**_bilingual, "description": "what is measured, in Chinese and English"},
        "value": {"type": "number", "description": "the number as the report writes it, in the unit's scale"},
        "unit": {**_bilingual, "description": "zh: the unit as written (亿元, %, 家…); en: the unit without scale"},
        "qualifier": {"enum": QUALIFIERS, "description": "how the report qualifies the value"},
        "measure": {"enum": MEASURES, "description": "level, growth rate, share, count, change or multiple"},
        "baseline": {**_bilingual, "description": "a comparison the report gives, if any"},
        "source": {"type": "string", "pattern": "^(t\\d|p\\d\\d)$", "description": "source paragraph id"},
    },
}

SCHEMA = {
    "type": "object", "required": ["areas", "headline", "progress", "rows"], "additionalProperties": False,
    "properties": {
        "areas": {"type": "object", "additionalProperties": _bilingual},
        "headline": {"type": "array", "items": {"type": "string"}, "minItems": 6, "maxItems": 8},
        "progress": {"type": "array", "items": {"type": "array", "items": {"type": "string"},
                                                "minItems": 2, "maxItems": 2}},
        "rows": {"type": "array", "items": ROW_SCHEMA},
    },
}

SCALES = {"万亿": 1e12, "亿": 1e8, "万": 1e4}


def scale(row: dict) -> tuple[str, float]:
    """The 万/亿 prefix of the row's Chinese unit and its factor."""
    for prefix, factor in SCALES.items():
        if row["unit"]["zh"].startswith(prefix):
            return prefix, factor
    return "", 1.0


def fmt_number(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


def zh_token(row: dict) -> str:
    """How the value is written in the Chinese paragraph: 1400亿, 5.6%, 985."""
    prefix, _ = scale(row)
    unit = row["unit"]["zh"]
    suffix = "%" if unit == "%" else ("个百分点" if unit.startswith("个百分点") else "")
    return fmt_number(row["value"]) + prefix + suffix


def absolute(row: dict) -> float:
    return round(row["value"] * scale(row)[1], 6)


def en_value(row: dict, root: Path = model.ROOT) -> str:
    """The value as English states it: 140 billion yuan, 5.6%, US$1.67 billion."""
    unit = row["unit"]["en"]
    if unit == "%":
        return f"{fmt_number(row['value'])}%"
    prefix = model.languages(root)["languages"]["en"]["numbers"].get("unit_prefix", {}).get(unit)
    number = model.fmt_en(absolute(row))
    return f"{prefix}{number}" if prefix else f"{number} {unit}"


def value_text(row: dict, lang: str) -> str:
    """The value as a reader of one language expects it."""
    return zh_value(row) if lang == "zh" else en_value(row)


def zh_value(row: dict) -> str:
    unit = row["unit"]["zh"]
    return fmt_number(row["value"]) + unit


@functools.lru_cache(maxsize=None)
def _load(root: Path) -> dict:
    return model.load_checked(root / "data" / "targets.yml", SCHEMA, "rows", "row")


def load(root: Path = model.ROOT) -> dict:
    """The targets data, schema-checked (raises ModelError naming the row)."""
    return _load(Path(root))


def excluded(root: Path = model.ROOT) -> dict[str, dict[str, str]]:
    data = model.load_yaml(root / "data" / "figures-excluded.yml") or {}
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise model.ModelError("data/figures-excluded.yml:1: expected a mapping of paragraph id → "
                               "{figure: reason}")
    return {pid: {str(k): str(v) for k, v in figs.items()} for pid, figs in data.items()}


def validate(data: dict, root: Path = model.ROOT) -> list[tuple]:
    """Ids unique; each value in its paragraph (zh as written, en converted); no figure left out."""
    out = []
    file = "data/targets.yml"
    zh = model.paragraphs(model.default_lang(root), root)
    others = {lang: model.paragraphs(lang, root) for lang in model.lang_codes(root)[1:]}
    seen = {}
    covered: dict[str, list[str]] = {}
    for r in data["rows"]:
        rid, line, pid = r["id"], r["_line"], r["source"]
        if rid in seen:
            out.append((file, line, rid, f"duplicate id (first at line {seen[rid]})"))
        seen.setdefault(rid, line)
        if r["area"] not in data["areas"]:
            out.append((file, line, rid, f"unknown area '{r['area']}' (expected one of {', '.join(data['areas'])})"))
        if pid not in zh:
            out.append((file, line, rid, f"source paragraph {pid} does not exist"))
            continue
        tokens = [f.token for f in model.zh_figures(zh[pid].text)]
        token = zh_token(r)
        if token not in tokens:
            out.append((file, line, rid, f"value not in its source paragraph {pid} (expected «{token}», "
                                         f"found {', '.join(tokens) or 'no figures'})"))
        covered.setdefault(pid, []).append(token)
        for lang, paras in others.items():
            if pid not in paras:
                continue
            figs = model.en_figures(paras[pid].text, root)
            want = absolute(r)
            pct = r["unit"]["zh"] == "%"
            if not any(abs(f.value - want) < 1e-6 * max(1, want) and (f.percent or not pct) for f in figs):
                out.append((file, line, rid, f"value not in the {lang} paragraph {pid} (expected "
                                             f"{en_value(r)}, found {', '.join(f.token for f in figs) or 'none'})"))
    ids = {r["id"]: r for r in data["rows"]}
    for rid in data["headline"] + [i for pair in data["progress"] for i in pair]:
        if rid not in ids:
            out.append((file, 0, rid, "headline or progress names a row that does not exist"))
    for a, b in data["progress"]:
        if a in ids and b in ids and (ids[a]["unit"] != ids[b]["unit"] or ids[b]["kind"] != "target"):
            out.append((file, 0, f"{a}>{b}", "a progress pair needs the same unit and a target second"))
    skip = excluded(root)
    for pid, figs in skip.items():
        if pid not in zh:
            out.append(("data/figures-excluded.yml", 0, pid, "paragraph id does not exist"))
            continue
        tokens = {f.token for f in model.zh_figures(zh[pid].text)}
        for tok in figs:
            if tok not in tokens:
                out.append(("data/figures-excluded.yml", 0, pid,
                            f"excluded figure «{tok}» is not in the paragraph (found {', '.join(sorted(tokens))})"))
    for pid, p in zh.items():
        for f in model.zh_figures(p.text):
            if f.token not in covered.get(pid, []) and f.token not in skip.get(pid, {}):
                out.append((file, 0, pid, f"figure «{f.token}» is neither a target row nor in "
                                          f"data/figures-excluded.yml (expected one of the two)"))
    return out


def json_schema(langs: list[str]) -> dict:
    """The JSON Schema of data/targets.json as published (one column per language)."""
    p = ROW_SCHEMA["properties"]
    row = {
        "id": p["id"], "period": p["period"], "kind": p["kind"],
        "area": {"type": "string", "description": "policy area id"},
        "value": p["value"],
        "absolute_value": {"type": "number", "description": "value with 万 (1e4) and 亿 (1e8) applied"},
        "qualifier": p["qualifier"], "measure": p["measure"], "source": p["source"],
    }
    for lang in langs:
        row[f"area_{lang}"] = {"type": "string", "description": f"policy area ({lang})"}
        row[f"indicator_{lang}"] = {"type": "string", "description": f"indicator ({lang})"}
        row[f"unit_{lang}"] = {"type": "string", "description": f"unit as written ({lang})"}
        row[f"baseline_{lang}"] = {"type": "string", "description": f"comparison the report gives ({lang}), or empty"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Targets and results of the 2022 Government Work Report of Shinan District, Qingdao",
        "type": "object", "required": ["title", "source", "licence", "rows"],
        "properties": {
            "title": {"type": "string"}, "source": {"type": "string"}, "licence": {"type": "string"},
            "schema": {"type": "string"},
            "rows": {"type": "array", "items": {"type": "object", "required": list(row),
                                                "additionalProperties": False, "properties": row}},
        },
    }
