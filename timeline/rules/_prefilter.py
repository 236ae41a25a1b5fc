"""Where can a rule's match start? A cheap index that replaces a full scan per rule.

Scanning a text once per rule with ``finditer`` costs a pass over every character for each
of the ~130 rules. Instead, each compiled pattern is analysed once: :func:`first_keys` walks
its syntax tree and returns every pair of *token keys* a match can begin with (its first
two tokens, lower-cased, digits folded to ``0``, cut at four characters). At tagging time
the text is read once: one regex (a trie of all first keys) finds the tokens that can start
some rule, with the token after each, and a rule is tried, anchored with ``Pattern.match``,
only where those two tokens fit one of its pairs. The result is the same as
``finditer`` (tests/test_prefilter.py checks it on the corpora): the keys are a superset of
the possible starts, and :func:`scan` reproduces ``finditer``'s non-overlapping order.

A pattern whose start cannot be bounded this way (one that may begin with whitespace, or
with any character) gets ``None`` and is scanned in full.

Token keys. A token is a run of word characters or a single other non-space character. Its
key is its first four characters; a shorter token is marked with a trailing space, so
that "a " stands for the word "a" and not for every word that starts with an a. A key
without that mark and shorter than four characters is an *open* prefix (the pattern does
not say where the token ends), and ``*`` means "any token, or none".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

__all__ = ["first_keys", "PrefixIndex", "scan", "find_all", "token_key"]

KEY_LEN = 4
ANY = "*"
_MAX_STATES = 5_000
_MAX_RANGE = 64
_MAX_SECOND_CHARS = 12  # wider classes are enumerated in the first two characters only
_DIGIT = re.compile(r"\d")


class _Unbounded(Exception):
    """The pattern may start anywhere: no useful keys."""


class _TooMany(Exception):
    """Too many combinations of keys to enumerate."""


def token_key(token: str) -> str:
    """The index key of a lower-cased, digit-folded token.

    >>> token_key("the"), token_key("thereafter"), token_key("0000s")
    ('the ', 'ther', '0000')
    """
    return token[:KEY_LEN] if len(token) >= KEY_LEN else token + " "


# A walk state is open: (keys of the tokens finished so far, the current token's characters,
# "" between tokens). Once it holds enough keys it is finished, and its keys go to ``done``.
# The first token's key is held as a frozenset: states that differ only in it walk on as one
# ("Monday", "Tuesday"... then "September", "October"...), which keeps the walk linear.
_Keys = tuple[Any, ...]  # (frozenset[str], str, ...)
_State = tuple[_Keys, str]
_WORD, _SPACE, _SYMBOL = 0, 1, 2


@functools.lru_cache(maxsize=4096)
def _classify(chars: str) -> tuple[tuple[int, str], ...]:
    out = set()
    for ch in chars:
        if ch.isalnum() or ch == "_":
            out.add((_WORD, "0" if ch.isdigit() else ch.lower()))
        elif ch.isspace():
            out.add((_SPACE, " "))
        else:
            out.add((_SYMBOL, ch))
    return tuple(sorted(out))


def _push(keys: _Keys, key: str) -> _Keys:
    return keys + (key,) if keys else (frozenset((key,)),)


def _coalesce(states: set[_State]) -> set[_State]:
    """Join the states that differ only in their first key."""
    out: set[_State] = set()
    firsts: dict[str, set[str]] = {}
    for keys, cur in states:
        if len(keys) == 1:
            firsts.setdefault(cur, set()).update(keys[0])
        else:
            out.add((keys, cur))
    out.update(((frozenset(fs),), cur) for cur, fs in firsts.items())
    return out


def _finish(keys: _Keys, cur: str, n: int, states: set[_State], done: set[_Keys]) -> None:
    """The current token ends: record its key, and finish the state if it has ``n``."""
    if cur:
        keys = _push(keys, token_key(cur))
    if len(keys) >= n:
        done.add(keys[:n])
    else:
        states.add((keys, ""))


def _step(states: set[_State], chars: tuple[tuple[int, str], ...] | None, n: int, done: set[_Keys], join: bool = True) -> set[_State]:
    """Consume one character out of ``chars`` (``None``: unknown); keep ``n`` keys."""
    out: set[_State] = set()
    for keys, cur in states:
        if chars is None:
            if not keys and not cur:
                raise _Unbounded
            # the current token may go on (its key is an open prefix); the next is unknown
            if cur:
                keys = _push(keys, cur if len(cur) < KEY_LEN else token_key(cur))
            done.add((keys + (ANY, ANY))[:n])
            continue
        if (keys or len(cur) > 1) and len(chars) > _MAX_SECOND_CHARS:  # a wide class, past the start: stop there
            if cur:
                keys = _push(keys, cur if len(cur) < KEY_LEN else token_key(cur))
            done.add((keys + (ANY, ANY))[:n])
            continue
        for kind, ch in chars:
            if kind == _WORD:
                out.add((keys, cur + ch if len(cur) < KEY_LEN else cur))
            elif kind == _SPACE:
                if not keys and not cur:
                    raise _Unbounded  # a match could start with whitespace
                _finish(keys, cur, n, out, done)
            else:  # a symbol ends the current token and is a token of its own
                _finish(_push(keys, token_key(cur)) if cur else keys, ch, n, out, done)
    if len(out) + len(done) > _MAX_STATES:
        raise _TooMany
    return _coalesce(out) if join else out


def _charset(items: Sequence[tuple[object, object]]) -> list[str] | None:
    chars: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            chars.append(chr(av))  # type: ignore[arg-type]
        elif op is C.RANGE:
            lo, hi = cast("tuple[int, int]", av)
            if hi - lo > _MAX_RANGE:
                return None
            chars.extend(chr(c) for c in range(lo, hi + 1))
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            chars.append("0")  # digits are folded to 0
        elif op is C.CATEGORY and av is C.CATEGORY_SPACE:
            chars.append(" ")  # every whitespace character acts the same here
        else:  # negated sets, \w, ...: too wide to enumerate
            return None
    return chars


def _is_not_word_ahead(av: object) -> bool:
    direction, body = cast("tuple[int, list[tuple[object, object]]]", av)
    return direction == 1 and len(body) == 1 and body[0] == (C.IN, [(C.CATEGORY, C.CATEGORY_WORD)])


def _walk(seq: Iterable[tuple[object, object]], states: set[_State], n: int, done: set[_Keys]) -> set[_State]:
    """Walk the open ``states`` through a sequence of pattern items; return those still open."""
    items = list(seq)
    for k, (op, av) in enumerate(items):
        if not states:
            break
        if op is C.LITERAL:  # in a run of literals, join the states once, at its end
            last = k + 1 == len(items) or items[k + 1][0] is not C.LITERAL
            states = _step(states, _classify(chr(av)), n, done, join=last)  # type: ignore[arg-type]
        elif op is C.IN:
            chars = _charset(av)  # type: ignore[arg-type]
            states = _step(states, None if chars is None else _classify("".join(chars)), n, done)
        elif op in (C.ANY, C.NOT_LITERAL):
            states = _step(states, None, n, done)
        elif op is C.BRANCH:
            out: set[_State] = set()
            for alt in av[1]:  # type: ignore[index]
                out |= _walk(alt, states, n, done)
            states = _coalesce(out)
        elif op is C.SUBPATTERN:
            states = _walk(av[-1], states, n, done)  # type: ignore[index]
        elif op is C.ATOMIC_GROUP:
            states = _walk(av, states, n, done)  # type: ignore[arg-type]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, hi, body = cast("tuple[int, int, list[tuple[object, object]]]", av)
            for _ in range(min(lo, KEY_LEN + 2)):
                states = _walk(body, states, n, done)
            if hi > lo:
                acc, cur = set(states), states
                for _ in range(hi - lo):  # or until no new state appears (keys are bounded)
                    cur = _walk(body, cur, n, done) - acc
                    if not cur:
                        break
                    acc |= cur
                    if len(acc) > _MAX_STATES:
                        raise _TooMany
                states = _coalesce(acc)
        elif op is C.ASSERT_NOT and _is_not_word_ahead(av):  # (?!\w): the token ends here
            ended: set[_State] = set()
            for keys, tail in states:
                if tail:
                    _finish(keys, tail, n, ended, done)
                else:
                    ended.add((keys, tail))
            states = _coalesce(ended)
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # other zero-width assertions: the keys stay a superset
        else:  # back-references, conditionals: give up
            raise _Unbounded
    return states


def first_keys(pattern: re.Pattern[str]) -> frozenset[tuple[str, str]] | None:
    """The pairs of token keys that every match of ``pattern`` begins with one of, or
    ``None`` if there is no such bound.

    >>> sorted(first_keys(re.compile(r"(?<!\\w)(?:the\\s+)?(?:jan|feb)\\.?(?!\\w)", re.I)))
    [('feb ', '*'), ('feb ', '. '), ('jan ', '*'), ('jan ', '. '), ('the ', 'feb '), ('the ', 'jan ')]
    """
    tree = _parser.parse(pattern.pattern, pattern.flags)
    for n in (2, 1):  # two tokens; one if two give too many combinations
        done: set[_Keys] = set()
        try:
            states = _walk(tree, {((), "")}, n, done)
            break
        except _TooMany:
            continue
        except (_Unbounded, RecursionError):
            return None
    else:
        return None
    for keys, cur in states:  # the pattern ended: the current token may go on
        if cur:
            keys = _push(keys, cur if len(cur) < KEY_LEN else token_key(cur))
        if not keys:
            return None  # the pattern can match the empty string
        done.add(keys)

    def second(keys: _Keys) -> str:
        return str(keys[1]) if len(keys) > 1 else ANY

    return frozenset((first, second(keys)) for keys in done for first in keys[0])


def _variants(key: str) -> list[str]:
    """The entries a text token's key can meet: itself and its open prefixes."""
    core = key.rstrip(" ")
    return [key] + [core[:n] for n in range(1, min(len(core), KEY_LEN - 1) + 1) if core[:n] != key]


