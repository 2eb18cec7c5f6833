"""Targets: tables and charts rendered from data/targets.yml, headline figures, CSV/JSON downloads."""

from __future__ import annotations

import csv
import io
import json

from mkdocs.plugins import event_priority

from common import MARKER, add_downloads, lang_url, markers, model, page_lang, para_url, render, site_root, strings, targets

PERIOD_ORDER = ["2022", "2022-2026", "2021", "2017-2021"]


def _row(r: dict, lang: str, page, config) -> dict:
    """A row with what the templates show in one language."""
    s = strings(lang)
    others = [l for l in model.lang_codes() if l != lang]
    return {**r, "anchor": f"row-{r['id']}", "label": r["indicator"][lang],
            "value_text": targets.value_text(r, lang), "number": targets.absolute(r),
            "qualified_text": s.qualified[r["qualifier"]].format(v=targets.value_text(r, lang)),
            "qualifier_text": s.qualifiers[r["qualifier"]], "measure_text": s.measures[r["measure"]],
            "baseline_text": (r.get("baseline") or {}).get(lang, ""),
            "url": para_url(page, r["source"], lang, config),
            "other_urls": [{"lang": l, "url": para_url(page, r["source"], l, config)} for l in others]}


def _targets_url(page, lang, config) -> str:
    return lang_url(page, "targets.md", lang, config)


def _progress(data, rows: dict) -> list[dict]:
    """Result→goal pairs, each scaled to its goal, for the progress chart."""
    out = []
    for a, b in data["progress"]:
        ra, rb = rows[a], rows[b]
        out.append({"result": ra, "goal": rb, "ratio": min(1.0, ra["number"] / rb["number"])})
    return out


def on_page_markdown(markdown, page, config, files):
    # Replace `<!-- render: targets -->` and `<!-- render: headline -->` with the rendered data.
    names = {name for name, _ in markers(markdown)}
    if not names & {"targets", "headline"}:
        return markdown
    lang = page_lang(page)
    data = targets.load()
    rows = {r["id"]: _row(r, lang, page, config) for r in data["rows"]}
    s = strings(lang)
    parts = {}
    if "targets" in names:
        periods = []
        for p in PERIOD_ORDER:
            areas = []
            for aid, labels in data["areas"].items():
                items = [rows[r["id"]] for r in data["rows"] if r["period"] == p and r["area"] == aid]
                if items:
                    areas.append({"id": aid, "label": labels[lang], "rows": items})
            periods.append({"id": p, "label": s.targets_period[p], "areas": areas,
                            "count": sum(len(a["rows"]) for a in areas)})
        counts = []
        for aid, labels in data["areas"].items():
            n = sum(1 for r in data["rows"] if r["area"] == aid and r["kind"] == "target")
            counts.append({"id": aid, "label": labels[lang], "count": n})
        counts.sort(key=lambda c: -c["count"])
        root = site_root(page)
        parts["targets"] = render(config, "partials/targets.html", s=s, lang=lang, periods=periods,
                                  progress=_progress(data, rows), counts=counts,
                                  max_count=max(c["count"] for c in counts), total=len(data["rows"]),
                                  downloads={k: root + f"data/targets.{k}" for k in ("csv", "json")},
                                  schema=root + "data/targets.schema.json")
    if "headline" in names:
        parts["headline"] = render(config, "partials/headline.html", s=s,
                                   rows=[rows[i] for i in data["headline"]],
                                   targets_url=_targets_url(page, lang, config))
    return MARKER.sub(lambda m: parts.get(m.group(1), m.group(0)), markdown)


def downloads() -> dict[str, str]:
    """data/targets.csv (UTF-8 with BOM), data/targets.json and data/targets.schema.json."""
    data = targets.load()
    langs = model.lang_codes()
    rows = []
    for r in data["rows"]:
        rows.append({
            "id": r["id"], "period": r["period"], "kind": r["kind"], "area": r["area"],
            **{f"area_{l}": data["areas"][r["area"]][l] for l in langs},
            **{f"indicator_{l}": r["indicator"][l] for l in langs},
            "value": r["value"], **{f"unit_{l}": r["unit"][l] for l in langs},
            "absolute_value": targets.absolute(r), "qualifier": r["qualifier"], "measure": r["measure"],
            **{f"baseline_{l}": (r.get("baseline") or {}).get(l, "") for l in langs},
            "source": r["source"],
        })
    meta = {"title": "Targets and results of the 2022 Government Work Report of Shinan District, Qingdao",
            "source": "Shinan District People's Government, Government Work Report delivered 2022-02-24",
            "licence": "Figures: public government information. Compilation: CC BY 4.0, this edition.",
            "schema": "targets.schema.json", "rows": rows}
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
    schema = targets.json_schema(langs)
    return {"data/targets.csv": "\ufeff" + buf.getvalue(),
            "data/targets.json": json.dumps(meta, ensure_ascii=False, indent=1),
            "data/targets.schema.json": json.dumps(schema, ensure_ascii=False, indent=1)}


@event_priority(-110)  # after static-i18n sorted the files by language
def on_files(files, config):
    # The downloads exist once, at the site root.
    add_downloads(files, config, downloads)
    return files
