"""The one-page contribution to a meeting, as a PDF (issue #3, uk-domain.md §2).

There is no national ePEP data standard, so the provider's input goes to the council's
meeting as a "PEP contribution" document: engagement seen (with counts from the contact
record), progress on the Order Form's outcomes (first and latest 0–10 ratings with the
latest evidence), the young person's views, recommended actions, author and date.

Rendered by WeasyPrint from an HTML template, A4, always exactly one page: when the
text does not fit, the type gets smaller and then the longest texts are shortened
(saying so, and that the full text is in the record).

The type is Arimo (Arial's metrics, SIL Open Font License), which the project ships:
``scripts/build_assets.py`` copies it from the npm package ``@fontsource/arimo`` into
``static_build/arimo/``, and the template's ``@font-face`` rules load it from there as
``file://`` URLs found by the static files finders. So the layout, and with it where a
long contribution gets shortened, is the same on every machine whatever fonts it has.
The URL fetcher loads those font files and nothing else: no other file, no network.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from waymark.audit.services import audit_record
from waymark.core.clock import local_date, local_today
from waymark.organisations.models import User

from .enums import MeetingType
from .models import Meeting
from .selectors import meeting_contact_summary, meeting_outcome_progress
from .services import CONTRIBUTION_FIELDS

TEMPLATE = "meetings/contribution_pdf.html"
# Tried in turn until the contribution fits on one page: (font size in points, longest
# text kept, in characters). Most contributions fit the first; four 4,000-character texts
# and several long outcomes need the last.
FIT_STEPS: tuple[tuple[float, int | None], ...] = (
    (10, None),
    (9, 1500),
    (8, 700),
    (8, 350),
)
SHORTENED = " … [shortened: the full text is in the record]"
# The faces of Arimo the document uses, as (font-weight, font-style), each in two static
# files (the ones scripts/build_assets.py copies): the Latin subset, and Latin Extended
# for names such as Łucja or Ştefan. Their characters do not overlap, so fontconfig takes
# each character from the file that has it; no unicode-range is needed.
PDF_FONTS: tuple[tuple[int, str], ...] = ((400, "normal"), (400, "italic"), (700, "normal"), (700, "italic"))
PDF_FONT_SUBSETS = ("latin", "latin-ext")
PDF_FONT_FILE = "arimo/arimo-{subset}-{weight}-{style}.woff2"
FILENAME_PREFIXES: dict[str, str] = {
    MeetingType.PEP: "pep-contribution",
    MeetingType.LAC_REVIEW: "lac-review-contribution",
    MeetingType.TAC: "tac-contribution",
    MeetingType.OTHER: "meeting-contribution",
}


@dataclass(frozen=True)
class FontFace:
    """One ``@font-face`` rule of the document: a face of Arimo and its file."""

    weight: int
    style: str
    path: Path

    @property
    def url(self) -> str:
        return self.path.as_uri()


@dataclass(frozen=True)
class ContributionFile:
    filename: str
    content: bytes
    content_type: str = "application/pdf"


def _shorten(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + SHORTENED


def pdf_font_faces() -> list[FontFace]:
    """The bundled Arimo faces, found among the static files (``static_build/`` is in
    STATICFILES_DIRS in every setting, so this works in development, tests and
    production alike).

    Raises ImproperlyConfigured when a file is missing, rather than quietly laying the
    document out in whatever font the machine has.
    """
    faces = []
    for weight, style in PDF_FONTS:
        for subset in PDF_FONT_SUBSETS:
            name = PDF_FONT_FILE.format(subset=subset, weight=weight, style=style)
            found = finders.find(name)
            if not isinstance(found, str):
                raise ImproperlyConfigured(
                    f"The PDF font {name} is not among the static files: run `make install` "
                    "(or `npm ci` and `python scripts/build_assets.py`)."
                )
            faces.append(FontFace(weight=weight, style=style, path=Path(found).resolve()))
    return faces


def pdf_url_fetcher(faces: Sequence[FontFace]) -> Any:
    """A WeasyPrint URL fetcher that loads the given font files and nothing else."""
    # WeasyPrint loads Pango and its fonts: imported when a PDF is made, not at start-up.
    from weasyprint.urls import URLFetcher

    allowed = frozenset(face.path for face in faces)

    class FontFileFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type hints
        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme != "file" or parts.netloc or Path(url2pathname(parts.path)) not in allowed:
                raise ValueError(f"The contribution PDF loads only its own font files, not {url!r}.")
            return super().fetch(url, headers)

    return FontFileFetcher(allowed_protocols=("file",))


def contribution_filename(meeting: Meeting) -> str:
    """``pep-contribution-tq-2026-11-20.pdf``: initials only, never the child's name."""
    initials = slugify(meeting.agreement.young_person.initials) or "yp"
    prefix = FILENAME_PREFIXES.get(meeting.meeting_type, "meeting-contribution")
    return f"{prefix}-{initials}-{meeting.held_on.isoformat()}.pdf"