class PrefixIndex:
    """Maps a text's tokens to the patterns that may match where they start."""

    def __init__(self, keys: Sequence[frozenset[tuple[str, str]] | None]) -> None:
        self.size = len(keys)
        self.unbounded = frozenset(i for i, k in enumerate(keys) if k is None)
        self._table: dict[str, dict[str, set[int]]] = {}  # first key -> second key -> patterns
        for i, pairs in enumerate(keys):
            for first, second in pairs or ():
                self._table.setdefault(first, {}).setdefault(second, set()).add(i)
        # memos: the second-key table of a text token's first key (most are empty), and
        # the patterns of a pair of text tokens
        self._firsts: dict[str, dict[str, set[int]]] = {}
        self._pairs: dict[tuple[str, str], tuple[int, ...]] = {}
        self._starters = _starter_regex(self._table)

    def _seconds(self, first: str) -> dict[str, set[int]]:
        """The second-key table of a text token keyed ``first``, over its open prefixes."""
        table: dict[str, set[int]] = {}
        for a in _variants(first):
            for b, pats in self._table.get(a, {}).items():
                table.setdefault(b, set()).update(pats)
        if len(self._firsts) < 200_000:
            self._firsts[first] = table
        return table

    def patterns_at(self, first: str, second: str) -> tuple[int, ...]:
        """The patterns that may match at a token keyed ``first`` followed by one keyed
        ``second`` (``""`` at the end of the text)."""
        found = self._pairs.get((first, second))
        if found is None:
            table = self._firsts.get(first)
            if table is None:
                table = self._seconds(first)
            hits: set[int] = set(table.get(ANY, ()))
            for b in _variants(second) if second else ():
                hits.update(table.get(b, ()))
            found = tuple(sorted(hits))
            if len(self._pairs) < 200_000:
                self._pairs[(first, second)] = found
        return found

    def candidates(self, text: str) -> list[list[int]]:
        """For each pattern, the positions (ascending) where a match may start.

        One regex pass finds the tokens that can start a pattern (a trie of the first keys)
        and the token after each; the pair of keys then says which patterns."""
        lower = text.lower()
        if len(lower) != len(text):  # a few characters lower-case to two: keep offsets
            lower = "".join(ch.lower()[0] for ch in text)
        out: list[list[int]] = [[] for _ in range(self.size)]
        pairs = self._pairs
        for m in self._starters.finditer(_DIGIT.sub("0", lower)):
            first, second = m.group(1, 2)
            first = first[:KEY_LEN] if len(first) >= KEY_LEN else first + " "
            if second:
                second = second[:KEY_LEN] if len(second) >= KEY_LEN else second + " "
            else:
                second = ""
            found = pairs.get((first, second))
            if found is None:
                found = self.patterns_at(first, second)
            p = m.start()
            for i in found:
                out[i].append(p)
        return out


