"""The OpenAPI schema and the docs page, served with no CDN and no inline script."""

from __future__ import annotations

import re
from io import StringIO

import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)


def test_schema_generates_without_warnings(tmp_path):
    path = tmp_path / "schema.yml"

    call_command("spectacular", "--fail-on-warn", "--file", str(path), stderr=StringIO())

    schema = yaml.safe_load(path.read_text())
    assert schema["components"]["securitySchemes"]["tokenAuth"] == {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": 'An API token from `manage.py create_api_token`, sent as "Token <token>".',
    }
    assert sorted(schema["paths"]) == [
        "/api/v1/agreements/",
        "/api/v1/agreements/{public_id}/",
        "/api/v1/assignments/",
        "/api/v1/assignments/{public_id}/",
        "/api/v1/assignments/{public_id}/reject/",
        "/api/v1/assignments/{public_id}/substitute/",
        "/api/v1/contacts/",
        "/api/v1/contacts/{public_id}/",
        "/api/v1/destinations/",
        "/api/v1/destinations/{public_id}/",
        "/api/v1/indicator-readings/",
        "/api/v1/indicator-readings/{public_id}/",
        "/api/v1/measures/",
        "/api/v1/measures/{public_id}/",
        "/api/v1/meetings/",
        "/api/v1/meetings/{public_id}/",
        "/api/v1/missing-episodes/",
        "/api/v1/missing-episodes/{public_id}/",
        "/api/v1/missing-episodes/{public_id}/close/",
        "/api/v1/order-forms/",
        "/api/v1/order-forms/{public_id}/",
        "/api/v1/order-forms/{public_id}/accept/",
        "/api/v1/order-forms/{public_id}/decline/",
        "/api/v1/outcome-reviews/",
        "/api/v1/outcome-reviews/{public_id}/",
        "/api/v1/outcomes/",
        "/api/v1/outcomes/{public_id}/",
        "/api/v1/qualifications/",
        "/api/v1/qualifications/{public_id}/",
        "/api/v1/sessions/",
        "/api/v1/sessions/{public_id}/",
        "/api/v1/sessions/{public_id}/transition/",
        "/api/v1/young-people/",
        "/api/v1/young-people/{public_id}/",
    ]


def test_schema_is_served(client, db):
    response = client.get("/api/v1/schema/")

    assert response.status_code == 200
    assert yaml.safe_load(response.content)["info"]["title"] == "Waymark API"


def test_docs_page_loads_everything_from_this_server_with_no_inline_script(client, db):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert INLINE_SCRIPT.search(html) is None
    assert "<style" not in html
    assert "http://" not in html and "https://" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    csp = response["Content-Security-Policy"]
    assert "script-src 'self';" in csp + ";"
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp


def test_docs_start_up_script_is_served_as_a_file(client, db):
    response = client.get("/api/v1/docs/?script=")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in response.content
    assert b'"/api/v1/schema/"' in response.content


def test_swagger_ui_files_are_shipped_as_static_files():
    for name in (
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
        "api/swagger_ui.css",
    ):
        assert finders.find(name) is not None, name


def test_api_answers_json_even_to_a_browser(world, client_for):
    response = client_for(world.manager_a).get("/api/v1/agreements/", HTTP_ACCEPT="text/html,*/*;q=0.8")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_api_root_lists_the_resources(world, client_for):
    response = client_for(world.manager_a).get("/api/v1/")

    assert response.status_code == 200
    assert sorted(response.json()) == [
        "agreements",
        "assignments",
        "contacts",
        "destinations",
        "indicator-readings",
        "measures",
        "meetings",
        "missing-episodes",
        "order-forms",
        "outcome-reviews",
        "outcomes",
        "qualifications",
        "sessions",
        "young-people",
    ]
