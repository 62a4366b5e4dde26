"""Shared fixtures: the stable test lexicon and the --update-golden option; the suite's own
cache directory."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from normalizer import Normalizer

TESTS = Path(__file__).parent
MINI = TESTS / "data" / "lexicons" / "mini.yaml"


_CACHE = "NORMALIZER_CACHE_DIR"
_saved = pytest.StashKey[str | None]()  # the directory the user had set, if any


def pytest_configure(config: pytest.Config) -> None:
    """Compiled lexicons go to a directory of the suite's own (CLI subprocesses inherit it):
    the suite compiles dozens of small lexicons, and the user's cache keeps only the last
    few files, so it would lose a large lexicon's (minutes to compile) to them."""
    config.stash[_saved] = os.environ.get(_CACHE)
    os.environ[_CACHE] = tempfile.mkdtemp(prefix="normalizer-tests-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ[_CACHE], ignore_errors=True)
    saved = config.stash.get(_saved, None)
    if saved is None:
        os.environ.pop(_CACHE, None)
    else:
        os.environ[_CACHE] = saved


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/ from current output"
    )


@pytest.fixture(scope="session")
def mini() -> Normalizer:
    """The normalizer over tests/data/lexicons/mini.yaml only."""
    return Normalizer.from_paths([MINI], include_default=False)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
