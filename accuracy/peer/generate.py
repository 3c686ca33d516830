"""Address forms with python-email-validator's verdicts, for `npm run accuracy` and the tests.

The forms are drawn (fixed seed, so the file is reproducible) from the rules of RFC 5321/5322,
RFC 6531 and IDNA2008 (RFC 5891-5893), across the scripts the service's users write in: each
group exercises one rule with characters taken from Unicode blocks, not from the service's code.
The verdicts are the peer's, python-email-validator 2.x with its defaults (no DNS), asked twice:
with SMTPUTF8 allowed (its default) and not (the service's default, ALLOW_SMTPUTF8 unset).

Regenerate (needs Python 3 and pip; offline from a wheel store with --no-index --find-links):
  python3 -m venv /tmp/peer && /tmp/peer/bin/pip install email_validator==2.3.0
  /tmp/peer/bin/python accuracy/peer/generate.py > accuracy/address-forms.json
"""
import json
import random
import sys
import unicodedata

import email_validator
import idna
from email_validator import EmailNotValidError, validate_email

rng = random.Random(20261205)
forms = []  # (group, address)


def add(group, address):
    forms.append((group, address))


def pick(s, n):
    return "".join(rng.choice(s) for _ in range(n))


ASCII_LOWER = "abcdefghijklmnopqrstuvwxyz"
ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~"
TLDS = ["jp", "co.jp", "ne.jp", "or.jp", "ac.jp", "com", "net", "org", "cn", "com.cn", "kr", "co.kr", "tw", "com.tw", "hk", "sg", "in", "co.in", "th", "co.th", "vn", "id", "my", "ph", "de", "fr", "ru", "io"]
# Scripts of Japan and Asia (and a few others the rules single out), as Unicode ranges.
SCRIPTS = {
    "hiragana": (0x3041, 0x3096),
    "katakana": (0x30A1, 0x30FA),
    "han": (0x4E00, 0x9FFF),
    "hangul": (0xAC00, 0xD7A3),
    "thai": (0x0E01, 0x0E3A),
    "devanagari": (0x0905, 0x0939),
    "bengali": (0x0985, 0x09B9),
    "tamil": (0x0B85, 0x0BB9),
    "arabic": (0x0627, 0x064A),
    "hebrew": (0x05D0, 0x05EA),
    "greek": (0x03B1, 0x03C9),
    "cyrillic": (0x0430, 0x044F),
    "latin-accented": (0x00E0, 0x00FF),
    "lao": (0x0E81, 0x0EAE),
    "khmer": (0x1780, 0x17A2),
    "myanmar": (0x1000, 0x102A),
}


def script_text(name, n):
    lo, hi = SCRIPTS[name]
    out = []
    while len(out) < n:
        c = chr(rng.randint(lo, hi))
        if unicodedata.category(c) != "Cn":
            out.append(c)
    return "".join(out)


def ascii_label(n=None):
    return pick(ASCII_LOWER, n or rng.randint(2, 10))


def ascii_domain():
    return ascii_label() + "." + rng.choice(TLDS)


# 1. ASCII local parts: atext, dots, specials, quoting, lengths.
for _ in range(60):
    add("ascii-local", pick(ASCII_LOWER + "0123456789", rng.randint(1, 12)) + "@" + ascii_domain())
for _ in range(40):
    add("ascii-local-specials", pick(ASCII_LOWER + ATEXT_SPECIALS, rng.randint(1, 12)) + "@" + ascii_domain())
for _ in range(40):
    local = ascii_label(3) + rng.choice([".", "..", ".", "-", "_", "+"]) + ascii_label(3)
    local = rng.choice(["", ".", ""]) + local + rng.choice(["", ".", ""])
    add("ascii-local-dots", local + "@" + ascii_domain())
for _ in range(20):
    add("ascii-local-forbidden", ascii_label(3) + rng.choice('()<>[]:;@\\,"') + ascii_label(3) + "@" + ascii_domain())
for _ in range(10):
    add("quoted-local", '"' + ascii_label(3) + rng.choice([" ", "@", "..", ""]) + ascii_label(2) + '"@' + ascii_domain())
for n in (63, 64, 65, 70):
    add("local-length", pick(ASCII_LOWER, n) + "@" + ascii_domain())
for n in (21, 22, 32):
    add("local-length", script_text("han", n) + "@" + ascii_domain())

# 2. Local parts in the scripts people type, and characters that are not letters.
for name in SCRIPTS:
    for _ in range(6):
        add("unicode-local", script_text(name, rng.randint(1, 6)) + "@" + ascii_domain())
