"""Shared helpers: inline markup [[Category:text]] -> (plain text, spans)."""
import re

ABBREV = {
    "N": "PersonName", "D": "Date", "A": "Age", "P": "Place", "T": "Phone", "E": "Email",
    "I": "RecordNumber", "U": "UrlOrIp", "X": "Profanity", "S": "Slur", "G": "Derogatory",
    "C": "UndisclosedConflict", "R": "UnsourcedClaim",
}
_TAG = re.compile(r"\[\[([A-Z]):(.*?)\]\]", re.S)


def parse(markup):
    """Returns (text, spans) where spans are dicts with start/end in UTF-16 code units (as .NET counts them)."""
    out, spans, pos = [], [], 0
    last = 0
    for m in _TAG.finditer(markup):
        before = markup[last:m.start()]
        out.append(before)
        pos += utf16_len(before)
        inner = m.group(2)
        if "[[" in inner:
            raise ValueError("nested markup: " + markup)
        spans.append({"start": pos, "end": pos + utf16_len(inner), "category": ABBREV[m.group(1)]})
        out.append(inner)
        pos += utf16_len(inner)
        last = m.end()
    out.append(markup[last:])
    text = "".join(out)
    if "[[" in text or "]]" in text:
        raise ValueError("unbalanced markup: " + markup)
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text, merge_adjacent(text, spans)


def merge_adjacent(text, spans):
    """A first name and surname written side by side are one name: same-category spans split by one space merge."""
    merged = []
    units = text.encode("utf-16-le")
    for span in spans:
        if merged and merged[-1]["category"] == span["category"] and span["start"] - merged[-1]["end"] == 1 \
                and units[2 * merged[-1]["end"]:2 * span["start"]] == " ".encode("utf-16-le"):
            merged[-1]["end"] = span["end"]
        else:
            merged.append(dict(span))
    return merged


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2
