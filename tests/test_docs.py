"""The README stays a front page, and every page of the documentation site is reachable."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _nav_pages(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [page for value in node.values() for page in _nav_pages(value)]
    return [page for item in node for page in _nav_pages(item)]


def test_the_readme_is_a_front_page_that_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode()) < 8 * 1024
    commands = re.search(r"```sh\n(.*?)```", readme, re.S).group(1).strip().splitlines()
    assert commands[0].endswith("elearn demo") and commands[1].endswith("pytest")


def test_every_page_is_in_the_navigation_and_every_link_of_the_readme_exists():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    pages = set(_nav_pages(config["nav"]))
    on_disk = {str(path.relative_to(ROOT / "docs")) for path in (ROOT / "docs").rglob("*.md")}
    assert pages == on_disk
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for link in re.findall(r"\]\((docs/[^)#]+)\)", readme):
        assert (ROOT / link).exists(), link


def test_the_guide_for_national_admins_exists_in_english_french_and_arabic():
    guides = ROOT / "docs" / "guides"
    assert "Ajouter vos agents" in (guides / "national-admin.fr.md").read_text(encoding="utf-8")
    assert 'dir="rtl"' in (guides / "national-admin.ar.md").read_text(encoding="utf-8")
