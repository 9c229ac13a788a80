"""The one-page contribution PDF for a meeting: what it says, that it is one A4 page in
the bundled Arimo font on any machine, that markup stays text, that its filename carries
no name, and that exports are audited."""

import os
import pickle
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse

from waymark.audit.models import AuditEvent
from waymark.meetings import documents
from waymark.meetings.documents import (
    SHORTENED,
    contribution_context,
    contribution_filename,
    contribution_html,
    contribution_pdf,
    pdf_font_faces,
    pdf_url_fetcher,
    render_contribution,
)
from waymark.organisations.models import same_scope_as
from waymark.outcomes.models import Outcome, OutcomeReview
from waymark.testing.factories import ContactFactory
from waymark.testing.meeting_factories import MeetingFactory
from waymark.testing.pdf import document_text, pdf_font_names, pdf_page_count

LONDON = ZoneInfo("Europe/London")
MARKUP = '<script>alert("x")</script><b>bold</b> & <img src="file:///etc/passwd">'
A4_POINTS = (595.28, 841.89)
# The bundled Arimo as WeasyPrint names it in the PDF: regular, bold (headings, labels)
# and italic ("Not rated yet").
ARIMO = {"Arimo", "Arimo-Bold", "Arimo-Italic"}
# Renders a pickled contribution context to a PDF file in a fresh process, so that
# fontconfig reads FONTCONFIG_FILE when it starts. Any database query is an error: the
# context already holds everything the document shows.
RENDER_IN_A_FRESH_PROCESS = """
import pickle, sys
from django.conf import settings
settings.DATABASES = {"default": {"ENGINE": "django.db.backends.dummy"}}
import django
django.setup()
from weasyprint.text.ffi import ffi, fontconfig
from waymark.meetings.documents import render_contribution

system_fonts = fontconfig.FcConfigGetFonts(fontconfig.FcInitLoadConfigAndFonts(), fontconfig.FcSetSystem)
print("system fonts:", 0 if system_fonts == ffi.NULL else system_fonts.nfont)
context = pickle.load(sys.stdin.buffer)
with open(sys.argv[1], "wb") as pdf:
    pdf.write(render_contribution(context).write_pdf())
"""


def _contact(world, day, outcome="made"):
    return ContactFactory(
        agreement=world.agreement_a,
        author=world.mentor_a,
        outcome=outcome,
        occurred_at=datetime.combine(day, time(16, 0), tzinfo=LONDON),
    )


def _review(world, outcome, day, rating, evidence):
    return OutcomeReview.objects.create(
        outcome=outcome,
        **same_scope_as(outcome),
        reviewed_on=day,
        rating=rating,
        evidence=evidence,
        author=world.mentor_a,
    )


@pytest.fixture
def meeting(world):
    return MeetingFactory(
        agreement=world.agreement_a,
        author=world.mentor_a,
        held_on=date(2026, 11, 20),
        engagement="Arrives on time and stays for the hour.",
        young_person_views="Wants to keep going to football club.",
        recommended_actions="School to set up a maths catch-up group.",
    )


@pytest.fixture
def record(world, meeting):
    """Contacts around the meeting and two outcomes, one reviewed three times."""
    _contact(world, date(2026, 7, 30))  # before the agreement and the term: never counted
    _contact(world, date(2026, 9, 10))
    _contact(world, date(2026, 10, 2))
    _contact(world, date(2026, 10, 9), outcome="attempted")
    _contact(world, date(2026, 11, 23))  # after the meeting
    attend = Outcome.objects.create(
        order_form=world.order_form_a,
        **same_scope_as(world.order_form_a),
        description="Attend school every day",
        position=1,
    )
    Outcome.objects.create(
        order_form=world.order_form_a, **same_scope_as(world.order_form_a), description="Join a club", position=2
    )
    _review(world, attend, date(2026, 9, 14), 2, "Missed most of the first week.")
    _review(world, attend, date(2026, 10, 19), 5, "In school three days a week.")
    _review(world, attend, date(2026, 11, 18), 7, "In school four days most weeks.")
    _review(world, attend, date(2026, 11, 24), 9, "After the meeting: must not show.")


