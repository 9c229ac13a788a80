from typing import Any

from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict[str, Any]:
    """The service name and whether sign-in requires a second factor."""
    return {
        "service_name": settings.WAYMARK_SERVICE_NAME,
        "mfa_required": settings.WAYMARK_REQUIRE_MFA,
    }
