"""The HSDS 3.0 schemas copied into tests/catalogue/hsds/ (see its README), as a
``referencing`` registry under their published addresses, and a validator with format
checks (uuid, uri, email, date, date-time), as an outside integrator would run it."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

HSDS = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
FOLDER = Path(__file__).parent / "hsds" / "schema"


@cache
def registry() -> Registry:
    resources = []
    for path in sorted(FOLDER.rglob("*.json")):
        contents = json.loads(path.read_text())
        uri = HSDS + path.relative_to(FOLDER).as_posix()
        resources.append((uri, Resource.from_contents(contents, DRAFT202012)))
    return Registry().with_resources(resources)


def with_document(uri: str, document: dict) -> Registry:
    return registry().with_resource(uri, Resource.from_contents(document, DRAFT202012))


def validator(ref: str, reg: Registry | None = None) -> Draft202012Validator:
    """A validator of the schema at ``ref`` (an address in the registry, with or without
    a JSON pointer)."""
    return Draft202012Validator(
        {"$ref": ref}, registry=reg or registry(), format_checker=FormatChecker()
    )


def errors(validator_: Draft202012Validator, instance, where: str) -> list[str]:
    return [
        f"{where} {'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in validator_.iter_errors(instance)
    ]
