"""Template helpers that know no domain: dates as the GOV.UK style guide writes them, query strings."""

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import template

from waymark.core.clock import long_date

register = template.Library()


@register.filter
def govuk_date(value: date | None) -> str:
    """1 March 2026."""
    if not value:
        return ""
    return long_date(value)


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters changed (for sorting and paging)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(sorted(params.items()))
