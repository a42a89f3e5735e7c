"""Which search bundle a page is in: the rule the search page (from the routes, at render time)
and the index (from the files written, after) must agree on.

A page's shard is a hash of its output name modulo the language's shard count: the hash spreads
the pages about evenly (SHARD_PAGES or fewer each, give or take a few percent), an edit moves
nothing between shards, and both sides compute the count with `shards()` from the same names.
The cap MAX_SHARDS is there because every Pagefind run walks its whole language folder
(`benn_site.output.search_index`): a larger site gets larger shards instead.
"""

from __future__ import annotations

import zlib
from typing import Iterable

BUNDLE = "pagefind"
# Pagefind indexes only the part of a page marked so, and pages without the mark only when none of
# a run's pages has it (its own rule): a listing, the home page or a notice is then not searched,
# and its changes need no new index (`benn_site.output.search_index.Plan.todo`).
MARK = b"data-pagefind-body"
# Pages per shard, on average at most, up to MAX_SHARDS shards; tests lower it. A Pagefind run needs
# about 10 MB and a quarter of a megabyte per page: two runs of 200 pages beside the build's own
# 170 MB (10,000 pages) keep a cold build's peak near 275 MB, where 250 pages made it 300.
SHARD_PAGES = 200
MAX_SHARDS = 16  # shards per language at most: beyond 3,200 pages a language, shards grow instead


def shards(names: Iterable[str], lang: str) -> list[list[str]]:
    """The HTML files below `<lang>/` among the output `names`, split into the language's shards:
    max(1, min(MAX_SHARDS, ceil(pages / SHARD_PAGES))) lists, a page in list crc32(name) mod that
    count. Used by the search page (from the routes) and by the index (from the files written)."""
    prefix = f"{lang}/"
    pages = sorted(name for name in names if name.startswith(prefix) and name.endswith(".html"))
    count = shard_count(len(pages))
    result: list[list[str]] = [[] for _ in range(count)]
    for name in pages:
        result[shard_number(name, count)].append(name)
    return result


def searched(html: bytes) -> bool:
    """Whether Pagefind indexes this page wherever a page of its shard is marked (`MARK`)."""
    return MARK in html


def shard_count(pages: int) -> int:
    """How many shards a language with `pages` HTML pages has."""
    return max(1, min(MAX_SHARDS, -(-pages // SHARD_PAGES)))


def shard_folder(name: str, counts: dict[str, int]) -> str | None:
    """The bundle folder of the shard an HTML output `name` is in, with `counts` shards per
    language (`Plan.counts()`); None for a file that is in no shard."""
    lang = name.split("/", 1)[0]
    if lang not in counts or not name.endswith(".html"):
        return None
    return folder(lang, shard_number(name, counts[lang]))


def shard_number(name: str, count: int) -> int:
    """The shard a page `name` is in, of `count`."""
    return zlib.crc32(name.encode("utf-8")) % count


def folder(lang: str, number: int) -> str:
    """The bundle folder of one shard, relative to the output folder."""
    return f"{BUNDLE}/{lang}/{number}"