for _ in range(10):
    add("unicode-local-nfd", unicodedata.normalize("NFD", script_text("latin-accented", 4)) + "@" + ascii_domain())
for c in ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u00a0", "\u3000", "\u2028", "\u0007", "\u202e", "\ue000"]:
    add("unicode-local-invisible", ascii_label(3) + c + ascii_label(3) + "@" + ascii_domain())
for c in ["\u0301", "\u0308", "\u3099"]:
    add("unicode-local-mark-first", c + ascii_label(3) + "@" + ascii_domain())
for c in ["😀", "✉", "♥", "①", "™", "ｱ", "ａ", "Ａ", "ﬁ", "²", "㈱", "・", "ー", "〜", "－", "＿"]:
    add("unicode-local-symbol", ascii_label(3) + c + ascii_label(2) + "@" + ascii_domain())

# 3. Domains in the scripts of Asia (IDNA2008 U-labels), with ASCII and IDN TLDs.
for name in SCRIPTS:
    for _ in range(8):
        label = script_text(name, rng.randint(1, 8))
        add("idn-label", ascii_label(4) + "@" + label + "." + rng.choice(TLDS + ["中国", "香港", "台灣", "한국", "ไทย", "भारत", "рф", "موقع", "קום"]))
# Upper case, NFD and mixed ASCII in U-labels (UTS #46 maps them).
for _ in range(12):
    label = script_text("latin-accented", 4).upper()
    add("idn-upper", ascii_label(4) + "@" + label + "." + rng.choice(TLDS))
for _ in range(8):
    label = unicodedata.normalize("NFD", script_text("latin-accented", 4))
    add("idn-nfd", ascii_label(4) + "@" + label + "." + rng.choice(TLDS))
# RFC 5892 Appendix A: the contextual rules, each with and without its context.
CONTEXT = [
    "l\u00b7l", "a\u00b7b", "\u00b7l", "l\u00b7",                                  # A.3 middle dot
    "\u0375\u03b1\u03b2", "\u03b1\u0375", "\u0375a",                                 # A.4 keraia
    "\u05d0\u05f3", "\u05f3\u05d0", "\u05d0\u05f4\u05d1", "a\u05f4",                 # A.5/A.6 geresh
    "\u30a2\u30fb\u30a4", "\u3042\u30fb", "a\u30fbb", "\u6f22\u30fb\u5b57", "\u30fb",  # A.7 katakana middle dot
    "\u0661\u0662\u0663", "\u06f1\u06f2\u06f3", "\u0628\u0661\u06f2",                # A.8/A.9 digits
    "\u0915\u094d\u200d\u0937", "\u0915\u200d\u0937", "\u0915\u094d\u200c\u0937",    # A.2/A.1 ZWJ/ZWNJ after virama
    "\u0628\u200c\u0628", "a\u200cb", "\u200c\u0628",                                 # A.1 ZWNJ by joining type
]
for label in CONTEXT:
    for tld in ("com", "jp"):
        add("idna-context", ascii_label(4) + "@" + label + "." + tld)
# RFC 5893: the Bidi rule across RTL and LTR labels of one name.
BIDI = [
    "\u05d0\u05d1\u05d2", "\u05d0\u05d1\u05d2" + "1", "1" + "\u05d0\u05d1", "\u05d0a\u05d1", "\u0627\u0644\u0639",
    "\u0627\u0661", "\u0627" + "1" + "\u0661", "\u0627\u0644-\u0639", "\u05d0\u0301", "\u0301\u05d0",
    "a\u05d0", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
]
for label in BIDI:
    for other in ("com", "example-" + ascii_label(3) + ".com", "1" + ascii_label(3) + ".com", "\u05e7\u05d5\u05dd"):
        add("idna-bidi", ascii_label(4) + "@" + label + "." + other)
# Characters UTS #46 passes or maps but IDNA2008 disallows, and compatibility forms.
for c in ["\u2010", "\u2013", "\u2605", "\u2603", "\u2665", "\u2460", "\u2122", "\u00bd", "\u3231", "\u337f",
          "\u2166", "\ufb01", "\u00b2", "\u00b5", "\uff71", "\uff21", "\uff41", "\uff10", "\u3002", "\uff0e", "\uff61",
          "\u00df", "\u03c2", "\u0640", "\u3005", "\u3031", "\u309d", "\u30fc", "\u02bc", "\U0001f4a9", "\u3164", "\u115f"]:
    add("idna-disallowed-or-mapped", ascii_label(4) + "@" + ascii_label(3) + c + ascii_label(2) + "." + rng.choice(["com", "jp"]))
