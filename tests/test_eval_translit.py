"""Tests of tools/eval_translit.py on a tiny synthetic dev set: the metrics must count what
they claim, independently of how good the real matcher is (stubs force hits and merges)."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from normalizer.text import fold

TOOL = Path(__file__).resolve().parent.parent / "tools" / "eval_translit.py"


def _load_tool() -> ModuleType:
    """tools/ is not a package: import the script from its path."""
    spec = importlib.util.spec_from_file_location("eval_translit", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


ev = _load_tool()

ALI, BASRA, KATYUSHA = "person.ali-hassan", "place.basra", "weapon.katyusha"

TINY: dict[str, Any] = {
    "entities": [
        {
            "id": ALI,
            "type": "person",
            "canonical": {"en": "Ali Hassan", "ar": "علي حسن"},
            # ALI-HASSAN and عليّ حسن fold to the canonical; the others do not
            "variants": {"latin": ["ALI-HASSAN", "Aly Hasan"], "arabic": ["عليّ حسن", "علي حسون"]},
        },
        {
            "id": BASRA,
            "type": "place",
            "canonical": {"en": "Basra", "ar": "البصرة"},
            "variants": {"latin": ["basra", "Bassora"], "arabic": ["البصره", "البسرة"]},
        },
        {
            "id": KATYUSHA,
            "type": "weapon",
            "canonical": {"en": "Katyusha", "ar": "كاتيوشا"},
            "variants": {"latin": ["Katjuscha"], "arabic": ["كاتيـوشا"]},
        },
    ],
    "near_miss": [
        {
            "a": {"en": "Ali Hassan", "ar": "علي حسن"},
            "b": {"en": "Ali Hussein", "ar": "علي حسين"},
            "note": "same given name",
        }
    ],
}

#: The right answer for every variant of TINY.
TRUTH = {
    v: e["id"] for e in TINY["entities"] for s in ("latin", "arabic") for v in e["variants"][s]
}


def _write(path: Path, doc: object) -> Path:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def dev_path(tmp_path: Path) -> Path:
    return _write(tmp_path / "dev.yaml", TINY)


@pytest.fixture
def dev(dev_path: Path) -> Any:
    return ev.load_dev(dev_path)


def oracle(overrides: Mapping[str, Any] | None = None) -> Callable[[Sequence[Any]], Any]:
    """A stub system: the true id of a variant when that entity is in the lexicon, else no
    match; ``overrides`` (term -> Result or None) win."""
    overrides = overrides or {}

    def factory(entities: Sequence[Any]) -> Callable[[str], Any]:
        ids = {e.id for e in entities}

        def lookup(term: str) -> Any:
            if term in overrides:
                return overrides[term]
            if TRUTH.get(term) in ids:
                return ev.Result(TRUTH[term], "stub", 1.0)
            return None

        return lookup

    return factory


def test_load_dev_counts(dev: Any) -> None:
    assert [e.id for e in dev.entities] == [ALI, BASRA, KATYUSHA]
    assert sum(len(e.latin) for e in dev.entities) == 5
    assert sum(len(e.arabic) for e in dev.entities) == 5
    assert len(dev.near_miss) == 1
    assert dev.near_miss[0].b.en == "Ali Hussein"


def test_exact_baseline_finds_exactly_the_variants_that_fold_to_the_canonical(
    dev: Any, tmp_path: Path
) -> None:
    factory = ev.normalizer_factory(tmp_path, False if ev.fuzzy_supported() else None)
    for script, expected_count in (("latin", 2), ("arabic", 3)):
        m = ev.variant_recall(dev, factory, script)
        folded = {
            v
            for e in dev.entities
            for v in getattr(e, script)
            if fold(v).key in (fold(e.en).key, fold(e.ar).key)
        }
        found = {v for e in dev.entities for v in getattr(e, script)} - {
            r.query for r in m.misses + m.wrongs
        }
        assert found == folded
        assert (m.correct, m.total, m.wrong, m.ambiguous) == (expected_count, 5, 0, 0)
        assert m.none == 5 - expected_count
        assert m.recall == expected_count / 5
    assert list(tmp_path.glob("lexicon-*.yaml")) == []  # temporary lexicons are removed


def test_wrong_ambiguous_and_missing_lookups_are_counted(dev: Any) -> None:
    stub = oracle(
        {
            "Aly Hasan": ev.Result(BASRA, "stub", 0.9),  # wrong entity
            "Bassora": ev.Result(None, "stub", 0.9, (BASRA, KATYUSHA)),  # ambiguous: a miss
            "Katjuscha": None,  # no match: a miss
        }
    )
    report = ev.evaluate(dev, stub, "stub")
    assert (report.latin.correct, report.latin.total) == (2, 5)
    assert (report.latin.wrong, report.latin.ambiguous, report.latin.none) == (1, 1, 1)
    assert (report.arabic.correct, report.arabic.total) == (5, 5)
    # cross-script: Arabic variants vs the en-only lexicon, Latin variants vs the ar-only one
    assert (report.cross_ar_en.correct, report.cross_ar_en.total) == (5, 5)
    assert (report.cross_la_ar.correct, report.cross_la_ar.total) == (2, 5)
    assert (report.cross.correct, report.cross.total) == (7, 10)
    every = report.all_lookups
    assert (every.total, every.wrong, every.ambiguous, every.none) == (20, 2, 2, 2)
    assert report.wrong_rate == pytest.approx(2 / 20)
    wrong = report.latin.wrongs[0]
    assert (wrong.query, wrong.expected, wrong.got) == ("Aly Hasan", ALI, BASRA)
    assert {r.query for r in report.latin.misses} == {"Bassora", "Katjuscha"}
    figures = ev.figures(report)
    assert figures["recall_latin"] == pytest.approx(0.4)
    assert figures["recall_cross"] == pytest.approx(0.7)


def test_cross_script_lexicons_carry_one_script_only(dev: Any) -> None:
    seen: list[tuple[tuple[Any, ...], list[str]]] = []

    def recording(entities: Sequence[Any]) -> Callable[[str], Any]:
        queries: list[str] = []
        seen.append((tuple(entities), queries))

        def lookup(term: str) -> Any:
            queries.append(term)
            return None

        return lookup

    ar_en, la_ar = ev.cross_script(dev, recording)
    (lex_a, q_a), (lex_b, q_b) = seen
    assert all(e.en and e.ar is None for e in lex_a)
    assert all(e.ar and e.en is None for e in lex_b)
    assert sorted(q_a) == sorted(v for e in dev.entities for v in e.arabic)
    assert sorted(q_b) == sorted(v for e in dev.entities for v in e.latin)
    assert ar_en.total + la_ar.total == 10
    assert ar_en.correct == la_ar.correct == 0


def _first_word_matcher(built: list[tuple[Any, ...]]) -> Callable[[Sequence[Any]], Any]:
    """A deliberately bad system: any entity with a name sharing the query's first word."""

    def factory(entities: Sequence[Any]) -> Callable[[str], Any]:
        built.append(tuple(entities))

        def lookup(term: str) -> Any:
            for e in entities:
                if any(n.split()[0] == term.split()[0] for n in e.names):
                    return ev.Result(e.id, "stub", 0.5)
            return None

        return lookup

    return factory


