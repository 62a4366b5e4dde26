"""Shared fixtures: the stable test lexicon and the --update-golden option."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizer import Normalizer

TESTS = Path(__file__).parent
MINI = TESTS / "data" / "lexicons" / "mini.yaml"


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
