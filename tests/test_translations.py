"""Every string people read is in French, Arabic and Spanish: the messages extracted from the
code and templates, as `elearn translate extract` extracts them, each have a translation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from elearn.cli import EXTRACT_KEYWORDS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract",
                    "-F", str(ROOT / "babel.cfg"), *EXTRACT_KEYWORDS, "-o", str(pot),
                    str(ROOT / "elearn")], check=True, capture_output=True)
    with pot.open("rb") as file:
        return [message for message in read_po(file) if message.id]


@pytest.mark.parametrize("language", ["fr", "ar", "es"])
def test_every_message_is_translated(extracted, language):
    path = ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as file:
        catalogue = read_po(file, locale=language)

    def translated(message) -> bool:
        found = catalogue.get(message.id, message.context)
        if found is None:
            return False
        strings = found.string if isinstance(found.string, tuple) else (found.string,)
        return all(strings)

    assert [message.id for message in extracted if not translated(message)] == []
