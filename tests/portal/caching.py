"""Reading a response's Cache-Control header in tests."""


def cache_directives(response) -> set[str]:
    """The directive names of the Cache-Control header (values left off), lower case."""
    header = response.headers.get("Cache-Control", "")
    return {part.split("=", 1)[0].strip().lower() for part in header.split(",") if part.strip()}


def assert_private(response, where: str = "") -> None:
    """Neither the browser nor a proxy may keep the response."""
    directives = cache_directives(response)
    assert {"private", "no-store"} <= directives, (where, response.get("Cache-Control"))
    assert "public" not in directives, (where, response.get("Cache-Control"))
