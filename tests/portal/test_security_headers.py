"""Security headers on every response, and no inline script or style in our templates."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
OWN_TEMPLATE_DIRS = ["designsystemet", "portal", "registration", "includes"]


@pytest.fixture
def home(client, db):
    return client.get("/")


def test_csp_is_strict_and_has_no_unsafe_inline(home):
    policy = home["Content-Security-Policy"]
    directives = {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part
    }
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_other_security_headers(home):
    assert home["X-Content-Type-Options"] == "nosniff"
    assert home["Referrer-Policy"] == "same-origin"
    assert home["X-Frame-Options"] == "DENY"
    assert home["Cross-Origin-Opener-Policy"] == "same-origin"


def test_csp_is_sent_on_error_pages_too(client, db):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def own_templates():
    for directory in OWN_TEMPLATE_DIRS:
        yield from sorted((TEMPLATES / directory).rglob("*.html"))
    yield TEMPLATES / "base.html"


@pytest.mark.parametrize("path", list(own_templates()), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_templates_have_no_inline_style_or_script(path):
    source = path.read_text()
    assert not re.search(r"\sstyle\s*=", source), "inline style attribute"
    assert "<style" not in source
    for tag in re.findall(r"<script\b[^>]*>", source):
        assert "src=" in tag, f"inline script: {tag}"
    assert not re.search(r"\son[a-z]+\s*=", source), "inline event handler"
