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

from .scenario import Scenario, ScenarioError, from_dict, to_dict

PAYLOAD_VERSION = "1"
MAX_PAYLOAD_CHARS = 20_000        # far above any real scenario; refuses absurd links early
MAX_DECOMPRESSED_BYTES = 2_000_000  # a small link must not inflate into a huge document


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
        raise ScenarioError([f"share link: the scenario is too long ({len(payload)} characters)"])
    version, dot, body = payload.partition(".")
    if not dot or version != PAYLOAD_VERSION:
        raise ScenarioError([f"share link: unknown link version {version!r} (this app reads version 1)"])
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_DECOMPRESSED_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            raise ValueError("incomplete or oversized")
        data = json.loads(raw.decode("utf-8"))
    except (binascii.Error, zlib.error, ValueError, UnicodeDecodeError):
        raise ScenarioError(["share link: the link is damaged or cut short (it could not be decoded)"])
    try:
        return from_dict(data)
    except ScenarioError as exc:
        raise ScenarioError([f"share link: {p}" for p in exc.problems])
