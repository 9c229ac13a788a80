"""The OpenAPI schema and Swagger UI, served from this server only.

Swagger UI's files come from ``drf-spectacular-sidecar`` (no CDN), and the split view
loads its start-up script as a separate file, so the page needs no inline script and the
site-wide Content-Security-Policy holds unchanged. The template drops drf-spectacular's
inline ``<style>`` for a stylesheet of ours.
"""

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema (YAML by default; ``?format=json`` for JSON)."""


class DocsView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    title = "Waymark API"
