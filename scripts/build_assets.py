#!/usr/bin/env python3
"""Copy the front-end packages from node_modules/ into static_build/.

static_build/ is in STATICFILES_DIRS, so ``collectstatic`` (and WhiteNoise's manifest
storage) picks the files up from there. No Sass build is needed: both design systems
ship compiled, minified CSS and ES-module JS.

What is copied:

- govuk-frontend: the minified CSS and JS (with source maps) and the non-brand parts
  of ``assets/``. The GDS Transport font files and the crown / GOV.UK logo images are
  for GOV.UK services only and are left out; the CSS rules that point at them are
  rewritten so nothing refers to a missing file.
- @ministryofjustice/frontend: the minified CSS and JS (with source maps) and its
  icon images (again without crown, crest and MOJ logo images).
- htmx.org: ``htmx.min.js``.
- @fontsource/arimo: Arimo's Latin and Latin Extended subsets (regular, bold, italic,
  bold italic) as WOFF2, with the licence (SIL OFL 1.1), under ``arimo/``. Arimo has
  Arial's metrics; the meeting contribution PDF embeds it, so every machine lays the PDF
  out the same whatever fonts it has (see ``waymark/contacts/meeting_documents.py``).

``url(/assets/...)`` in the compiled CSS is rewritten to a relative ``url(assets/...)``
so that it resolves under ``/static/`` and the manifest storage hashes the target.

Standard library only. Run from anywhere: ``python scripts/build_assets.py``.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
OUT = ROOT / "static_build"

GOVUK = NODE_MODULES / "govuk-frontend" / "dist" / "govuk"
MOJ = NODE_MODULES / "@ministryofjustice" / "frontend" / "moj"
HTMX = NODE_MODULES / "htmx.org" / "dist"
ARIMO = NODE_MODULES / "@fontsource" / "arimo"
# The Arimo files the contribution PDF loads: keep in step with PDF_FONTS and
# PDF_FONT_SUBSETS in waymark/contacts/meeting_documents.py.
ARIMO_FILES = tuple(
    f"arimo-{subset}-{weight}-{style}.woff2"
    for subset in ("latin", "latin-ext")
    for weight in (400, 700)
    for style in ("normal", "italic")
)

# Brand images that belong to GOV.UK / the Ministry of Justice, never to this service.
BRAND_IMAGE = re.compile(r"(favicon|crown|crest|govuk-(icon|logo|opengraph)|moj-(logotype|apple-touch|opengraph))")

FONT_STACK = "arial,helvetica,sans-serif"
# "GDS Transport,arial,sans-serif" (the minifier drops the quotes).
BRAND_FONT_FAMILY = re.compile(r"""(["']?)GDS Transport\1\s*,\s*arial\s*,\s*sans-serif""", re.IGNORECASE)
FONT_FACE = re.compile(r"@font-face\s*{[^}]*}")
ASSET_URL = re.compile(r"""url\((["']?)/assets/""")
CREST_IMAGE = re.compile(r"""url\((["']?)/assets/images/govuk-crest\.svg\1\)""")


def _copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dest)


def _copy_images(src_dir: Path, dest_dir: Path) -> list[str]:
    """Copy every image that is not a brand image; return the names copied."""
    copied = []
    for image in sorted(src_dir.iterdir()):
        if image.is_file() and not BRAND_IMAGE.search(image.name):
            _copy(image, dest_dir / image.name)
            copied.append(image.name)
    return copied


def _rewrite_css(text: str) -> str:
    """Drop the brand font and crest, make asset URLs relative."""
    text = FONT_FACE.sub("", text)
    text = BRAND_FONT_FAMILY.sub(FONT_STACK, text)
    # The crest is only drawn by the footer's Crown copyright link, which we never use.
    text = CREST_IMAGE.sub("none", text)
    text = ASSET_URL.sub(lambda m: f"url({m.group(1)}assets/", text)
    if "/assets/fonts/" in text or "GDS Transport" in text:
        raise SystemExit("build_assets: a reference to the GDS Transport font is left in the CSS")
    return text


def _write_css(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(_rewrite_css(src.read_text(encoding="utf-8")), encoding="utf-8")
    _copy(src.with_name(src.name + ".map"), dest.with_name(dest.name + ".map"))


def _check_refs(css: Path) -> None:
    """Every relative url() in the CSS must point at a file we copied."""
    for ref in re.findall(r"""url\(["']?(assets/[^"')]+)""", css.read_text(encoding="utf-8")):
        if not (css.parent / ref).is_file():
            raise SystemExit(f"build_assets: {css.name} refers to {ref}, which was not copied")


def build() -> None:
    for package in (GOVUK, MOJ, HTMX, ARIMO):
        if not package.is_dir():
            raise SystemExit(f"build_assets: {package} is missing; run `npm ci` first")

    if OUT.exists():
        shutil.rmtree(OUT)

    # GOV.UK Frontend
    govuk_out = OUT / "govuk"
    _write_css(GOVUK / "govuk-frontend.min.css", govuk_out / "govuk-frontend.min.css")
    for name in ("govuk-frontend.min.js", "govuk-frontend.min.js.map"):
        _copy(GOVUK / name, govuk_out / name)
    images = _copy_images(GOVUK / "assets" / "images", govuk_out / "assets" / "images")
    # The web app manifest lists icons; keep only those that were copied (none are
    # left today, as every GOV.UK icon is a crown) and skip the file when it is empty.
    manifest = json.loads((GOVUK / "assets" / "manifest.json").read_text(encoding="utf-8"))
    manifest["icons"] = [i for i in manifest.get("icons", []) if i["src"].removeprefix("images/") in images]
    if manifest["icons"]:
        (govuk_out / "assets" / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    _check_refs(govuk_out / "govuk-frontend.min.css")

    # MOJ Frontend
    moj_out = OUT / "moj"
    _write_css(MOJ / "moj-frontend.min.css", moj_out / "moj-frontend.min.css")
    for name in ("moj-frontend.min.js", "moj-frontend.min.js.map"):
        _copy(MOJ / name, moj_out / name)
    _copy_images(MOJ / "assets" / "images", moj_out / "assets" / "images")
    _check_refs(moj_out / "moj-frontend.min.css")

    # htmx
    _copy(HTMX / "htmx.min.js", OUT / "htmx" / "htmx.min.js")

    # Arimo, for the PDFs
    for name in ARIMO_FILES:
        _copy(ARIMO / "files" / name, OUT / "arimo" / name)
    _copy(ARIMO / "LICENSE", OUT / "arimo" / "LICENSE")

    count = sum(1 for p in OUT.rglob("*") if p.is_file())
    print(f"build_assets: {count} files in {OUT.relative_to(ROOT)}/")  # noqa: T201


if __name__ == "__main__":
    build()
    sys.exit(0)
