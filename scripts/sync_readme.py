"""Write the methodology's rules in short (calculator/methodology.py) into README.md.

    python scripts/sync_readme.py           # rewrite the block between README's methodology markers
    python scripts/sync_readme.py --check   # only report: exit 1 when README's block is out of date

tests/test_methodology.py fails while README's block differs from the source.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from calculator.methodology import with_readme_block  # noqa: E402 (after the path set-up above)


def main(argv: list[str]) -> int:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    synced = with_readme_block(text)
    if synced == text:
        print("README.md: the methodology block is up to date")
        return 0
    if "--check" in argv:
        print("README.md: the methodology block differs from calculator/methodology.py; "
              "run python scripts/sync_readme.py")
        return 1
    readme.write_text(synced, encoding="utf-8")
    print("README.md: methodology block rewritten")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
