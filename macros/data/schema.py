"""Check parsed YAML against the JSON Schemas kept beside the data, in words a forker can act on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

if TYPE_CHECKING:  # jsonschema is imported only to explain a failing file: most builds never need it
    import jsonschema

from .cache import while_unchanged
from .problems import Problem, suggest
from .yamlsource import DataPath, Source

SCHEMA_DIR = "schema"


@while_unchanged(lambda schema_file: [schema_file], maxsize=16)
def _validator(schema_file: Path) -> jsonschema.Draft7Validator:
    import jsonschema

    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_WANTED = {
    "string": "text",
    "array": "a list (lines starting with `- `)",
    "object": "a mapping of `key: value` lines",
    "integer": "a whole number",
    "boolean": "true or false",
    "number": "a number",
}


def _name(where: DataPath) -> str:
    """A reader's name for a place in the data: `templates[3].channel` (1-based items)."""
    out = ""
    for part in where:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "the file"


def _written(src: Source, where: DataPath) -> str:
    """A scalar exactly as the file spells it."""
    return src.text[slice(*src.spans[where])].strip() if where in src.spans else ""


def _type_problem(src: Source, where: DataPath, error: jsonschema.ValidationError) -> Problem:
    wanted = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
    value = error.instance
    what = f"{_name(where)} should be {_WANTED.get(wanted, wanted)} but is {_kind(value)}"
    if isinstance(value, bool) and wanted == "string":
        word = src.text[slice(*src.spans[where])].strip() if where in src.spans else str(value).lower()
        what += f" ({word} was read as {str(value).lower()})"
        fix = f'YAML reads unquoted yes/no/on/off/true/false as true or false; put it in quotes: "{word}"'
    elif isinstance(value, (int, float)) and wanted == "string" and ":" in _written(src, where):
        word = _written(src, where)
        what += f" ({word} was read as the number {value}: YAML 1.1 reads digits with colons as base 60)"
        fix = f'put it in quotes: "{word}"'
    elif value is None:
        fix = "write a value after the colon, or remove the line"
    elif isinstance(value, (int, float)) and wanted == "string":
        fix = f'put the value in quotes: "{value}"'
    elif wanted == "array":
        fix = "write each item on its own line, starting with `- `"
    else:
        fix = f"change the value to {_WANTED.get(wanted, wanted)}"
    return src.problem(where, what, fix)


def problems_for(src: Source, error: jsonschema.ValidationError, schema_name: str) -> list[Problem]:
    """One schema error of `src` in a forker's words (a fork's override schema reports through this too)."""
    where: DataPath = tuple(error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = [r for r in error.validator_value if r not in error.instance]
        return [
            src.problem(
                where,
                f"{_name(where)} is missing the required field '{name}'",
                f"add a `{name}:` line here (see scenarios/{SCHEMA_DIR}/{schema_name})",
            )
            for name in missing
        ]
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = [k for k in error.instance if k not in allowed]
        return [
            src.problem(
                (*where, key),
                f"unknown field '{key}'",
                f"{suggest(key, allowed)}remove it or use one of: {', '.join(allowed)}",
                key=True,
            )
            for key in extras
        ]
    if kind == "type":
        return [_type_problem(src, where, error)]
    if kind == "enum":
        options = [str(o) for o in error.validator_value]
        return [
            src.problem(
                where,
                f"{_name(where)} '{error.instance}' is not one of the allowed values",
                f"{suggest(str(error.instance), options)}use one of: {', '.join(options)}",
            )
        ]
    if kind == "pattern":
        return [
            src.problem(
                where,
                f"{_name(where)} '{error.instance}' has characters an id cannot have",
                "use lowercase letters, digits and single hyphens, like `competing-offer`",
            )
        ]
    if kind == "minLength":
        return [
            src.problem(
                where, f"{_name(where)} is empty or too short", f"write at least {error.validator_value} characters"
            )
        ]
    if kind == "maxLength":
        return [
            src.problem(
                where,
                f"{_name(where)} is {len(error.instance)} characters long, over the limit of {error.validator_value}",
                "shorten it",
            )
        ]
    if kind in ("minItems", "minProperties"):
        return [
            src.problem(
                where,
                f"{_name(where)} needs at least {error.validator_value} item(s)",
                "add items, each on its own line starting with `- `",
            )
        ]
    if kind == "uniqueItems":
        return [src.problem(where, f"{_name(where)} lists the same item twice", "remove the repeated item")]
    if kind == "propertyNames":
        return [
            src.problem(
                where,
                f"the name '{error.instance}' is not allowed here",
                "use lowercase letters, digits and underscores, starting with a letter, like `recruiter_name`",
            )
        ]
    return [src.problem(where, f"{_name(where)}: {error.message}", f"see scenarios/{SCHEMA_DIR}/{schema_name}")]


@while_unchanged(lambda schema_file: [schema_file], maxsize=16)
def _fast_check(schema_file: Path) -> Any:
    """The schema compiled to Python by fastjsonschema: it only says yes or no, ten times faster.

    Without detailed exceptions it compiles in a third of the time, and yes or no is all it is asked.
    """
    return fastjsonschema.compile(json.loads(schema_file.read_text(encoding="utf-8")), detailed_exceptions=False)


def is_valid(data: Any, schema_file: Path) -> bool:
    """Whether the data passes the schema (the quick yes/no; `check` says what is wrong)."""
    try:
        _fast_check(schema_file)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def check(src: Source, schema_dir: Path, schema_name: str) -> list[Problem]:
    """Every schema problem in one parsed file.

    Most files are valid, so the compiled yes/no check runs first; only a file it rejects goes through
    jsonschema, whose errors carry the paths that the messages need.
    """
    if is_valid(src.data, schema_dir / schema_name):
        return []
    validator = _validator(schema_dir / schema_name)
    problems: list[Problem] = []
    for error in validator.iter_errors(src.data):
        problems.extend(problems_for(src, error, schema_name))
    return problems
