"""Export entries as rows for spreadsheets (CSV) and other tools (JSON lines)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from normalizer.model import Entry

#: Columns of an export, in order; list fields are joined with LIST_SEPARATOR in CSV.
COLUMNS = (
    "id", "type", "en", "ar", "aliases", "context_aliases", "context", "notes", "wikidata",
    "source",
)  # fmt: skip
LIST_SEPARATOR = " | "


def entry_record(entry: Entry) -> dict[str, object]:
    """An entry as a JSON-ready mapping with the export columns."""
    record: dict[str, object] = {k: getattr(entry, k) for k in COLUMNS}
    for k in ("aliases", "context_aliases", "context"):
        record[k] = list(getattr(entry, k))
    return record


def export_jsonl(entries: Iterable[Entry]) -> Iterator[str]:
    """One JSON object per entry, one per line."""
    for entry in entries:
        yield json.dumps(entry_record(entry), ensure_ascii=False) + "\n"


def export_csv(entries: Iterable[Entry]) -> Iterator[str]:
    """A header row, then one row per entry (list fields joined with `` | ``).

    >>> print("".join(export_csv([Entry("a.b", "t", "B", None, ("x", "y"))])), end="")
    id,type,en,ar,aliases,context_aliases,context,notes,wikidata,source
    a.b,t,B,,x | y,,,,,
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        record = entry_record(entry)
        writer.writerow(
            LIST_SEPARATOR.join(v) if isinstance(v, list) else "" if v is None else v
            for v in record.values()
        )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
