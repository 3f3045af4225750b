"""How names are compared: one folded form of text in which case, accents, composed or
decomposed letters, compatibility forms, typographic apostrophes, dashes and characters hidden
inside a word make no difference. Pure; the redactor matches on it.
"""

from __future__ import annotations

import unicodedata

# Parts of names that are also ordinary English words. Alone, they are replaced only where they
# start with a capital ("Will finished" but not "I will model"), unless the roster entry says
# every_case. Data, not logic: extend it as teachers meet more.
_COMMON_WORDS = """
    will art mark may grace bill june rose hope faith joy summer autumn dawn amber ruby pearl
    iris lily violet jade ivy holly heather daisy sunny sky rain river storm penny sandy rusty
    dusty chase drew frank gene guy jack jay ray rob pat sue don dean earl glen grant hunter
    lance miles nick pierce reed rich rock rod sterling ward wade cliff bob skip win patience
    charity harmony melody destiny honor honour justice liberty august april king major noble
    baker cook mason miller taylor turner porter fisher archer butler carpenter cooper fletcher
    glover hall hill wood brook field bush lane park stone white black brown green gray grey
    young long short little hardy bright bell page rice street wall west north south bishop
    carter parker walker marsh moss fox wolf crane swift strong fair free best gay sage blue
    star angel precious honey candy crystal ginger olive basil hazel rowan ash bay reef wren
    robin max min sun
"""
COMMON_WORDS: frozenset[str] = frozenset(_COMMON_WORDS.split())

# Small words inside names ("Maria de la Cruz", "Ludwig van Beethoven") say nothing about who
# a child is, and are ordinary words in many languages: never replaced on their own.
_PARTICLES = (
    "de del della der den di da das dos du la le les van von ten ter bin binti ibn al el st"
)
PARTICLES: frozenset[str] = frozenset(_PARTICLES.split())

# Characters that hide inside a word without showing (zero-width space and joiners, word joiner,
# soft hyphen, byte-order mark, Mongolian vowel separator, bidi marks): folded to one marker that
# may appear anywhere in a name and still counts as a gap between words.
HIDDEN = "\u200b"
# Letters that show as nothing (Hangul fillers, the Mongolian vowel separator).
_FILLERS = "\u115f\u1160\u3164\uffa0\u180e"
# Apostrophes and dashes as phones and word processors type them.
_APOSTROPHES = "\u2019\u2018\u02bc\u02bb\u2032\u00b4\u0060\uff07\u201b"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
# Letters that no Unicode decomposition takes to a plain letter, but that people leave off.
_PLAIN = {
    "\u0131": "i",  # the dotless i of Turkish names
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "ħ": "h",
    "þ": "th",
    "æ": "ae",
    "œ": "oe",
    "ŀ": "l",
}

# A letter of a script written with spaces between words: such a letter next to a name means
# the name is only part of a longer word. Scripts written without spaces (Han, kana, Hangul,
# Thai, Lao, Khmer, Myanmar, Tibetan) never glue, so names in or beside them are always found.
UNSPACED = (
    "\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u1100-\u11ff\u2e80-\u2fdf"
    "\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uff9f"
    "\U00020000-\U0003134f"
)
SPACED_LETTER = rf"(?![{UNSPACED}])[^\W\d_]"


_FOLDED: dict[str, str] = {}


def _fold_char(ch: str) -> str:
    folded = _FOLDED.get(ch)
    if folded is None:
        folded = _fold_one(ch)
        if len(_FOLDED) < 65536:
            _FOLDED[ch] = folded
    return folded


def _fold_one(ch: str) -> str:
    if ch in _APOSTROPHES:
        return "'"
    if ch in _DASHES:
        return "-"
    category = unicodedata.category(ch)
    if category == "Cf" or ch in _FILLERS:
        return HIDDEN
    if category == "Mn":
        return ""
    out = []
    for piece in unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", ch).casefold()):
        if unicodedata.category(piece) == "Mn":
            continue
        out.append(_PLAIN.get(piece, piece))
    return "".join(out)


def fold(text: str) -> str:
    """The one form in which names are compared and found.

    Case, accents, composed or decomposed letters, compatibility forms (full-width letters),
    typographic apostrophes and dashes make no difference; hidden characters become one marker.
    """
    if text.isascii():
        return text.lower().replace("`", "'")
    return "".join(_fold_char(ch) for ch in text)


def folded_with_origin(text: str) -> tuple[str, list[str] | None]:
    """The folded text and, unless folding kept every character in place, what each became."""
    if text.isascii():
        return text.lower().replace("`", "'"), None
    pieces = [_fold_char(ch) for ch in text]
    folded = "".join(pieces)
    if len(folded) == len(text) and all(len(p) == 1 for p in pieces):
        return folded, None
    return folded, pieces


def match_key(name: str) -> str:
    """A roster name as the redactor compares it: folded, hidden characters out, spaces single."""
    return " ".join(fold(name).replace(HIDDEN, "").split())
