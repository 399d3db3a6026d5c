"""What is wrong with a value of an exchange file, in words marked for the catalogue.

pydantic words its validation errors in English only (``error["msg"]``); a file refused
in a Korean window must be refused in Korean. Each error's ``type``, a code pydantic keeps
stable, is said here in our own words with the numbers and choices of its ``ctx``; a type
not listed is said in one generic phrase of ours, never in pydantic's English. Our own
validators raise an exception carrying its :class:`~briefing.errors.Phrase` (a
:class:`~briefing.domain.times.TimeProblem`), which pydantic keeps in ``ctx["error"]``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic_core import ErrorDetails

from briefing.errors import N_, BriefingError, Phrase

_SAID: dict[str, str] = {
    "missing": N_("this field is required"),
    "extra_forbidden": N_("the format has no such field"),
    "string_type": N_("the value should be text"),
    "string_unicode": N_("the value should be text, not broken Unicode"),
    "string_too_long": N_("the value should be at most {max_length} characters long"),
    "string_pattern_mismatch": N_("the value should match the pattern {pattern}"),
    "int_type": N_("the value should be a whole number"),
    "int_parsing": N_("the value should be a whole number"),
    "int_from_float": N_("the value should be a whole number"),
    "float_type": N_("the value should be a number"),
    "float_parsing": N_("the value should be a number"),
    "finite_number": N_("the value should be a finite number"),
    "bool_type": N_("the value should be true or false"),
    "bool_parsing": N_("the value should be true or false"),
    "date_type": N_("the value should be a date written as YYYY-MM-DD"),
    "date_parsing": N_("the value should be a date written as YYYY-MM-DD"),
    "date_from_datetime_parsing": N_("the value should be a date written as YYYY-MM-DD"),
    "date_from_datetime_inexact": N_("the value should be a date written as YYYY-MM-DD"),
    "datetime_type": N_("the value should be a date and time written as YYYY-MM-DDTHH:MM:SS"),
    "datetime_parsing": N_("the value should be a date and time written as YYYY-MM-DDTHH:MM:SS"),
    "datetime_from_date_parsing": N_(
        "the value should be a date and time written as YYYY-MM-DDTHH:MM:SS"
    ),
    "time_type": N_("the value should be a time written as HH:MM"),
    "time_parsing": N_("the value should be a time written as HH:MM"),
    "greater_than_equal": N_("the value should be at least {ge}"),
    "less_than_equal": N_("the value should be at most {le}"),
    "greater_than": N_("the value should be more than {gt}"),
    "less_than": N_("the value should be less than {lt}"),
    "too_short": N_("the list should have at least {min_length} entries"),
    "too_long": N_("the list should have at most {max_length} entries"),
    "list_type": N_("the value should be a list"),
    "dict_type": N_("the value should be an object"),
    "model_type": N_("the value should be an object"),
    "model_attributes_type": N_("the value should be an object"),
    "uuid_type": N_("the value should be a UUID"),
    "uuid_parsing": N_("the value should be a UUID"),
    "union_tag_invalid": N_("the {discriminator} should be one of {expected_tags}, not {tag}"),
    "union_tag_not_found": N_("the value has no {discriminator}"),
}
"""pydantic's error types (https://docs.pydantic.dev/latest/errors/validation_errors/)
in our words, each filled from the error's ``ctx`` by the names it uses."""

NOT_EMPTY = N_("the value should not be empty")
"""A text shorter than its least length of one character: every such field in the format."""

TOO_SHORT = N_("the value should be at least {min_length} characters long")
ONE_OF = N_("the value should be one of {choices}")
"""An enum's or a literal's choices, as the file writes them, listed without a word of
English ("'a', 'b' or 'c'" as pydantic lists them)."""
THE_ONE = N_("the value should be {choice}")

UNKNOWN = N_("the value is not what the format allows here")
"""Every other type of error: pydantic's English is never shown."""

_LAST = re.compile(r",? or (?=[^,]*$)")
_NAMES = re.compile(r"{(\w+)}")


def _choices(expected: str) -> list[str]:
    """pydantic's ``'a', 'b' or 'c'`` as its choices."""
    return [choice for choice in _LAST.sub(", ", expected).split(", ") if choice]


def _own(error: object) -> Phrase | None:
    """The phrase an exception of our own validators carries, if it carries one."""
    phrase = getattr(error, "phrase", None)
    if isinstance(phrase, Phrase):
        return phrase
    if isinstance(error, BriefingError) and error.template:
        return Phrase(error.template, **error.arguments)
    return None


def schema_problem(error: ErrorDetails) -> Phrase:
    """One pydantic validation error said in the catalogue's words."""
    kind = error["type"]
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    if kind in ("value_error", "assertion_error"):
        return _own(ctx.get("error")) or Phrase(UNKNOWN)
    if kind in ("enum", "literal_error"):
        choices = _choices(str(ctx.get("expected", "")))
        if len(choices) == 1:
            return Phrase(THE_ONE, choice=choices[0])
        return Phrase(ONE_OF, choices=", ".join(choices))
    if kind == "string_too_short":
        minimum = ctx.get("min_length", 1)
        return Phrase(NOT_EMPTY) if minimum == 1 else Phrase(TOO_SHORT, min_length=minimum)
    template = _SAID.get(kind)
    if template is None:
        return Phrase(UNKNOWN)
    names = _NAMES.findall(template)
    if not all(name in ctx for name in names):  # a later pydantic's ctx, named otherwise
        return Phrase(UNKNOWN)
    return Phrase(template, **{name: ctx[name] for name in names})
