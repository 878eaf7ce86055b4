"""A one-page donor summary as a PNG: completion by country, the gender split, the trend and
the mentoring programme by gender."""

from __future__ import annotations

import io
from textwrap import fill

import matplotlib

matplotlib.use("Agg")  # no screen on a server

from flask import current_app  # noqa: E402
from flask_babel import gettext  # noqa: E402
from flask_babel import lazy_gettext as _l  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from ..cells import GENDERS  # noqa: E402
from .labels import GENDER_LABELS, suppression_note  # noqa: E402

WIDTH_PX, HEIGHT_PX, DPI = 1600, 1000, 100
COLOURS = {"female": "#7b3294", "male": "#008837", "other": "#e08214", "undisclosed": "#999999"}


def donor_summary_png(report: dict, trends: dict) -> bytes:
    """Four charts on one page, sized for a donor report (1600 × 1000 pixels)."""
    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    figure.suptitle(gettext("Training results"), fontsize=18)
    (by_country, by_gender), (over_time, mentoring) = figure.subplots(2, 2)

    nothing = suppression_note(report) or gettext("No data for this period.")
    countries = [row for row in report["by_country"] if row["completion_rate"] is not None]
    by_country.set_title(gettext("Completion rate (%)"))
    if countries:
        by_country.barh([row["country"] for row in countries],
                        [row["completion_rate"] for row in countries], color="#1f4e79")
        by_country.set_xlim(0, 100)
    else:
        _say(by_country, nothing)

    enrolled = [next(row["enrolled"] or 0 for row in report["by_gender"] if row["gender"] == g)
                for g in GENDERS]
    completed = [next(row["completed"] or 0 for row in report["by_gender"]
                      if row["gender"] == g) for g in GENDERS]
    positions = range(len(GENDERS))
    by_gender.set_title(gettext("By gender"))
    if any(enrolled) or any(completed):
        by_gender.bar([p - 0.2 for p in positions], enrolled, width=0.4,
                      label=gettext("Enrolled"), color=[COLOURS[g] for g in GENDERS], alpha=0.45)
        by_gender.bar([p + 0.2 for p in positions], completed, width=0.4,
                      label=gettext("Completed"), color=[COLOURS[g] for g in GENDERS])
        by_gender.set_xticks(list(positions), [str(GENDER_LABELS[g]) for g in GENDERS])
        by_gender.yaxis.set_major_locator(MaxNLocator(integer=True))
        by_gender.legend()
    else:
        _say(by_gender, nothing)

    months = [entry["month"] for entry in trends["months"]]
    threshold = current_app.config["REPORT_MIN_CELL"]
    for gender in GENDERS:
        # Small monthly counts are left out, as small cells are in every shared figure.
        counts = [count if count >= threshold else None
                  for count in (entry["completed"][gender] for entry in trends["months"])]
        if any(count is not None for count in counts):
            over_time.plot(months, counts, marker="o", color=COLOURS[gender],
                           label=str(GENDER_LABELS[gender]))
    over_time.set_title(gettext("Completed per month"))
    if over_time.get_legend_handles_labels()[0]:
        over_time.tick_params(axis="x", labelrotation=45)
        over_time.yaxis.set_major_locator(MaxNLocator(integer=True))
        over_time.legend()
    else:
        _say(over_time, nothing)

    _mentoring_chart(mentoring, report, nothing)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _mentoring_chart(axes, report: dict, nothing: str) -> None:
    """Mentees selected, paired and alumni, side by side for each gender (hidden cells: 0)."""
    figures = (("mentees_selected", _l("Mentees selected"), 0.35),
               ("mentees_paired", _l("Mentees paired"), 0.65),
               ("alumni", _l("Alumni"), 1.0))
    rows = {row["gender"]: row for row in report["by_gender"]}
    axes.set_title(gettext("Mentoring programme"))
    values = [rows[g][name] for g in GENDERS for name, _label, _alpha in figures]
    if not any(values):
        _say(axes, nothing if None in values else gettext("No data for this period."))
        return
    positions = range(len(GENDERS))
    for offset, (name, label, alpha) in zip((-0.27, 0, 0.27), figures, strict=True):
        axes.bar([p + offset for p in positions], [rows[g][name] or 0 for g in GENDERS],
                 width=0.27, label=str(label), color=[COLOURS[g] for g in GENDERS], alpha=alpha)
    axes.set_xticks(list(positions), [str(GENDER_LABELS[g]) for g in GENDERS])
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend()


def _say(axes, text: str) -> None:
    """A chart with nothing left to draw says why, instead of empty axes."""
    axes.set_axis_off()
    axes.text(0.5, 0.5, fill(text, 48), ha="center", va="center", fontsize=13,
              color="#444444", transform=axes.transAxes)
