"""Fuzzing (hypothesis): no input (random bytes, random text in random pieces, random lexicon
YAML) makes the library raise anything but its documented errors, or the command print a
traceback."""

from __future__ import annotations

import contextlib
import itertools
from pathlib import Path

import yaml
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from normalizer.cli import cli

from normalizer import Normalizer, NormalizerError
from normalizer.lexicon.compile import compile_lexicon
from normalizer.lexicon.load import parse_lexicon

from .conftest import MINI

LEX = ["--no-default-lexicon", "--lexicon", str(MINI)]
FAST = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def no_traceback(result: Result, codes: tuple[int, ...]) -> None:
    assert result.exit_code in codes, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stderr


@FAST
@given(
    data=st.one_of(st.binary(max_size=300), st.text(max_size=200).map(str.encode)),
    fmt=st.sampled_from(["text", "jsonl", "json", "annotated"]),
    errors=st.sampled_from(["strict", "replace"]),
    block=st.integers(1, 64),
)
def test_cli_survives_any_bytes(
    data: bytes, fmt: str, errors: str, block: int, tmp_path: Path
) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_bytes(data)
    args = [*LEX, "--format", fmt, "--errors", errors, "--block-size", str(block), str(doc)]
    no_traceback(CliRunner().invoke(cli, args), (0, 1))


@FAST
@given(data=st.binary(max_size=300))
def test_strip_survives_any_bytes(data: bytes, tmp_path: Path) -> None:
    doc = tmp_path / "doc.ann"
    doc.write_bytes(data)
    no_traceback(CliRunner().invoke(cli, ["strip", str(doc)]), (0, 1))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(), cuts=st.lists(st.integers(0, 300), max_size=6))
def test_any_text_in_any_pieces_streams_like_whole(
    text: str, cuts: list[int], mini: Normalizer
) -> None:
    whole = mini.normalize(text)
    doc = mini.document()
    bounds = [0, *sorted(min(c, len(text)) for c in cuts), len(text)]
    parts = [doc.feed(text[a:b]) for a, b in itertools.pairwise(bounds)]
    parts.append(doc.close())
    assert "".join(p.text for p in parts) == whole.text
    assert tuple(m for p in parts for m in p.mentions) == whole.mentions
    for m in whole.mentions:
        assert text[m.start : m.end] == m.surface


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["person.x", "org.y", "person", "الحشد", "PMF", ""]),
)
KEYS = st.sampled_from(
    ["entries", "id", "type", "canonical", "en", "ar", "aliases", "context", "notes", "x"]
)
YAML_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=25,
)


@st.composite
def lexicon_bytes(draw: st.DrawFn) -> bytes:
    kind = draw(st.integers(0, 2))
    if kind == 0:
        return draw(st.binary(max_size=200))
    value = draw(st.dictionaries(st.just("entries"), YAML_VALUES, min_size=1) | YAML_VALUES)
    text = yaml.safe_dump(value, allow_unicode=True)
    if kind == 2:  # and then broken somewhere
        at = draw(st.integers(0, len(text)))
        text = (
            text[:at] + draw(st.sampled_from(["&a ", "*a", ":", "- ", "[", "\t", "{"])) + text[at:]
        )
    return text.encode("utf-8")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lexicon_bytes())
def test_random_lexicon_yaml_raises_only_documented_errors(data: bytes) -> None:
    with contextlib.suppress(NormalizerError):
        Normalizer(compile_lexicon([parse_lexicon(data, "fuzz.yaml")])).normalize("PMF")


@FAST
@given(data=lexicon_bytes())
def test_cli_with_a_random_lexicon_never_prints_a_traceback(data: bytes, tmp_path: Path) -> None:
    lexicon = tmp_path / "lex.yaml"
    lexicon.write_bytes(data)
    doc = tmp_path / "doc.txt"
    doc.write_text("Kazemi met PMF", encoding="utf-8")
    args = ["--no-default-lexicon", "--lexicon", str(lexicon), str(doc)]
    no_traceback(CliRunner().invoke(cli, args), (0, 1))
