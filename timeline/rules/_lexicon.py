"""The lexicon of one language and the macro kinds (``{month}``, ``{num}``...): for each,
the regex it expands to and the normaliser of the text it matches."""

from __future__ import annotations

import re
from typing import Any, Callable


def _alternation(forms: list[str], case_sensitive: set[str], dotted: set[str]) -> str:
    """Regex alternation of lexicon forms, longest first, honouring case and dots."""
    parts = []
    for form in sorted(set(forms), key=lambda f: (-len(f), f)):
        esc = re.escape(form).replace(r"\ ", r"\s+").replace(r"\-", r"[-\s]?")
        esc = esc.replace("'", "['’]")
        if form.lower() in dotted:
            esc += r"\.?"
        if form in case_sensitive:
            esc = f"(?-i:{esc}|{re.escape(form.upper())})"
        parts.append(esc)
    return "(?:" + "|".join(parts) + ")"


class Lexicon:
    """The lexicon tables of one language, with case-insensitive lookup."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.case_sensitive: set[str] = set(data.get("case_sensitive", []))
        self.dotted: set[str] = {d.lower() for d in data.get("dotted", [])}
        self.tables: dict[str, dict[str, Any]] = {k: v for k, v in data.items() if isinstance(v, dict)}
        numbers = dict(self.tables.get("numbers", {}))
        units_words = {k: v for k, v in numbers.items() if isinstance(v, int) and 1 <= v <= 9 and " " not in k and k not in ("a", "an")}
        for tw, tv in self.tables.get("tens", {}).items():
            numbers[tw] = tv
            for uw, uv in units_words.items():
                numbers[f"{tw}-{uw}"] = tv + uv
        self.tables["numbers"] = numbers
        self._lookup = {name: {self._key(k): v for k, v in table.items()} for name, table in self.tables.items()}

    @staticmethod
    def _key(s: str) -> str:
        return re.sub(r"[\s\-]+", " ", s.lower().replace("’", "'")).strip(" .")

    def get(self, table: str, text: str) -> Any:
        return self._lookup[table].get(self._key(text))

    def regex(self, *tables: str) -> str:
        forms: list[str] = []
        for t in tables:
            forms.extend(self.tables.get(t, {}))
        return _alternation(forms, self.case_sensitive, self.dotted)


# --- macro kinds: regex builder + normaliser ------------------------------------------------

# at most three digits: "1988 quarter" is a year, not 1,988 quarters
_NUM_DIGITS = r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d+)?"
_DAY_NUM = r"(?:0?[1-9]|[12]\d|3[01])"


def _norm_int(width: int) -> Callable[[str, Lexicon], str | None]:
    def f(text: str, lex: Lexicon) -> str | None:
        digits = re.sub(r"\D", "", text)
        return digits.zfill(width) if digits else None

    return f


def _norm_table(table: str, fmt: str = "{}") -> Callable[[str, Lexicon], str | None]:
    def f(text: str, lex: Lexicon) -> str | None:
        v = lex.get(table, text)
        return None if v is None else fmt.format(v)

    return f


def _norm_num(text: str, lex: Lexicon) -> str | None:
    t = text.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return t.rstrip("0").rstrip(".") if "." in t else str(int(t))
    v = lex.get("numbers", text)
    if v is None:
        v = lex.get("vague_numbers", text)
    return None if v is None else str(v)


def _norm_ord(text: str, lex: Lexicon) -> str | None:
    m = re.match(r"(\d+)", text)
    if m:
        return str(int(m.group(1)))
    v = lex.get("ordinals", text)
    return None if v is None else str(v)


def _norm_day(text: str, lex: Lexicon) -> str | None:
    v = _norm_ord(text, lex)
    return None if v is None or not 1 <= int(v) <= 31 else v.zfill(2)


def _norm_yy(text: str, lex: Lexicon) -> str:
    """"'98" -> ``YY98``: the century is the resolver's choice (from the publication date,
    or in a history from the story's date)."""
    return "YY" + re.sub(r"\D", "", text)


def _norm_decade(text: str, lex: Lexicon) -> str | None:
    m = re.search(r"(\d+)0s", text)
    if m:
        d = m.group(1)
        if len(d) == 3:
            return d
        if len(d) == 1:  # '90s / 90s -> the 1990s
            return "19" + d
        return None
    v = lex.get("decades", re.sub(r"^the\s+", "", text, flags=re.I))
    return None if v is None else f"19{v}"


def _yearword_regex(lx: Lexicon) -> str:
    tens = lx.regex("tens")[3:-1]
    units = "one|two|three|four|five|six|seven|eight|nine"
    teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    two_digits = rf"(?:(?:{tens})(?:[-\s](?:{units}))?|{teens}|(?:oh|o)[-\s](?:{units}))"
    return rf"(?:(?:nineteen|eighteen|twenty)[-\s]+{two_digits}|two\s+thousand(?:\s+(?:and\s+)?(?:{units}|{teens}))?)"


def _norm_yearword(text: str, lex: Lexicon) -> str | None:
    """ "nineteen ninety-six" -> "1996", "two thousand and one" -> "2001"."""
    words = re.split(r"[-\s]+", text.lower())
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        n = lex.get("numbers", rest[0]) if rest else 0
        return None if n is None else str(2000 + n)
    century = {"eighteen": 18, "nineteen": 19, "twenty": 20}[words[0]]
    rest = [w for w in words[1:] if w not in ("oh", "o")]
    n = lex.get("numbers", "-".join(rest)) if len(rest) > 1 else lex.get("numbers", rest[0])
    return None if n is None else str(century * 100 + n)


