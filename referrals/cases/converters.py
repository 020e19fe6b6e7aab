"""The case reference in URLs (2026-000123): cases are addressed by it, never by an
identity number. Registered as ``<reference:...>`` when the app is ready."""


class ReferenceConverter:
    regex = r"\d{4}-\d{6}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