# Labels that start with a mark, and hyphens where the rules forbid them.
for label in ["\u0301abc", "\u3099\u3042", "\u0e31\u0e01", "-abc", "abc-", "ab--cd", "xn--", "a-b", "\u3042-\u3044", "\u3042--\u3044"]:
    add("idna-hyphen-mark", ascii_label(4) + "@" + label + ".jp")

# 4. A-labels typed as such: valid ones of real scripts, and broken ones.
for name in ("han", "hiragana", "hangul", "thai", "arabic", "cyrillic"):
    for _ in range(3):
        try:
            a = idna.encode(script_text(name, 4)).decode()
        except idna.IDNAError:
            continue
        add("a-label", ascii_label(4) + "@" + a + ".com")
for a in ["xn--abc", "xn--zz", "xn--ls8h", "xn--1", "xn--a-ecp", "xn--ll-0ea", "xn--llb-n6a", "xn--mgba3a4f16a", "XN--WGV71A", "xn--", "xn---"]:
    add("a-label-typed", ascii_label(4) + "@" + a + ".jp")

# 5. The shape of the name: lengths, dots, single labels, TLDs, literals, special-use names.
for n in (62, 63, 64):
    add("domain-length", ascii_label(4) + "@" + pick(ASCII_LOWER, n) + ".com")
for total in (240, 253, 254):
    labels = []
    while sum(len(x) + 1 for x in labels) < total - 4:
        labels.append(pick(ASCII_LOWER, min(60, total - 4 - sum(len(x) + 1 for x in labels))))
    add("domain-length", "a@" + ".".join(labels) + ".com")
for d in [".jp", "a..jp", "a.jp.", "jp", "localhost", "a.123", "a.1a", "a.a1", "1.2.3.4", "[1.2.3.4]", "[IPv6:::1]",
          "a.local", "a.localhost", "a.test", "a.invalid", "a.example", "example.com", "a.onion", "a.arpa", "a.home.arpa",
          "a.internal", "a.alt", "a_b.jp", "a b.jp", "a.b.c.d.e.jp", "xn--a.jp"]:
    add("domain-shape", ascii_label(4) + "@" + d)
for s in ["", "@", "a@", "@a.jp", "a@@b.jp", "a@b@c.jp", "a", "a.jp", "a@b", "<a@b.jp>", "A <a@b.jp>", "mailto:a@b.jp"]:
    add("address-shape", s)
# Case is kept in local parts and folded in domains.
for _ in range(10):
    add("case", pick(ASCII_LOWER.upper() + ASCII_LOWER, 6) + "@" + pick(ASCII_LOWER.upper(), 5) + "." + rng.choice(["COM", "Jp", "co.JP"]))
# Japanese input: what an IME types in full-width, whole or in part.
for _ in range(16):
    local = ascii_label(5)
    dom = ascii_label(5) + ".co.jp"
    addr = local + "@" + dom
    chars = list(addr)
    for i in rng.sample(range(len(chars)), rng.randint(1, 3)):
        c = chars[i]
        chars[i] = {"@": "\uff20", ".": rng.choice(["\uff0e", "\u3002"])}.get(c, chr(ord(c) + 0xFEE0) if c.isalnum() else c)
    add("ime", "".join(chars))


def peer(address, smtputf8):
    try:
        r = validate_email(address, check_deliverability=False, allow_smtputf8=smtputf8)
        return {"ok": True, "normalized": r.normalized}
    except EmailNotValidError as e:
        return {"ok": False, "error": str(e)}


seen = set()
entries = []
for group, address in forms:
    if address in seen:
        continue
    seen.add(address)
    entries.append({"address": address, "group": group, "utf8": peer(address, True), "ascii": peer(address, False)})

json.dump(
    {
        "$comment": "Address forms drawn from the rules of RFC 5321/5322, RFC 6531 and IDNA2008 (RFC 5891-5893) across the scripts of Japan and Asia, with python-email-validator's verdicts: utf8 with SMTPUTF8 allowed (its default), ascii without (the service's default). Generated by accuracy/peer/generate.py (fixed seed); never edited by hand.",
        "peer": f"python-email-validator {email_validator.__version__}, idna {idna.__version__}, Python {sys.version.split()[0]}",
        "entries": entries,
    },
    sys.stdout,
    ensure_ascii=False,
    indent=1,
)
sys.stdout.write("\n")
