"""Template helpers: status tags and dates as the GOV.UK style guide writes them."""

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from waymark.agreements.enums import DeadlineStatus

register = template.Library()

TAG_CLASSES: dict[str, str] = {
    DeadlineStatus.NOT_STARTED: "govuk-tag--grey",
    DeadlineStatus.DUE: "govuk-tag--blue",
    DeadlineStatus.DUE_TODAY: "govuk-tag--orange",
    DeadlineStatus.OVERDUE: "govuk-tag--red",
    DeadlineStatus.MET: "govuk-tag--green",
    DeadlineStatus.MET_LATE: "govuk-tag--yellow",
    DeadlineStatus.NOT_NEEDED: "govuk-tag--grey",
}


@register.simple_tag
def deadline_tag(status: str | None) -> SafeString:
    """A coloured GOV.UK tag for a DeadlineStatus value."""
    if not status:
        return format_html("")
    try:
        label = DeadlineStatus(status).label
    except ValueError:
        label = status
    return format_html('<strong class="govuk-tag {}">{}</strong>', TAG_CLASSES.get(status, ""), label)


@register.filter
def govuk_date(value: date | None) -> str:
    """1 March 2026."""
    if not value:
        return ""
    return f"{value.day} {value:%B %Y}"


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


YOUNG_PERSON_TABS = [
    ("overview", "Overview", "young_people:detail"),
    ("contacts", "Contacts and sessions", "contacts:history"),
    ("meetings", "Meetings", "meetings:list"),
    ("progress", "Progress", "outcomes:progress"),
]


@register.inclusion_tag("young_people/_subnav.html", takes_context=True)
def young_person_subnav(context: dict[str, Any], young_person: Any, active: str) -> dict[str, Any]:
    """The sub-navigation between a young person's pages; a tab whose page does not
    exist (yet) is left out."""
    from django.urls import NoReverseMatch, reverse

    tabs = []
    for key, label, url_name in YOUNG_PERSON_TABS:
        try:
            url = reverse(url_name, args=[young_person.public_id])
        except NoReverseMatch:
            continue
        tabs.append({"label": label, "url": url, "active": key == active})
    return {"tabs": tabs}