def _key_trie(keys: Iterable[str]) -> dict:  # type: ignore[type-arg]
    """A character trie of token keys. A node's ``""`` entry marks where a key may end
    with the token going on (4-character keys, open prefixes), ``" "`` where the token must
    end (whole short tokens)."""
    trie: dict = {}  # type: ignore[type-arg]
    for key in keys:
        core = key.rstrip(" ")
        node = trie
        for ch in core:
            node = node.setdefault(ch, {})
        node[" " if key.endswith(" ") else ""] = True
    return trie


def _trie_regex(node: dict) -> str:  # type: ignore[type-arg]
    """The regex of a key trie, to be used at the start of a token."""
    if "" in node:
        return ""  # the token may go on: nothing more to check
    alts = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch != " "]
    if " " in node:
        alts.append(r"(?!\w)")
    return "" if not alts else alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def _starter_regex(table: Mapping[str, object]) -> re.Pattern[str]:
    """A regex over lower-cased, digit-folded text that finds each token whose key can meet
    a first key of ``table`` (itself or one of its open prefixes, see :func:`_variants`).
    Group 1 is the token, group 2 the token after it (if any)."""
    trie = _key_trie(k for k in table if not _is_symbol_key(k))
    words = _trie_regex(trie) if trie else None
    symbols = "".join(re.escape(k[0]) for k in sorted(table) if _is_symbol_key(k))
    body = [rf"(?<!\w)(?={words})\w+"] if words is not None else []
    if symbols:
        body.append(f"[{symbols}]")  # a symbol is a token of its own, wherever it stands
    return re.compile(rf"({'|'.join(body) or '(?!)'})(?=\s*(\w+|[^\w\s])|)")


def _is_symbol_key(key: str) -> bool:
    core = key.rstrip(" ")
    return len(core) == 1 and not (core.isalnum() or core == "_")


def scan(pattern: re.Pattern[str], text: str, positions: Sequence[int] | None) -> list[re.Match[str]]:
    """The non-empty matches ``pattern.finditer(text)`` gives, trying only ``positions``
    (ascending; ``None``: every position)."""
    if positions is None:
        return [m for m in pattern.finditer(text) if m.end() > m.start()]
    found: list[re.Match[str]] = []
    end = 0
    match = pattern.match
    for p in positions:
        if p >= end:
            m = match(text, p)
            if m is not None and m.end() > p:
                found.append(m)
                end = m.end()
    return found


def find_all(patterns: Sequence[re.Pattern[str]], text: str, index: PrefixIndex) -> list[list[re.Match[str]]]:
    """For each pattern, the matches :func:`scan` gives at the positions ``index`` finds."""
    candidates = index.candidates(text)
    unbounded = index.unbounded
    return [
        scan(pattern, text, None if i in unbounded else candidates[i]) if candidates[i] or i in unbounded else []
        for i, pattern in enumerate(patterns)
    ]
