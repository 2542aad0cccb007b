"""Read a thing once while its files are unchanged: a cache keyed by each file's path, change time and size."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from stat import S_ISREG
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")
Stamp = tuple[tuple[str, int, int], ...]


def stamp(files: Iterable[Path]) -> Stamp:
    """What the files look like on disk: each one's path, modification time and size (a missing file is left out)."""
    found = set()
    for path in files:
        try:
            facts = path.stat()
        except OSError:
            continue
        if S_ISREG(facts.st_mode):
            found.add((path.as_posix(), facts.st_mtime_ns, facts.st_size))
    return tuple(sorted(found))


def files_under(folder: Path, *, nested: bool = True) -> list[Path]:
    """Every file in a folder (and its subfolders unless `nested=False`); none when the folder is missing."""
    if not folder.is_dir():
        return []
    return [p for p in (folder.rglob("*") if nested else folder.iterdir()) if p.is_file()]


def while_unchanged(files: Callable[P, Iterable[Path]], maxsize: int = 4) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Keep what a loader returns until one of the files `files(*args)` names changes, appears or goes.

    The stamp is taken at every call, so `mkdocs serve` reads an edited file again on the next rebuild,
    while one build's many callers share one load. Arguments must be hashable, like a `functools.lru_cache`'s.
    """

    def decorate(load: Callable[P, T]) -> Callable[P, T]:
        @functools.lru_cache(maxsize=maxsize)
        def stamped(seen: Stamp, *args: Any, **kwargs: Any) -> T:
            return load(*args, **kwargs)

        call: Callable[..., T] = stamped  # the loader's own arguments, checked where `cached` is called

        @functools.wraps(load)
        def cached(*args: P.args, **kwargs: P.kwargs) -> T:
            return call(stamp(files(*args, **kwargs)), *args, **kwargs)

        return cached

    return decorate
