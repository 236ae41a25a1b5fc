"""Rules are data: this package holds the rule files (``<lang>/*.toml``) and the engine that
compiles them.

A rule file is a TOML document with ``[[rule]]`` tables::

    [[rule]]
    name = "month_day_year"
    pattern = '{month}\\s+{day},?\\s+{year}'
    type = "DATE"
    value = "{year}-{month}-{day}"
    examples = [{ text = "Sept. 4, 2023", value = "2023-09-04" }]

A group ``(?P<span>...)`` in a pattern limits the tagged text to that group (the rest of
the match is context). ``{kind}`` / ``{kind:name}`` in a pattern is a macro: it expands to the alternation of the
lexicon entries (or the regex) of that kind, captured in a group called ``name`` (default:
the kind), whose text the engine normalises (``"Sept."`` -> ``"09"``). The normalised groups
then fill the ``value`` template, which may be an underspecified value that the resolver
completes (see ``timeline/_resolve.py``). ``negatives.toml`` lists patterns whose matches must
never be tagged; every rule file carries examples and the negatives carry their own, and the
test-suite is generated from them.

>>> rs = load("en")
>>> [m.value for m in rs.extract("They met on Sept. 4, 2023 and again last week.")]
['2023-09-04', 'REF:W:-1']
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

from .._errors import RuleDataError
from .._nlp import once_per_process
from ._compile import DIRECTIONS as DIRECTIONS
from ._compile import TIMEX_TYPES as TIMEX_TYPES
from ._compile import _compile as _compile
from ._compile import _compile_modifier, _compile_range
from ._engine import DEFERRED as DEFERRED
from ._engine import RuleSet
from ._lexicon import Lexicon as Lexicon
from ._model import Mention, RangePattern, Rule
from ._model import Modifier as Modifier

__all__ = ["Mention", "Rule", "RangePattern", "RuleSet", "load", "LANGUAGES"]

LANGUAGES = ("en",)

# The modules of this package, by concern (each imports only those before it):
#   _model     the records: Mention, Rule, Modifier, RangePattern
#   _lexicon   the lexicon and the macro kinds (regex + normaliser of each)
#   _compile   rule data -> Rule / Modifier / RangePattern, macro expansion, template checks
#   _prefilter which rules can match where (first-token keys)
#   _engine    RuleSet: extraction, impossible dates, overlap resolution, premodifiers
# Loading (below) stays here: it reads the package's data files.


def _read_toml(lang: str, filename: str) -> dict[str, Any]:
    try:
        raw = resources.files(__package__).joinpath(lang, filename).read_text(encoding="utf-8")
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as e:
        raise RuleDataError(f"rules/{lang}/{filename}: {e}") from None


@once_per_process
def load(lang: str = "en") -> RuleSet:
    """Load and compile the rules of ``lang`` (once per process, however many threads ask
    for them first)."""
    if lang not in LANGUAGES:
        raise RuleDataError(f"no rules for language {lang!r}; available: {', '.join(LANGUAGES)}")
    lex = Lexicon(_read_toml(lang, "lexicon.toml"))
    rules: list[Rule] = []
    negatives: list[Rule] = []
    modifiers: list[Modifier] = []
    ranges: list[RangePattern] = []
    folder = resources.files(__package__).joinpath(lang)
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml") and p.name != "lexicon.toml")
    seen: set[str] = set()
    for filename in names:
        data = _read_toml(lang, filename)
        macros = {k: v for k, v in data.get("macros", {}).items()}
        for rd in data.get("rule", []):
            rule = _compile(rd, lex, f"rules/{lang}/{filename}", macros, data.get("published"))
            if rule.name in seen:
                raise RuleDataError(f"rules/{lang}/{filename}: duplicate rule name {rule.name!r}")
            seen.add(rule.name)
            (negatives if filename == "negatives.toml" else rules).append(rule)
        for md in data.get("modifier", []):
            modifiers.append(_compile_modifier(md, lex, f"rules/{lang}/{filename}", macros, data.get("published")))
        for rg in data.get("range", []):
            ranges.append(_compile_range(rg, f"rules/{lang}/{filename}", data.get("published")))
    return RuleSet(lang, lex, rules, negatives, modifiers, ranges)
