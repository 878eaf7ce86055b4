"""Results: a JSON file and a Markdown table with each figure, its ratio to the ceiling and
the issue's targets, in benchmarks/results/."""

from __future__ import annotations

import json
import os
import platform
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
NOTES = Path(__file__).resolve().parent / "NOTES.md"
READS = ("catalogue", "course_detail", "my_enrollments", "roster_50", "verify_certificate",
         "mentees_view", "page_home", "page_catalogue", "page_lesson", "page_console_people")


def targets(rows: dict, rss: float, database: str) -> list[tuple[str, str, bool]]:
    """(target, measured, met) for every target of the issue that this run measured (the
    reminder scan's is set on PostgreSQL only)."""
    found = []
    for name in READS:
        if name in rows and rows[name].get("ratio_to_ceiling") is not None:
            row = rows[name]
            found.append((f"{name}: ≥ 0.40 × ceiling, p99 < 50 ms",
                          f"{row['ratio_to_ceiling']} ×, p99 {row['p99_ms']} ms",
                          row["ratio_to_ceiling"] >= 0.4 and row["p99_ms"] < 50))
    limits = (("progress_post", "≥ 500 req/s", "rps", lambda v: v >= 500),
              ("sync_batch_alone", "p50 < 200 ms", "p50_ms", lambda v: v < 200),
              ("user_import", "< 5 s (p50)", "p50_ms", lambda v: v < 5000),
              ("kpi_report", "p50 < 300 ms", "p50_ms", lambda v: v < 300),
              ("reminder_scan", "< 1 s (p50)", "p50_ms", lambda v: v < 1000))
    if database != "postgresql":
        limits = limits[:-1]
    for name, text, key, check in limits:
        if name in rows and key in rows[name]:
            unit = "req/s" if key == "rps" else "ms"
            found.append((f"{name}: {text}", f"{rows[name][key]} {unit}",
                          check(rows[name][key])))
    found.append(("worker RSS < 150 MB", f"{round(rss, 1)} MB", rss < 150))
    return found


def write(args, scale, results, counts, seeded, rss, skipped, sequential=frozenset()) -> Path:
    """``sequential``: the scenarios timed one request at a time, with no ratio."""
    ceiling = results.get("ceiling_rows_50")
    rows = {}
    for name, result in results.items():
        ratio = (result.rps / ceiling.rps if ceiling and ceiling.rps and name not in sequential
                 else None)
        rows[name] = {"scenario": name, "rps": round(result.rps, 1),
                      "p50_ms": round(result.p50_ms, 1), "p99_ms": round(result.p99_ms, 1),
                      "ratio_to_ceiling": round(ratio, 2) if ratio is not None else None,
                      "requests": result.requests, "sql_statements": counts.get(name),
                      "statuses": result.statuses}
    rows.update({name: {"scenario": name, "skipped": reason} for name, reason in skipped.items()})
    checked = targets(rows, rss, args.db)
    data = {"date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cores",
            "python": platform.python_version(), "database": args.db, "scale": args.scale,
            "seconds_per_scenario": scale.seconds_per_scenario, "seed_seconds": round(seeded, 1),
            "worker_rss_mb": round(rss, 1), "results": list(rows.values()),
            "targets": [{"target": t, "measured": m, "met": ok} for t, m, ok in checked]}
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / f"latest-{args.db}-{args.scale}"
    stem.with_suffix(".json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    stem.with_suffix(".md").write_text(markdown(data, args))
    return stem.with_suffix(".md")


def _cell(value) -> str:
    return "" if value is None else str(value)


def markdown(data: dict, args) -> str:
    lines = [f"# Benchmarks: {args.db}, {args.scale} scale", "",
             f"{data['date']} · {data['machine']} · Python {data['python']} · "
             f"seeded in {data['seed_seconds']} s · worker RSS {data['worker_rss_mb']} MB", "",
             "| scenario | req/s | p50 ms | p99 ms | × ceiling (50-row SELECT) | SQL statements |",
             "|---|---:|---:|---:|---:|---:|"]
    for row in data["results"]:
        if "skipped" in row:
            lines.append(f"| {row['scenario']} | {row['skipped']} | | | | |")
            continue
        lines.append(f"| {row['scenario']} | {row['rps']} | {row['p50_ms']} | {row['p99_ms']} | "
                     f"{_cell(row['ratio_to_ceiling'])} | {_cell(row['sql_statements'])} |")
    lines += ["", "Scenarios without a ratio run one request at a time (the KPI report and a "
              "sync batch five times, imports and the reminder scan once; the scan in-process): "
              "p99 is the slowest run.", "",
              "| target | measured | met |", "|---|---|---|"]
    lines += [f"| {t['target']} | {t['measured']} | {'yes' if t['met'] else '**no**'} |"
              for t in data["targets"]]
    if NOTES.exists():
        lines += ["", NOTES.read_text().strip()]
    return "\n".join(lines) + "\n"


def rewrite() -> None:
    """``python -m benchmarks.report``: rewrite every Markdown result from its JSON (after
    editing NOTES.md)."""
    from types import SimpleNamespace

    for path in sorted(RESULTS.glob("latest-*.json")):
        data = json.loads(path.read_text())
        args = SimpleNamespace(db=data["database"], scale=data["scale"])
        path.with_suffix(".md").write_text(markdown(data, args))


if __name__ == "__main__":
    rewrite()
