"""Encryption of short secrets kept in the database (Fernet: AES-128-CBC with HMAC-SHA256).

Keys come from ``settings.WAYMARK_FIELD_ENCRYPTION_KEY``: a list of passphrases, the
first encrypting and every one decrypting, so a key can be replaced by putting the new
one first and re-encrypting (the old one can go once nothing is encrypted with it). An
empty list uses a key derived from ``SECRET_KEY`` (the demo and tests; production
refuses to start without a key of its own).
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

__all__ = ["InvalidToken", "decrypt", "encrypt"]

_PURPOSE = b"waymark field encryption"


def _fernet(passphrase: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_PURPOSE).derive(passphrase.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def _keys() -> MultiFernet:
    passphrases = [p for p in settings.WAYMARK_FIELD_ENCRYPTION_KEY if p] or [settings.SECRET_KEY]
    return MultiFernet([_fernet(p) for p in passphrases])


def encrypt(text: str) -> str:
    return _keys().encrypt(text.encode()).decode("ascii")


def decrypt(token: str) -> str:
    """The text, or :class:`InvalidToken` when no key opens it (or it was never encrypted)."""
    return _keys().decrypt(token.encode()).decode()