def test_contribution_says_what_the_record_holds(world, meeting, record):
    text = document_text(render_contribution(contribution_context(meeting=meeting, today=date(2026, 11, 25))))

    assert "Brightpath Mentoring · mentoring service" in text
    assert "Contribution to the Personal Education Plan (PEP) review" in text
    assert "Young person Tamsin Quillfeather" in text
    assert "Council Northshire County Council" in text
    assert "Meeting 20 November 2026" in text
    assert "Term Autumn term 2026" in text
    assert "Our part Contributed in writing" in text
    assert (
        "From our record: 2 contacts made and 1 attempted between 7 September 2026 and 20 November 2026. "
        "Last contact made: 2 October 2026." in text
    )
    assert "Arrives on time and stays for the hour." in text
    assert (
        "Attend school every day 2/10 14 September 2026 7/10 18 November 2026 In school four days most weeks." in text
    )
    assert "Join a club Not rated yet" in text
    assert "must not show" not in text
    assert "Wants to keep going to football club." in text
    assert "School to set up a maths catch-up group." in text
    assert "Written by Alys Mentor-Brightpath, Brightpath Mentoring" in text
    assert "Produced from Waymark on 25 November 2026." in text
    assert "OFFICIAL-SENSITIVE" in text


def test_contribution_is_one_a4_page_of_pdf_in_an_arial_compatible_font(meeting, record):
    pdf = contribution_pdf(meeting=meeting)
    document = render_contribution(contribution_context(meeting=meeting))

    assert pdf.startswith(b"%PDF-")
    assert pdf_page_count(pdf) == 1
    assert len(document.pages) == 1
    assert (round(document.pages[0].width * 0.75, 2), round(document.pages[0].height * 0.75, 2)) == A4_POINTS
    assert pdf_font_names(pdf) == ARIMO


def test_letters_beyond_latin_1_are_in_arimo_too(world, meeting):
    """Polish, Romanian and Welsh letters come from Arimo's Latin Extended file, not from
    whatever font the machine would fall back to (DejaVu Sans, Liberation Sans)."""
    world.yp_a.preferred_name = "Łucja"
    world.yp_a.save()
    meeting.young_person_views = "Wants to join Ştefan's club in Llanfair-ym-Muallt: ŵ, ŷ."
    meeting.save()
    meeting.refresh_from_db()

    document = render_contribution(contribution_context(meeting=meeting))

    assert "Young person Łucja Quillfeather" in document_text(document)
    assert "Ştefan's club in Llanfair-ym-Muallt: ŵ, ŷ." in document_text(document)
    assert pdf_font_names(document.write_pdf()) == ARIMO


def test_contribution_is_in_arimo_on_a_machine_with_no_fonts(meeting, record, tmp_path):
    """Fontconfig sees an empty font folder, as on a bare server: the PDF is still one
    page, in the bundled Arimo only."""
    context = contribution_context(meeting=meeting)
    contribution_html(context)  # loads every related object the template reads
    (tmp_path / "fonts").mkdir()
    fonts_conf = tmp_path / "fonts.conf"
    fonts_conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig><dir>{tmp_path / 'fonts'}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    pdf_path = tmp_path / "contribution.pdf"

    result = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", RENDER_IN_A_FRESH_PROCESS, str(pdf_path)],
        input=pickle.dumps(context),
        capture_output=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "FONTCONFIG_FILE": str(fonts_conf), "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert result.stdout.decode().splitlines() == ["system fonts: 0"]
    pdf = pdf_path.read_bytes()
    assert pdf_page_count(pdf) == 1
    assert pdf_font_names(pdf) == ARIMO


def test_the_pdf_loads_its_own_font_files_and_nothing_else():
    fonts = pdf_font_faces()
    fetcher = pdf_url_fetcher(fonts)
    font_file = fonts[0].path

    assert len(fonts) == 8  # regular, bold, italic, bold italic; Latin and Latin Extended
    assert all(face.path.parent.name == "arimo" and face.path.suffix == ".woff2" for face in fonts)
    assert fetcher(fonts[0].url).read(4) == b"wOF2"
    for url in (
        "file:///etc/passwd",
        font_file.with_name("LICENSE").as_uri(),
        f"file://example.org{font_file}",
        "http://127.0.0.1/",
        "data:text/plain,x",
    ):
        with pytest.raises(ValueError, match="loads only its own font files"):
            fetcher(url)


def test_markup_in_the_record_is_text_in_the_pdf(world, meeting):
    meeting.young_person_views = MARKUP
    meeting.save()
    outcome = Outcome.objects.create(
        order_form=world.order_form_a,
        **same_scope_as(world.order_form_a),
        description="<i>Attend</i> school",
        position=1,
    )
    _review(world, outcome, date(2026, 10, 1), 4, "<u>Better</u>")
    context = contribution_context(meeting=meeting)

    html = contribution_html(context)
    text = document_text(render_contribution(context))

    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; &amp; &lt;img" in html
    assert "<script>" not in html and "<img" not in html and "<u>" not in html
    assert MARKUP in text
    assert "<i>Attend</i> school" in text
    assert "<u>Better</u>" in text


