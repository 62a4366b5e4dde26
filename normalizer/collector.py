"""Python's cyclic garbage collector paused around work that makes many objects and keeps them.

Each full collection walks every container alive: a piece being settled (millions of
tokens, hits and mentions) or a table being unpickled (hundreds of thousands of lists) would
be walked again and again for nothing (reference counting frees them; the rare cycles wait
for the next collection once the collector is back on).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic collector off inside, then as it was (also after an error).

    >>> with collector_paused():
    ...     gc.isenabled()
    False
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
