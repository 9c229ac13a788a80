"""Template tags for the pages every app shares: status tags, the young person's tabs, role names.

Any app's templates may load these; Python code below the portal never imports it.
"""

from datetime import date
from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from waymark.agreements.enums import DeadlineStatus
from waymark.core.templatetags.waymark import govuk_date
from waymark.organisations.enums import Role

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


@register.simple_tag
def deadline_detail(status: str | None, due: date | None, met: date | None) -> SafeString:
    """A deadline as every page shows it: the tag, then the date that matters now.

    Met (on time or late): the date it was met, not the old due date. Still open: the
    date it is due by. Not needed or not started: the tag alone, no stale date.
    """
    tag = deadline_tag(status)
    if status in (DeadlineStatus.MET, DeadlineStatus.MET_LATE) and met:
        return format_html('{}<br><span class="govuk-!-font-size-16">{}</span>', tag, govuk_date(met))
    if status in (DeadlineStatus.DUE, DeadlineStatus.DUE_TODAY, DeadlineStatus.OVERDUE) and due:
        return format_html('{}<br><span class="govuk-!-font-size-16">by {}</span>', tag, govuk_date(due))
    return tag


YOUNG_PERSON_TABS = [
    ("overview", "Overview", "young_people:detail"),
    ("contacts", "Contacts and sessions", "contacts:history"),
    ("meetings", "Meetings", "meetings:list"),
    ("progress", "Progress", "outcomes:progress"),
]


@register.inclusion_tag("portal/_subnav.html", takes_context=True)
def young_person_subnav(context: dict[str, Any], young_person: Any, active: str) -> dict[str, Any]:
    """The sub-navigation between a young person's pages; a tab whose page does not
    exist (yet) is left out."""
    tabs = []
    for key, label, url_name in YOUNG_PERSON_TABS:
        try:
            url = reverse(url_name, args=[young_person.public_id])
        except NoReverseMatch:
            continue
        tabs.append({"label": label, "url": url, "active": key == active})
    return {"tabs": tabs}


@register.filter
def role_label(role: str | None) -> str:
    """'Service manager' for 'service_manager'."""
    if not role:
        return ""
    try:
        return str(Role(role).label)
    except ValueError:
        return role
