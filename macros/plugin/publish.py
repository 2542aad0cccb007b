"""Atomic publish: build into a staging folder beside the output and swap it in only when all of it succeeded.

`on_config` points MkDocs (and every plugin, the PDF writer included) at a hidden staging folder next
to the real output. Only the very last step of a clean build swaps the new entries into the output
folder, one rename each, with SIGINT and SIGTERM held back for those few milliseconds. A failed,
interrupted or killed-by-timeout build removes the staging folder and nothing else: the previous
output stays byte for byte as it was. Entries the build did not make (a user's notes, `.git`,
hidden files) are never touched, failure or success.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import re
import shutil
import signal
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from mkdocs.plugins import event_priority

from . import internals

MANIFEST = ".ktb-site.json"  # the top-level entries the last publish made, kept in the output
STAGING_TAG = "ktb-staging"
STOP_SIGNALS = tuple(s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None)

log = logging.getLogger("mkdocs.hooks.keep_the_bridge.publish")


class PublishError(Exception):
    """The output folder cannot take a new site (read-only, or its parent is)."""


def _stop(signum: int, frame: FrameType | None) -> None:
    """SIGTERM (a CI timeout) ends the build the way Ctrl+C does, so that the clean-up runs."""
    raise KeyboardInterrupt(f"stopped by signal {signum}")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class Publisher:
    """One build's staging folder and the output it will replace."""

    output: Path
    staging: Path
    owner: int = field(default_factory=os.getpid)
    done: bool = False

    @classmethod
    def start(cls, output: Path, *, dirty: bool = False) -> Publisher:
        """Make the staging folder (a copy of the output for `--dirty`) and arrange its removal on any exit."""
        output = output.resolve()
        area = _check_writable(output)
        _sweep_stale(output, area)
        staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.{STAGING_TAG}-{os.getpid()}-", dir=area))
        publisher = cls(output=output, staging=staging)
        atexit.register(publisher.abandon)
        for number in STOP_SIGNALS:
            if signal.getsignal(number) in (signal.SIG_DFL, signal.default_int_handler):
                signal.signal(number, _stop)
        if dirty and output.is_dir():  # --dirty rebuilds changed pages only: start from what the last build made
            made = _previous(output)
            for entry in output.iterdir():
                if entry.name in made:
                    copy = shutil.copytree if entry.is_dir() else shutil.copy2
                    copy(entry, staging / entry.name)
        return publisher

    def abandon(self) -> None:
        """Remove the staging folder (only in the process that made it): the output is left as it was."""
        if self.done or os.getpid() != self.owner:
            return
        self.done = True
        shutil.rmtree(self.staging, ignore_errors=True)

    def publish(self) -> None:
        """Swap the staged site into the output: the build's entries replace the last build's, the rest stays."""
        if self.done or os.getpid() != self.owner:
            return
        made = sorted(p.name for p in self.staging.iterdir())
        (self.staging / MANIFEST).write_text(json.dumps({"made": made}), encoding="utf-8")
        area = self.staging.parent
        old = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.ktb-old-{os.getpid()}-", dir=area))
        held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            self.output.mkdir(exist_ok=True)
            _swap(self.staging, self.output, old, [*made, MANIFEST], _previous(self.output))
            self.done = True
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            shutil.rmtree(old, ignore_errors=True)
            shutil.rmtree(self.staging, ignore_errors=True)


def _previous(output: Path) -> set[str]:
    """What the last publish made; without a record, only the names this build makes are replaced."""
    try:
        return set(json.loads((output / MANIFEST).read_text(encoding="utf-8"))["made"])
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def _swap(staging: Path, output: Path, old: Path, names: list[str], previous: set[str]) -> None:
    """Move the last build's entries aside and the new ones in; on any error, put everything back."""
    moves: list[tuple[Path, Path]] = []

    def move(source: Path, target: Path) -> None:
        os.replace(source, target)
        moves.append((source, target))

    try:
        for name in [*sorted((previous | set(names)) - {MANIFEST}), MANIFEST]:
            if (output / name).exists() or (output / name).is_symlink():
                move(output / name, old / name)
        for name in names:
            move(staging / name, output / name)
    except OSError as error:
        for source, target in reversed(moves):
            os.replace(target, source)
        raise PublishError(f"could not publish into {output}: {error}") from error


def _check_writable(output: Path) -> Path:
    """Where the staging folder goes: beside the output, or hidden inside it when only the output is writable."""
    parent = output.parent
    if output.exists() and not output.is_dir():
        raise PublishError(f"the output {output} is a file, not a folder; choose another site_dir")
    # No write bit at all counts as read-only even for root, who could write anyway: the owner meant it.
    if output.is_dir() and (not os.access(output, os.W_OK | os.X_OK) or not output.stat().st_mode & 0o222):
        raise PublishError(f"the output folder {output} is read-only; make it writable or choose another site_dir")
    if os.access(parent, os.W_OK | os.X_OK):
        return parent
    if output.is_dir():
        return output  # like /var/www/html whose parent is not ours: rename within the output itself
    raise PublishError(f"cannot create {output} or a staging folder in {parent} (read-only); make it writable")


def _sweep_stale(output: Path, area: Path) -> None:
    """Staging folders left by a build that was killed outright (SIGKILL): theirs, so they may go."""
    pattern = re.compile(rf"^\.{re.escape(output.name)}\.(?:{STAGING_TAG}|ktb-old)-(\d+)-")
    for entry in area.iterdir():
        match = pattern.match(entry.name)
        if match and entry.is_dir() and not _pid_alive(int(match.group(1))):
            shutil.rmtree(entry, ignore_errors=True)


class PublishStep:
    """The build's last step, added to MkDocs' plugins by the hooks: swap the staged site in, or throw it away."""

    def __init__(self, publisher: Publisher) -> None:
        self.publisher = publisher

    @event_priority(-1000)  # after every other writer: search index, offline, PDF
    def on_post_build(self, *, config: Any) -> None:
        if config.strict and internals.strict_warnings():
            return  # MkDocs aborts right after this event; on_build_error throws the staging folder away
        self.publisher.publish()
        config.site_dir = str(self.publisher.output)  # what runs after the build (gh-deploy) reads the output

    def on_build_error(self, *, error: Exception) -> None:
        self.publisher.abandon()
