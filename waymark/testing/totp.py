"""The codes an authenticator app shows, computed here (RFC 6238), not by allauth."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time

# A base32 secret for tests, as an authenticator app would be given.
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - test-only secret


def totp_code(secret: str, at: float | None = None) -> str:
    """The 6-digit code for ``secret`` at ``at`` (now, on the test clock, by default)."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"