def _norm_era_year(text: str, lex: Lexicon) -> str | None:
    """A year written with its era ("241" of "241 BC", "79" of "AD 79") -> "0241", "0079"."""
    digits = re.sub(r"\D", "", text)
    return digits.zfill(4) if digits and int(digits) > 0 else None


def _norm_era_decade(text: str, lex: Lexicon) -> str | None:
    """A decade written with its era ("460s" of "the 460s BC") -> "046"."""
    digits = re.sub(r"\D", "", text)
    return digits[:-1].zfill(3) if digits else None


def _norm_century(text: str, lex: Lexicon) -> str | None:
    v = _norm_ord(text, lex)
    return None if v is None else f"{int(v) - 1:02d}"


def _norm_ampm(text: str, lex: Lexicon) -> str:
    return "pm" if text.strip().lower().startswith("p") else "am"


_KINDS: dict[str, tuple[Callable[[Lexicon], str], Callable[[str, Lexicon], str | None]]] = {
    "month": (lambda lx: lx.regex("month"), _norm_table("month", "{:02d}")),
    "weekday": (lambda lx: lx.regex("weekday"), _norm_table("weekday")),
    "num": (lambda lx: f"(?:{_NUM_DIGITS}|{lx.regex('numbers', 'vague_numbers')[3:-1]})", _norm_num),
    "ord": (lambda lx: r"(?:\d{1,2}(?:st|nd|rd|th)|" + lx.regex("ordinals")[3:-1] + ")", _norm_ord),
    "unit": (lambda lx: lx.regex("units"), _norm_table("units")),
    "cunit": (lambda lx: lx.regex("calendar_units"), _norm_table("calendar_units")),
    "rel": (lambda lx: lx.regex("relative_offsets"), _norm_table("relative_offsets", "{:+d}")),
    "season": (lambda lx: lx.regex("seasons"), _norm_table("seasons")),
    "pod": (lambda lx: lx.regex("parts_of_day"), _norm_table("parts_of_day")),
    "mod": (lambda lx: lx.regex("mods"), _norm_table("mods")),
    "qmod": (lambda lx: lx.regex("quantity_mods"), _norm_table("quantity_mods")),
    "qmod_outside": (lambda lx: lx.regex("quantity_mods_outside"), _norm_table("quantity_mods_outside")),
    "holiday": (lambda lx: lx.regex("holidays"), _norm_table("holidays")),
    "decade": (
        lambda lx: r"(?:1\d\d0s|20\d0s|['’]\d0s|\d0s|" + lx.regex("decades")[3:-1] + ")",
        _norm_decade,
    ),
    "century": (lambda lx: r"(?:\d{1,2}(?:st|nd|rd|th)|" + lx.regex("ordinals")[3:-1] + ")", _norm_century),
    "year": (lambda lx: r"(?:1[0-9]\d\d|20\d\d)", _norm_int(4)),
    "yearword": (lambda lx: _yearword_regex(lx), _norm_yearword),
    # a year or decade of any size, for rules that also match its era ("241 BC", "AD 79")
    "era_year": (lambda lx: r"(?<![\d,.])[1-9]\d{0,3}(?!\d|,\d)", _norm_era_year),
    "era_decade": (lambda lx: r"(?<![\d,.])[1-9]\d{0,2}0s", _norm_era_decade),
    "yy": (lambda lx: r"['’]\d\d", _norm_yy),
    "short_year": (lambda lx: r"\d\d", _norm_int(2)),
    "mm": (lambda lx: r"(?:0?[1-9]|1[0-2])", _norm_int(2)),
    "digit": (lambda lx: r"\d", _norm_int(1)),
    "dd": (lambda lx: _DAY_NUM, _norm_int(2)),
    "day": (
        lambda lx: rf"(?:{_DAY_NUM}(?:st|nd|rd|th)?|" + lx.regex("ordinals")[3:-1] + ")",
        _norm_day,
    ),
    "hh": (lambda lx: r"(?:[01]?\d|2[0-4])", _norm_int(2)),
    "mins": (lambda lx: r"[0-5]\d", _norm_int(2)),
    "ampm": (lambda lx: r"(?:[ap]\.\s?m\.?|[ap]m\b|[ap]\s?m\b)", _norm_ampm),
}

_TIME_UNITS = {"H": "H", "MI": "M", "S": "S"}


def _derive(g: dict[str, str]) -> dict[str, str] | None:
    """Fields computed from several groups: ``dur`` (ISO duration), ``clock`` (Thh:mm),
    ``year_end`` (the first year from ``year`` on that ends in ``short_year``: "1998-99" -> 1999)."""
    if "short_year" in g and "year" in g:
        start = int(g["year"])
        end = start - start % 100 + int(g["short_year"])
        g["year_end"] = str(end if end >= start else end + 100)
    unit = g.get("unit")
    num = g.get("num", "1")
    if unit:
        if unit == "2W":
            unit, num = "W", ("X" if num == "X" else _fmt_num(float(num) * 2))
        if unit in _TIME_UNITS:
            g["dur"] = f"PT{num}{_TIME_UNITS[unit]}"
        else:
            g["dur"] = f"P{num}{unit}"
        g["unit"] = unit
        g["num"] = num
    if "hh" in g:
        hour = int(g["hh"])
        ampm = g.get("ampm")
        if ampm:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if ampm == "pm" else 0)
        if hour > 24:
            return None
        g["clock"] = f"T{hour:02d}:{g.get('mins', '00')}"
    return g


class _Blank(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return ""


def _fmt_num(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)

