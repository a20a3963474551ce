"""Issue 22 item 2: every text of the deck fits its box at the slide's size, as LibreOffice draws it.

The meeting walk's deck ran slide 2's headline sentence behind the table and slide 5's sentence off the bottom of
the slide (text boxes set to grow, so PowerPoint overflowed too). Here each deck is drawn by LibreOffice
(``soffice --convert-to pdf``) and each text box, title and table is measured on its own: a copy of its slide
holding only that shape is drawn too, the page is rasterized (``pdftoppm``) and the extent of everything drawn
(the ink) must lie inside the shape's box. The boxes of one slide (pictures included) must not overlap and must lie
on the slide, so text inside its box covers nothing.

Needs LibreOffice Impress, poppler's pdftoppm and the Carlito font (Calibri's metric twin, the deck's font as
LibreOffice draws it); scripts/test.sh installs them. Without them the test skips (fails under CI's
REQUIRE_LIBREOFFICE=1).
"""

from __future__ import annotations

import copy
import dataclasses
import io
import os
import shutil
import subprocess
from itertools import combinations
from pathlib import Path

import pytest
from PIL import Image
from planner_cases import six_teams
from pptx import Presentation
from pptx.util import Emu

from calculator import export, load_preset, presets
from calculator.editing import edit
from calculator.export.textfit import EMU_PER_INCH

DPI = 50
TOLERANCE_PX = 2  # 0.04 in: anti-aliasing at the box's edge
WALK = six_teams()
LONG = "Regional operations, finance and customer-facing teams in the northern business unit"


def _long_names():
    """Every name at its longest kind: a 200-character scenario name, long team names, a long takeaway."""
    scenario = edit(WALK, {f"cohorts[{i}].name": f"{LONG} {i + 1}" for i in range(len(WALK.cohorts))})
    return dataclasses.replace(scenario, name=(LONG + " " + LONG + " 2027 plan")[:200].strip())


CASES = {
    "walk": WALK,  # the six-team plan of the meeting walk
    "starter": load_preset(presets.DEFAULT_PRESET),
    "seed": load_preset("seed-200-person-org"),
    # A 2-month horizon: every team's spend past it is a warning, so the deck has a warnings slide.
    "warnings": edit(WALK, {"finance.horizon_months": 2}),
    "long": _long_names(),
}


def _tools() -> tuple[str, str]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    impress = soffice and any(Path(soffice).resolve().parent.glob("libsdlo.so"))
    carlito = subprocess.run(["fc-list", ":family=Carlito"], capture_output=True, text=True).stdout.strip() \
        if shutil.which("fc-list") else ""
    missing = [name for name, ok in (("LibreOffice Impress (libreoffice-impress-nogui)", impress),
                                     ("pdftoppm (poppler-utils)", pdftoppm),
                                     ("the Carlito font (fonts-crosextra-carlito)", carlito)) if not ok]
    if missing:
        if os.environ.get("REQUIRE_LIBREOFFICE") == "1":
            pytest.fail(f"required (REQUIRE_LIBREOFFICE=1) but not installed: {', '.join(missing)}")
        pytest.skip(f"cannot draw the deck: {', '.join(missing)} not installed")
    return soffice, pdftoppm


@dataclasses.dataclass(frozen=True)
class Probe:
    case: str
    slide: int  # 1-based, as a person counts slides
    shape: str
    text: str
    box: tuple[float, float, float, float]  # left, top, right, bottom in pixels at DPI


def _px(emu: int) -> float:
    return emu / EMU_PER_INCH * DPI


def _box(shape) -> tuple[float, float, float, float]:
    return (_px(shape.left), _px(shape.top), _px(shape.left + shape.width), _px(shape.top + shape.height))


def _with_probes(case: str, data: bytes) -> tuple[bytes, int, list[Probe]]:
    """The deck followed by one slide per text shape, each holding only that shape (on its slide's layout, so a
    title keeps the layout's style)."""
    deck = Presentation(io.BytesIO(data))
    slides = list(deck.slides)
    probes = []
    for number, slide in enumerate(slides, start=1):
        for shape in slide.shapes:
            text = shape.text_frame.text if shape.has_text_frame else \
                " | ".join(c.text for row in shape.table.rows for c in row.cells) if shape.has_table else ""
            if not text.strip():
                continue
            probe = deck.slides.add_slide(slide.slide_layout)
            tree = probe.shapes._spTree
            for element in list(tree)[2:]:  # the layout's placeholders; keep the group's own properties
                tree.remove(element)
            tree.append(copy.deepcopy(shape._element))
            probes.append(Probe(case, number, shape.name, text, _box(shape)))
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue(), len(slides), probes


