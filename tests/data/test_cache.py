"""The one stamp-and-cache helper (macros/data/cache.py) that the data, the brand and local/ are read through."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from macros.data.cache import files_under, stamp, while_unchanged


def counting_loader(calls: list[Path]) -> Callable[[Path], dict[str, str]]:
    """A loader of every file in a folder that records each time it really reads."""

    @while_unchanged(lambda folder: files_under(folder))
    def load(folder: Path) -> dict[str, str]:
        calls.append(folder)
        return {p.name: p.read_text(encoding="utf-8") for p in files_under(folder)}

    return load


def test_an_unchanged_folder_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("one", encoding="utf-8")
    calls: list[Path] = []
    load = counting_loader(calls)
    first = load(tmp_path)
    assert load(tmp_path) is first and load(tmp_path) is first
    assert calls == [tmp_path], "read once while nothing changed"


def test_a_changed_added_or_removed_file_is_read_again(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("one", encoding="utf-8")
    calls: list[Path] = []
    load = counting_loader(calls)
    assert load(tmp_path) == {"a.yml": "one"}
    (tmp_path / "a.yml").write_text("two", encoding="utf-8")  # same size: only the change time tells
    facts = (tmp_path / "a.yml").stat()
    os.utime(tmp_path / "a.yml", ns=(facts.st_atime_ns, facts.st_mtime_ns + 1_000_000))
    assert load(tmp_path) == {"a.yml": "two"}
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yml").write_text("new", encoding="utf-8")
    assert load(tmp_path) == {"a.yml": "two", "b.yml": "new"}, "a new file in a subfolder counts"
    (tmp_path / "a.yml").unlink()
    assert load(tmp_path) == {"b.yml": "new"}
    assert len(calls) == 4


def test_each_argument_has_its_own_entry(tmp_path: Path) -> None:
    for name in ("x", "y"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "f.txt").write_text(name, encoding="utf-8")
    calls: list[Path] = []
    load = counting_loader(calls)
    assert (load(tmp_path / "x"), load(tmp_path / "y")) == ({"f.txt": "x"}, {"f.txt": "y"})
    load(tmp_path / "x")
    assert calls == [tmp_path / "x", tmp_path / "y"]


def test_the_stamp_names_each_file_once_and_leaves_out_missing_ones_and_folders(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("abc", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("", encoding="utf-8")
    found = stamp([tmp_path / "a.txt", tmp_path / "a.txt", tmp_path / "gone.txt", tmp_path / "sub"])
    assert [(path, size) for path, _, size in found] == [((tmp_path / "a.txt").as_posix(), 3)]
    assert sorted(p.name for p in files_under(tmp_path)) == ["a.txt", "b.txt"]
    assert [p.name for p in files_under(tmp_path, nested=False)] == ["a.txt"]
    assert files_under(tmp_path / "missing") == []


def test_an_edited_schema_is_read_again(tmp_path: Path) -> None:
    """The schemas are cached through it too: under `mkdocs serve` an edited schema takes effect at once."""
    from macros.data import schema
    from macros.data.yamlsource import read

    data = tmp_path / "item.yml"
    data.write_text("name: x\n", encoding="utf-8")
    src, problems = read(data, "item.yml")
    assert src is not None and problems == []
    rules = tmp_path / "item.schema.json"
    rules.write_text('{"type": "object", "required": ["name"]}', encoding="utf-8")
    assert schema.check(src, tmp_path, rules.name) == []
    rules.write_text('{"type": "object", "required": ["name", "title"]}', encoding="utf-8")
    found = [str(p) for p in schema.check(src, tmp_path, rules.name)]
    assert len(found) == 1 and "required field 'title'" in found[0], found