def contribution_context(*, meeting: Meeting, today: date | None = None) -> dict[str, Any]:
    """What the document shows. Three queries: contact counts, outcomes, their reviews."""
    young_person = meeting.agreement.young_person
    return {
        "meeting": meeting,
        "young_person": young_person,
        "council": young_person.council,
        "provider": young_person.provider,
        "contacts": meeting_contact_summary(meeting=meeting),
        "outcomes": meeting_outcome_progress(meeting=meeting),
        "written_on": local_date(meeting.updated_at) if meeting.updated_at else None,
        "produced_on": today or local_today(),
    }


def contribution_html(
    context: dict[str, Any],
    *,
    font_size: float = 10,
    text_limit: int | None = None,
    fonts: Sequence[FontFace] | None = None,
) -> str:
    """The document's HTML (every value escaped by the template engine). ``fonts``
    defaults to ``pdf_font_faces()``."""
    meeting: Meeting = context["meeting"]
    texts = {name: _shorten(getattr(meeting, name), text_limit) for name in CONTRIBUTION_FIELDS}
    evidence_limit = None if text_limit is None else max(text_limit // 3, 150)
    description_limit = None if text_limit is None else max(text_limit // 4, 100)
    outcome_rows = [
        (
            _shorten(row.description, description_limit),
            row,
            _shorten(row.latest.evidence, evidence_limit) if row.latest is not None else "",
        )
        for row in context["outcomes"]
    ]
    return render_to_string(
        TEMPLATE,
        {
            **context,
            "texts": texts,
            "outcome_rows": outcome_rows,
            "font_size": font_size,
            "fonts": pdf_font_faces() if fonts is None else fonts,
        },
    )


def render_contribution(context: dict[str, Any]) -> Any:
    """The laid-out WeasyPrint document, one page: the first step of FIT_STEPS that fits,
    else the last step's first page (only an Order Form with a great many long outcomes
    gets there)."""
    # WeasyPrint loads Pango and its fonts: imported when a PDF is made, not at start-up.
    from weasyprint import HTML

    fonts = pdf_font_faces()
    # The document loads its font files and nothing else: no other file, no network,
    # whatever the text says.
    fetcher = pdf_url_fetcher(fonts)
    document = None
    for font_size, limit in FIT_STEPS:
        html = contribution_html(context, font_size=font_size, text_limit=limit, fonts=fonts)
        document = HTML(string=html, url_fetcher=fetcher).render()
        if len(document.pages) == 1:
            return document
    if document is None:
        raise RuntimeError("FIT_STEPS is empty: there is no size to lay the contribution out at.")
    return document.copy(document.pages[:1])


def contribution_pdf(*, meeting: Meeting, today: date | None = None) -> bytes:
    """The contribution document as PDF bytes (A4, one page)."""
    document = render_contribution(contribution_context(meeting=meeting, today=today))
    pdf: bytes = document.write_pdf()
    return pdf


def meeting_contribution_export(*, actor: User, meeting: Meeting) -> ContributionFile:
    """Produce the contribution PDF for a meeting ``actor`` has fetched through
    ``meeting_get_for_user``.

    Side effects: an audit event ``meeting.contribution_exported`` (R14: every export is
    attributable), written before the file is handed over.
    """
    content = contribution_pdf(meeting=meeting)
    filename = contribution_filename(meeting)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="meeting.contribution_exported",
            subject=meeting,
            young_person=meeting.agreement.young_person,
            after={"filename": filename, "bytes": len(content), "at": timezone.now().isoformat()},
        )
    return ContributionFile(filename=filename, content=content)
