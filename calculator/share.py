"""The scenario in a link: a versioned, compressed, URL-safe payload.

``encode`` writes ``1.`` followed by URL-safe base64 of the zlib-compressed
canonical JSON; ``decode`` reverses it and validates with the same loader as a
file, so a tampered or truncated link is a ``ScenarioError`` with a reason,
never a crash.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib

from .limits import MAX_SCENARIO_BYTES
from .scenario import Scenario, ScenarioError, from_dict, parse_json, to_dict

PAYLOAD_VERSION = "1"
# The longest link this app writes or reads. Browsers and proxies cut addresses somewhere past
# 32,000 characters; a scenario of a few hundred teams exceeds this, and the app then offers the
# file instead of a link (see fits_in_link).
MAX_PAYLOAD_CHARS = 20_000
MAX_DECOMPRESSED_BYTES = MAX_SCENARIO_BYTES  # a small link must not inflate into a huge document


def encode(scenario: Scenario) -> str:
    """The share-link payload for a scenario.

    >>> from calculator import load_preset
    >>> s = load_preset("seed-200-person-org")
    >>> decode(encode(s)) == s
    True
    """
    text = json.dumps(to_dict(scenario), separators=(",", ":"), ensure_ascii=False)
    packed = zlib.compress(text.encode("utf-8"), level=9)
    return PAYLOAD_VERSION + "." + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def decode(payload: str) -> Scenario:
    """The scenario in a share-link payload; ``ScenarioError`` says why a link is unusable."""
    if not isinstance(payload, str) or not payload:
        raise ScenarioError(["share link: the link carries no scenario"])
    if len(payload) > MAX_PAYLOAD_CHARS:
        raise ScenarioError([f"share link: the link is longer than the limit of {MAX_PAYLOAD_CHARS:,} characters "
                             f"({len(payload):,}); share the scenario as a file instead"])
    version, dot, body = payload.partition(".")
    if not dot or version != PAYLOAD_VERSION:
        raise ScenarioError([f"share link: unknown link version {version!r} (this app reads version 1)"])
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_DECOMPRESSED_BYTES + 1)
        if len(raw) > MAX_DECOMPRESSED_BYTES:
            oversized = True
        elif inflater.unconsumed_tail or not inflater.eof:
            raise ValueError("incomplete")
        else:
            oversized = False
            text = raw.decode("utf-8")
    except (binascii.Error, zlib.error, ValueError, UnicodeDecodeError):
        raise ScenarioError(["share link: the link is damaged or cut short (it could not be decoded)"])
    if oversized:
        raise ScenarioError([f"share link: the scenario in the link unpacks to more than the limit of "
                             f"{MAX_DECOMPRESSED_BYTES:,} bytes"])
    data = parse_json(text, "share link")  # its messages name the link already
    try:
        return from_dict(data)
    except ScenarioError as exc:
        raise exc.prefixed("share link: ") from None


def fits_in_link(payload: str) -> bool:
    """True when a payload is short enough for :func:`decode` to read it back.

    The app writes a link only when it fits, and otherwise says so and offers the file: it never
    writes a link it would refuse.

    >>> fits_in_link("1." + "A" * 100), fits_in_link("1." + "A" * MAX_PAYLOAD_CHARS)
    (True, False)
    """
    return len(payload) <= MAX_PAYLOAD_CHARS