def test_near_miss_merge_is_detected_in_both_directions(dev: Any) -> None:
    built: list[tuple[Any, ...]] = []
    cached = ev.CachedFactory(_first_word_matcher(built))
    report = ev.near_miss(dev, cached)
    assert report.total == 1
    assert len(report.merged) == 1
    result = report.merged[0]
    # a -> b: Ali Hassan is left out, Ali Hussein (not a dev entity) gets a generated id
    assert result.a_to_b.merged
    assert result.a_to_b.target_id == "nm.b.0"
    lex_ab = {e.id for e in built[0]}
    assert ALI not in lex_ab
    assert {"nm.b.0", BASRA, KATYUSHA} <= lex_ab
    assert [g[1] for g in result.a_to_b.got] == ["nm.b.0", "nm.b.0"]
    # b -> a: the dev entity's own id is reused, not duplicated
    assert result.b_to_a.merged
    assert result.b_to_a.target_id == ALI
    assert sorted(e.id for e in built[1]) == sorted([ALI, BASRA, KATYUSHA])
    assert (report.merged_a_to_b, report.merged_b_to_a) == (1, 1)
    assert cached.builds == 2


def test_near_miss_not_merged_when_lookups_miss_or_are_ambiguous(dev: Any) -> None:
    assert ev.near_miss(dev, oracle()).merged == []

    def ambiguous(entities: Sequence[Any]) -> Callable[[str], Any]:
        ids = tuple(e.id for e in entities)
        return lambda term: ev.Result(None, "stub", 0.5, ids)

    report = ev.near_miss(dev, ambiguous)
    assert report.merged == []
    assert report.ambiguous_with_other == 1


