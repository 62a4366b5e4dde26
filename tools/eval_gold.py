"""Score the normalizer against the hand-made gold annotations in tests/gold/.

A true positive is a predicted mention whose (start, end, id) equals a gold mention's.
A prediction with ``id`` None (ambiguous) is always a false positive, and the gold mention
at its span a false negative.

    python tools/eval_gold.py [--gold DIR] [--lexicon FILE ...] [--show-errors]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from normalizer import Mention, Normalizer, NormalizerError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT / "tests" / "gold"
AMBIGUOUS = "(ambiguous)"
UNKNOWN = "(unknown id)"
CONTEXT = 30

Key = tuple[int, int, str | None]


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One annotated mention."""

    start: int
    end: int
    text: str
    id: str


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """A gold file's document: its name, decoded text and mentions."""

    name: str
    path: Path
    text: str
    mentions: tuple[GoldMention, ...]


@dataclass(frozen=True, slots=True)
class ErrorItem:
    """A false positive or false negative, for reports."""

    kind: str  # "FP" or "FN"
    file: str
    start: int
    end: int
    id: str | None
    type: str
    surface: str
    context: str


@dataclass(slots=True)
class Counts:
    """Gold, predicted and true-positive counts."""

    gold: int = 0
    pred: int = 0
    tp: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "gold": self.gold,
            "pred": self.pred,
            "tp": self.tp,
            "fp": self.pred - self.tp,
            "fn": self.gold - self.tp,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def _resolve(name: str, jsonl: Path) -> Path:
    """The document a gold line's ``file`` names: repo-relative, cwd-relative or a sibling."""
    for candidate in (ROOT / name, Path.cwd() / name, jsonl.parent / Path(name).name):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{jsonl}: document {name!r} not found")


def load_gold(gold_dir: Path) -> list[GoldDocument]:
    """Every ``*.jsonl`` under ``gold_dir`` (recursively), checked against its document."""
    if not gold_dir.is_dir():
        raise FileNotFoundError(f"gold directory not found: {gold_dir}")
    files = sorted(gold_dir.rglob("*.jsonl"))
    if not files:
        raise ValueError(f"no *.jsonl gold files under {gold_dir}")
    by_file: dict[str, list[GoldMention]] = {}
    paths: dict[str, Path] = {}
    for jsonl in files:
        for lineno, line in enumerate(jsonl.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            name = str(row["file"])
            if name not in paths:
                paths[name] = _resolve(name, jsonl)
            mention = GoldMention(int(row["start"]), int(row["end"]), str(row["text"]), row["id"])
            if not isinstance(mention.id, str):
                raise ValueError(f"{jsonl}:{lineno}: gold id must be a string")
            by_file.setdefault(name, []).append(mention)
    docs = []
    for name in sorted(by_file):
        text = paths[name].read_bytes().decode("utf-8")
        mentions = tuple(sorted(by_file[name], key=lambda m: (m.start, m.end)))
        for m in mentions:
            if text[m.start : m.end] != m.text:
                raise ValueError(
                    f"{name}: gold span {m.start}-{m.end} is {text[m.start : m.end]!r}, "
                    f"not {m.text!r}"
                )
        docs.append(GoldDocument(name, paths[name], text, mentions))
    return docs


def _type_of(normalizer: Normalizer, entry_id: str | None, mention: Mention | None = None) -> str:
    """The lexicon type of an id; for an ambiguous prediction, its candidates' common type."""
    if entry_id is None:
        types = {c.type for c in mention.candidates} if mention else set()
        return types.pop() if len(types) == 1 else AMBIGUOUS
    entry = normalizer.get(entry_id)
    return entry.type if entry else UNKNOWN


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - CONTEXT) : start]
    right = text[end : end + CONTEXT]
    return " ".join(f"{left}[{text[start:end]}]{right}".split())