def test_the_longest_contribution_still_fits_one_page_and_says_it_was_shortened(world, meeting):
    words = "word " * 800
    for name in ("engagement", "progress", "young_person_views", "recommended_actions"):
        setattr(meeting, name, words[:4000].strip())
    meeting.save()
    for n in range(6):
        outcome = Outcome.objects.create(
            order_form=world.order_form_a,
            **same_scope_as(world.order_form_a),
            description="An outcome " * 20,
            position=n,
        )
        _review(world, outcome, date(2026, 10, 1), 3, words[:4000].strip())
        _review(world, outcome, date(2026, 11, 1), 6, words[:4000].strip())

    document = render_contribution(contribution_context(meeting=meeting))
    pdf, text = document.write_pdf(), document_text(document)

    assert pdf_page_count(pdf) == 1
    assert SHORTENED.strip() in text
    assert "Recommended actions" in text
    assert "Written by Alys Mentor-Brightpath" in text  # nothing fell off the page


def test_a_short_contribution_is_not_shortened(meeting, record):
    text = document_text(render_contribution(contribution_context(meeting=meeting)))

    assert SHORTENED.strip() not in text


def test_contribution_counts_are_the_same_for_the_virtual_school(world, meeting, record, client_for):
    """The council reads counts, never notes: the summary does not depend on who asks."""
    html = client_for(world.vs_x).get(reverse("meetings:detail", args=[meeting.public_id])).content.decode()

    assert "2 made, 1 attempted between 7 September 2026 and 20 November 2026" in html


@pytest.mark.parametrize(
    ("meeting_type", "expected"),
    [
        ("pep", "pep-contribution-tq-2026-11-20.pdf"),
        ("lac_review", "lac-review-contribution-tq-2026-11-20.pdf"),
        ("tac", "tac-contribution-tq-2026-11-20.pdf"),
        ("other", "meeting-contribution-tq-2026-11-20.pdf"),
    ],
)
def test_filename_has_initials_never_the_name(meeting, meeting_type, expected):
    meeting.meeting_type = meeting_type

    assert contribution_filename(meeting) == expected


def test_filename_uses_the_preferred_name_and_plain_letters(world, meeting):
    world.yp_a.preferred_name = "Élan"
    world.yp_a.save()
    meeting.refresh_from_db()

    assert contribution_filename(meeting) == "pep-contribution-eq-2026-11-20.pdf"


@pytest.mark.parametrize("name", ["mentor_a", "manager_a", "dsl_a", "vs_x"])
def test_download_is_an_audited_pdf_attachment(world, meeting, client_for, name):
    response = client_for(world.personas[name]).get(reverse("meetings:pdf", args=[meeting.public_id]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="pep-contribution-tq-2026-11-20.pdf"'
    assert "Quillfeather" not in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")
    assert pdf_page_count(response.content) == 1
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(action="meeting.contribution_exported")
    assert (event.actor, event.young_person, event.subject_id) == (
        world.personas[name],
        world.yp_a,
        str(meeting.public_id),
    )
    assert event.after["filename"] == "pep-contribution-tq-2026-11-20.pdf"


@pytest.mark.parametrize("name", ["mentor_a2", "finance_a", "volunteer_a", "contract_x", "vs_y", "mentor_b"])
def test_download_hidden_from_others_and_not_audited(world, meeting, client_for, name):
    response = client_for(world.personas[name]).get(reverse("meetings:pdf", args=[meeting.public_id]))

    assert response.status_code == 404
    assert b"%PDF" not in response.content
    assert not AuditEvent.objects.filter(action="meeting.contribution_exported").exists()


@pytest.mark.parametrize("reviews", [1, 30])
def test_contribution_queries_do_not_grow_with_the_record(world, meeting, reviews, django_assert_num_queries):
    outcome = Outcome.objects.create(
        order_form=world.order_form_a, **same_scope_as(world.order_form_a), description="Attend school", position=1
    )
    for n in range(reviews):
        _review(world, outcome, date(2026, 9, 8) + timedelta(days=n), n % 11, f"Evidence {n}")
        _contact(world, date(2026, 9, 8) + timedelta(days=n))

    # contact counts (1), outcomes (1), their reviews (1)
    with django_assert_num_queries(3):
        context = contribution_context(meeting=meeting)

    assert context["contacts"].made == reviews
    assert context["outcomes"][0].latest.evidence == f"Evidence {reviews - 1}"


def test_no_size_to_lay_out_at_is_an_explicit_error(monkeypatch):
    """An explicit check, not an ``assert`` (``python -O`` strips those) (#7)."""
    monkeypatch.setattr(documents, "FIT_STEPS", [])

    with pytest.raises(RuntimeError, match=r"^FIT_STEPS is empty: there is no size to lay the contribution out at\.$"):
        render_contribution({})