def _ink(page: Image.Image) -> tuple[int, int, int, int] | None:
    """The bounding box of everything drawn on a page (anything not white)."""
    grey = page.convert("L").point(lambda v: 255 if v < 245 else 0)
    return grey.getbbox()


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    """Every case's deck and its probes, drawn by LibreOffice in one run and rasterized at 50 dpi."""
    soffice, pdftoppm = _tools()
    base = tmp_path_factory.mktemp("deck")
    inputs, out = base / "in", base / "out"
    inputs.mkdir()
    layouts = {}
    for case, scenario in CASES.items():
        data = export.deck_pptx(export.Export.of(scenario))
        probed, slides, probes = _with_probes(case, data)
        (inputs / f"{case}.pptx").write_bytes(probed)
        layouts[case] = (data, slides, probes)
    command = [soffice, f"-env:UserInstallation={(base / 'profile').as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out), *sorted(map(str, inputs.glob("*.pptx")))]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    pages = {}
    for case in CASES:
        subprocess.run([pdftoppm, "-r", str(DPI), "-png", str(out / f"{case}.pdf"), str(out / case)], check=True,
                       timeout=300)
        pages[case] = [Image.open(p) for p in sorted(out.glob(f"{case}-*.png"))]
        if os.environ.get("DECK_SHOTS"):  # look at the decks: DECK_SHOTS=dir keeps the drawn slides
            shots = Path(os.environ["DECK_SHOTS"])
            shots.mkdir(parents=True, exist_ok=True)
            subprocess.run([pdftoppm, "-r", "60", "-png", "-l", str(layouts[case][1]), str(out / f"{case}.pdf"),
                            str(shots / case)], check=True, timeout=300)
    return layouts, pages


@pytest.mark.parametrize("case", list(CASES))
def test_every_text_lies_inside_its_box(drawn, case):
    """The ink of each text shape, drawn alone, lies inside the shape's box (to 0.04 in)."""
    layouts, pages = drawn
    data, slides, probes = layouts[case]
    assert len(pages[case]) == slides + len(probes)
    width, height = pages[case][0].size
    assert (width, height) == (round(13.333 * DPI), round(7.5 * DPI))  # 16:9, 13.333 x 7.5 in
    outside = []
    for probe, page in zip(probes, pages[case][slides:]):
        ink = _ink(page)
        assert ink is not None, f"slide {probe.slide}, {probe.shape}: nothing drawn for {probe.text[:60]!r}"
        left, top, right, bottom = probe.box
        if (ink[0] < left - TOLERANCE_PX or ink[1] < top - TOLERANCE_PX or ink[2] > right + TOLERANCE_PX
                or ink[3] > bottom + TOLERANCE_PX):
            outside.append(f"slide {probe.slide}, {probe.shape}: drawn {ink}, box {tuple(round(v) for v in probe.box)}"
                           f" ({probe.text[:70]!r})")
    assert not outside, "\n".join(outside)


@pytest.mark.parametrize("case", list(CASES))
def test_the_boxes_of_a_slide_lie_on_it_and_do_not_overlap(drawn, case):
    """So a text inside its box covers nothing: boxes (pictures included) are on the slide and apart."""
    data = drawn[0][case][0]
    deck = Presentation(io.BytesIO(data))
    problems = []
    for number, slide in enumerate(deck.slides, start=1):
        shapes = [s for s in slide.shapes if s.has_table or s.shape_type == 13
                  or (s.has_text_frame and s.text_frame.text.strip())]
        for shape in shapes:
            if shape.left < 0 or shape.top < 0 or shape.left + shape.width > deck.slide_width \
                    or shape.top + shape.height > deck.slide_height:
                problems.append(f"slide {number}: {shape.name} off the slide")
        for a, b in combinations(shapes, 2):
            if (a.left < b.left + b.width - Emu(9144) and b.left < a.left + a.width - Emu(9144)
                    and a.top < b.top + b.height - Emu(9144) and b.top < a.top + a.height - Emu(9144)):
                problems.append(f"slide {number}: {a.name} and {b.name} overlap")
    assert not problems, "\n".join(problems)


def test_every_slide_has_speaker_notes_with_the_sources():
    """Each slide's notes say what it shows and end with where the figures come from (each key assumption's
    source), so a presenter can answer "where is that from?" from the notes."""
    from calculator.export.deck import sources_note

    ex = export.Export.of(WALK)
    deck = Presentation(io.BytesIO(export.deck_pptx(ex)))
    sources = sources_note(ex)
    assert "Loaded hourly cost" in sources and "Price: coaching" in sources
    for number, slide in enumerate(deck.slides, start=1):
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.endswith(sources), f"slide {number}: {notes[:80]!r}"
