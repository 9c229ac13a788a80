"""Server-rendered SVG charts: valid, accessible, and safe under the CSP."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own output in tests
from datetime import date

from waymark.core.charts import Series, describe, format_number, line_chart

SVG = "{http://www.w3.org/2000/svg}"
START = date(2026, 9, 7)


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def _chart(**overrides):
    kwargs = {
        "chart_id": "attendance",
        "title": "School attendance (%)",
        "series": [Series("Attendance", [(START, 58), (date(2026, 10, 5), 72), (date(2026, 11, 20), 84)])],
        "y_min": 0,
        "y_max": 100,
        "unit": "%",
    }
    return line_chart(**(kwargs | overrides))


def test_chart_is_valid_svg_with_a_title_and_description_it_is_labelled_by():
    root = _parse(_chart())

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "attendance-title attendance-desc"
    title, desc = root[0], root[1]
    assert (title.tag, title.get("id"), title.text) == (f"{SVG}title", "attendance-title", "School attendance (%)")
    assert (desc.tag, desc.get("id")) == (f"{SVG}desc", "attendance-desc")
    assert desc.text == (
        "Attendance: 3 values, from 58% on 7 September 2026 to 84% on 20 November 2026; lowest 58%, highest 84%."
    )


def test_chart_has_no_style_attribute_and_no_script():
    svg = _chart(series=[Series("A", [(START, 1)]), Series("B", [(START, 2), (date(2026, 9, 30), 3)], step=True)])

    assert "style=" not in svg
    assert "<script" not in svg.lower()
    assert "javascript:" not in svg.lower()
    for element in _parse(svg).iter():
        assert "style" not in element.attrib
        assert not any(name.startswith("on") for name in element.attrib)


def test_text_is_escaped():
    svg = _chart(title='<script>alert("x")</script> & more', series=[Series("A & <b>", [(START, 1)])])

    root = _parse(svg)
    assert root[0].text == '<script>alert("x")</script> & more'
    assert "<script>" not in svg
    assert "A &amp; &lt;b&gt;" in svg


def test_each_point_has_a_marker_with_its_value():
    root = _parse(_chart())

    tips = [t.text for t in root.iter(f"{SVG}title")][1:]
    assert tips == [
        "Attendance, 7 Sep 2026: 58%",
        "Attendance, 5 Oct 2026: 72%",
        "Attendance, 20 Nov 2026: 84%",
    ]


def test_line_and_step_series_are_drawn_differently():
    line = _parse(_chart())
    step = _parse(_chart(series=[Series("Moves", [(START, 0), (date(2026, 10, 5), 1)], step=True)], unit="moves"))

    line_path = next(line.iter(f"{SVG}path")).get("d")
    step_path = next(step.iter(f"{SVG}path")).get("d")
    assert "L" in line_path and "V" not in line_path
    assert "H" in step_path and "V" in step_path and "L" not in step_path


def test_several_series_get_a_legend_and_distinct_dashes():
    svg = _chart(
        series=[
            Series("Life satisfaction", [(START, 6)]),
            Series("Worthwhile", [(START, 7)]),
            Series("Anxiety", [(START, 3)]),
        ],
        y_max=10,
    )

    root = _parse(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"Life satisfaction", "Worthwhile", "Anxiety"} <= set(texts)
    dashes = {line.get("stroke-dasharray") for line in root.iter(f"{SVG}line") if line.get("stroke-width") == "2.5"}
    assert len(dashes) == 3


def test_values_outside_the_axis_are_clamped_to_it():
    root = _parse(_chart(series=[Series("A", [(START, 150), (date(2026, 9, 30), -5)])]))

    ys = [float(c.get("cy")) for c in root.iter(f"{SVG}circle")]
    assert min(ys) >= 16
    assert max(ys) <= 260 - 40


def test_an_empty_chart_says_so():
    svg = _chart(series=[Series("Attendance", [])])

    root = _parse(svg)
    assert "No values recorded yet" in [t.text for t in root.iter(f"{SVG}text")]
    assert root[1].text == "Attendance: no values recorded."


def test_describe_and_numbers():
    assert describe([Series("Rating", [(START, 4)])]) == "Rating: one value, 4 on 7 September 2026."
    assert format_number(20.730) == "20.73"
    assert format_number(7.0) == "7"