def score_document(
    normalizer: Normalizer, doc: GoldDocument
) -> tuple[Counts, dict[str, Counts], list[ErrorItem]]:
    """Counts for one document, per-type counts and its errors."""
    predicted = normalizer.normalize(doc.text).mentions
    gold_keys: Counter[Key] = Counter((m.start, m.end, m.id) for m in doc.mentions)
    pred_keys: Counter[Key] = Counter((m.start, m.end, m.id) for m in predicted if m.id)
    tp_keys = gold_keys & pred_keys
    counts = Counts(len(doc.mentions), len(predicted), sum(tp_keys.values()))
    types: dict[str, Counts] = {}
    errors: list[ErrorItem] = []

    unmatched_gold = tp_keys.copy()
    for g in doc.mentions:
        gtype = _type_of(normalizer, g.id)
        t = types.setdefault(gtype, Counts())
        t.gold += 1
        key: Key = (g.start, g.end, g.id)
        if unmatched_gold[key] > 0:
            unmatched_gold[key] -= 1
            t.tp += 1
            t.pred += 1
        else:
            ctx = _context(doc.text, g.start, g.end)
            errors.append(ErrorItem("FN", doc.name, g.start, g.end, g.id, gtype, g.text, ctx))

    unmatched_pred = tp_keys.copy()
    for p in predicted:
        key = (p.start, p.end, p.id)
        if p.id is not None and unmatched_pred[key] > 0:
            unmatched_pred[key] -= 1
            continue
        ptype = _type_of(normalizer, p.id, p)
        types.setdefault(ptype, Counts()).pred += 1
        ctx = _context(doc.text, p.start, p.end)
        errors.append(ErrorItem("FP", doc.name, p.start, p.end, p.id, ptype, p.surface, ctx))
    errors.sort(key=lambda e: (e.start, e.kind))
    return counts, types, errors


def score_all(normalizer: Normalizer, gold_dir: Path | str = DEFAULT_GOLD) -> dict[str, Any]:
    """Score every gold document; micro-averaged totals.

    Returns ``{"documents": {file: counts}, "types": {type: counts}, "overall": counts,
    "errors": [error dicts]}`` where counts hold gold, pred, tp, fp, fn, precision, recall, f1.
    """
    docs = load_gold(Path(gold_dir))
    overall = Counts()
    per_doc: dict[str, Counts] = {}
    per_type: dict[str, Counts] = {}
    errors: list[ErrorItem] = []
    for doc in docs:
        counts, types, errs = score_document(normalizer, doc)
        per_doc[doc.name] = counts
        overall.gold += counts.gold
        overall.pred += counts.pred
        overall.tp += counts.tp
        for name, c in types.items():
            total = per_type.setdefault(name, Counts())
            total.gold += c.gold
            total.pred += c.pred
            total.tp += c.tp
        errors.extend(errs)
    return {
        "documents": {name: c.as_dict() for name, c in per_doc.items()},
        "types": {name: per_type[name].as_dict() for name in sorted(per_type)},
        "overall": overall.as_dict(),
        "errors": [
            {
                "kind": e.kind,
                "file": e.file,
                "start": e.start,
                "end": e.end,
                "id": e.id,
                "type": e.type,
                "text": e.surface,
                "context": e.context,
            }
            for e in errors
        ],
    }


def _table(title: str, items: Iterable[tuple[str, dict[str, Any]]]) -> str:
    rows = list(items)
    width = max([len(title), *(len(name) for name, _ in rows)])
    head = f"{title:<{width}}  {'gold':>5} {'pred':>5} {'TP':>5} {'P':>6} {'R':>6} {'F1':>6}"
    lines = [head, "-" * len(head)]
    for name, c in rows:
        if name == "TOTAL (micro)":
            lines.append("-" * len(head))
        lines.append(
            f"{name:<{width}}  {c['gold']:>5} {c['pred']:>5} {c['tp']:>5} "
            f"{c['precision']:>6.3f} {c['recall']:>6.3f} {c['f1']:>6.3f}"
        )
    return "\n".join(lines)


def report(result: dict[str, Any], show_errors: bool = False) -> str:
    """The printed report for a :func:`score_all` result."""
    total = ("TOTAL (micro)", result["overall"])
    parts = [
        _table("document", [*result["documents"].items(), total]),
        _table("type", [*result["types"].items(), total]),
    ]
    if show_errors:
        lines = ["errors (FP: predicted, not in gold; FN: gold, not predicted)"]
        for e in result["errors"]:
            lines.append(
                f"{e['kind']} {e['file']}:{e['start']}-{e['end']} {e['text']!r} "
                f"{e['id'] or AMBIGUOUS} ({e['type']})  | {e['context']}"
            )
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold directory")
    parser.add_argument(
        "--lexicon",
        type=Path,
        nargs="+",
        action="extend",
        default=[],
        metavar="FILE",
        help="extra lexicon files, on top of the bundled one",
    )
    parser.add_argument("--show-errors", action="store_true", help="list FP and FN")
    args = parser.parse_args(argv)
    for path in args.lexicon:
        if not path.is_file():
            parser.error(f"lexicon file not found: {path}")
    try:
        normalizer = Normalizer.from_paths(args.lexicon) if args.lexicon else Normalizer.default()
        result = score_all(normalizer, args.gold)
    except (NormalizerError, OSError, ValueError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    print(report(result, show_errors=args.show_errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
