"""``python -m calculator export`` when the files cannot be written (issue 24): exit 2 with the path and the reason,
no traceback, nothing half-written left under a file's name, and an empty ``--out`` refused."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from calculator.__main__ import main

SCENARIO_FILE = "seed-200-person-organization-scenario.json"


def _export(out: str, capsys, *formats: str) -> tuple[int, str, str]:
    status = main(["export", "--preset", "seed-200-person-org", "--out", out,
                   "--formats", ",".join(formats or ["json"])])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_a_directory_where_a_file_goes(tmp_path, capsys):
    """A directory named like the scenario file: IsADirectoryError's traceback before; now one line, exit 2,
    and the directory as it was (no stray temporary file beside it)."""
    (tmp_path / SCENARIO_FILE).mkdir()
    status, out, err = _export(str(tmp_path), capsys)
    assert status == 2 and out == ""
    assert err == f"--out: cannot write {tmp_path / SCENARIO_FILE}: Is a directory\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [SCENARIO_FILE]
    assert (tmp_path / SCENARIO_FILE).is_dir()


@pytest.mark.skipif(not Path("/proc/sys/kernel").is_dir(), reason="needs Linux's /proc")
def test_an_out_directory_that_takes_no_file(capsys):
    """/proc/sys/kernel exists and is a directory, but no file can be made in it (even as root): refused before
    anything is built, with the reason."""
    status, out, err = _export("/proc/sys/kernel", capsys)
    assert status == 2 and out == ""
    assert err.startswith("--out: cannot write into /proc/sys/kernel: ") and err.count("\n") == 1


def test_a_write_that_fails_midway_leaves_no_file_under_its_name(tmp_path, capsys, monkeypatch):
    """The disk fills up while the second file is written: the first stays whole (and is listed), the second is
    not left half-written under its name, nor as a temporary file; the message says how far it got."""
    real = os.replace
    calls = []

    def full_disk(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", full_disk)
    status, out, err = _export(str(tmp_path), capsys, "csv")
    first, second = (Path(p).name for p in calls)
    assert status == 2
    assert out == f"{tmp_path / first}\n"
    assert err == f"--out: cannot write {tmp_path / second}: No space left on device (1 file of 2 written before it)\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [first]


def test_an_empty_out_is_refused(tmp_path, capsys, monkeypatch):
    """``--out ""`` wrote into the working directory."""
    monkeypatch.chdir(tmp_path)
    status, out, err = _export("", capsys)
    assert status == 2 and out == ""
    assert err == "--out: must name a directory, got an empty path\n"
    assert list(tmp_path.iterdir()) == []