def test_near_miss_with_exact_normalizer_merges_nothing(dev: Any, tmp_path: Path) -> None:
    factory = ev.normalizer_factory(tmp_path, False if ev.fuzzy_supported() else None)
    assert ev.near_miss(dev, factory).merged == []


def test_cached_factory_builds_each_lexicon_once(dev: Any) -> None:
    built: list[tuple[Any, ...]] = []
    cached = ev.CachedFactory(_first_word_matcher(built))
    lexicon = [e.lex() for e in dev.entities]
    first = cached(lexicon)
    assert cached(list(lexicon)) is first
    cached(lexicon[:2])
    assert cached.builds == len(built) == 2


def test_wratio_baseline(dev: Any) -> None:
    lookup = ev.wratio_factory([e.lex() for e in dev.entities])
    hit = lookup("Basrah")
    assert hit is not None
    assert hit.id == BASRA
    assert hit.method == "wratio"
    assert 0.85 <= hit.score <= 1.0
    assert lookup("Mosul") is None
    assert lookup("") is None
    en_only = ev.wratio_factory([e.lex("en") for e in dev.entities])
    assert en_only("البصرة") is None  # no Arabic names to compare with


def test_main_prints_table_and_writes_json(
    dev_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "figures.json"
    assert ev.main(["--data", str(dev_path), "--json", str(out), "--show-misses", "all"]) == 0
    text = capsys.readouterr().out
    assert "recall, Latin variants" in text
    assert "near-miss pairs merged" in text
    assert "FAIL" in text or "PASS" in text
    assert "misses of exact" in text
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert set(doc["systems"]) == {"normalizer", "exact", "wratio"}
    exact = doc["systems"]["exact"]
    assert exact["counts"]["latin"]["total"] == 5
    assert exact["counts"]["all_lookups"]["total"] == 20
    assert exact["near_miss_merged"] == 0
    assert set(doc["targets"]) == {t.key for t in ev.TARGETS}


def test_limit_keeps_the_first_entities(dev_path: Path) -> None:
    dev = ev.load_dev(dev_path, limit=1)
    assert [e.id for e in dev.entities] == [ALI]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("entities: [\n", "invalid YAML"),
        ("entities: {}\n", "expected a list"),
        ("near_miss: []\n", "entities: missing or empty"),
        ({"entities": [TINY["entities"][0], TINY["entities"][0]]}, "duplicate id"),
        ({"entities": [{**TINY["entities"][0], "id": "Bad Id"}]}, "does not match"),
        ({"entities": [{**TINY["entities"][0], "canonical": {"en": "x"}}]}, "canonical.ar"),
    ],
)
def test_missing_or_invalid_data_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: object, message: str
) -> None:
    path = tmp_path / "dev.yaml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif content is not None:
        _write(path, content)
    assert ev.main(["--data", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert str(path) in err


def test_without_fuzzy_argument_both_normalizer_systems_use_plain_from_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ev, "fuzzy_supported", lambda: False)
    factories, note = ev.build_factories(tmp_path)
    assert note is not None
    assert "fuzzy" in note
    assert factories["normalizer"] is factories["exact"]
