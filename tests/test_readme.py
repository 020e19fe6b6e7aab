"""The README's instructions for a newcomer hold: every ``manage.py`` command it names
exists, and it says that SITE_URL must match the address the portal is served on (the
e-mail links are built from it, tests/portal/test_email_links.py)."""

import re
from pathlib import Path

from django.core.management import get_commands

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def test_every_manage_py_command_in_the_readme_exists():
    named = set(re.findall(r"manage\.py ([a-z_]+)", README))
    assert {"migrate", "seed_demo", "runserver"} <= named
    assert named <= set(get_commands()), named - set(get_commands())


def test_the_readme_says_how_to_serve_on_another_port_with_a_matching_site_url():
    section = README[README.index("### By hand") :]
    section = section[: section.index("\n## ")] if "\n## " in section else section
    assert "seed_demo" in section
    served = re.search(
        r"SITE_URL=http://127\.0\.0\.1:(\d+) \S+ manage\.py runserver 127\.0\.0\.1:(\d+)", section
    )
    assert served and served.group(1) == served.group(2) != "8000"
    assert "SITE_URL` must be the address the portal is served on" in section
