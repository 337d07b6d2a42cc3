#!/usr/bin/env python3
"""Writes the bad-input corpus of issue 9 (run from this folder): files under yaml/, json/,
minutes/, and cases.tsv, one line per case: path or arguments, what must happen
(`refused` or `stored`), and a text the message (refused) or the stored value (stored)
must contain. tests: Tests/PykalaTests/BadInputTests.swift."""
import json, os, shutil

cases = []
for folder in ["yaml", "json", "minutes"]:
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)

def add(folder, name, content, outcome, expect):
    path = f"{folder}/{len(cases) + 1:03d}-{name}"
    with open(path, "wb") as handle:
        handle.write(content if isinstance(content, bytes) else content.encode("utf-8"))
    cases.append(("file", path, outcome, expect))

def doc(**fields):
    base = {"body": "Kunnanhallitus", "title": "Koe"}
    base.update(fields)
    return base

def yaml_scalar(value):
    return json.dumps(value, ensure_ascii=False)

# Amounts: refused with the value named.
for i, amount in enumerate(["1.5", "1,505", "abc", "-5 €", "1e3", "∞", "1 000 000 000 000 000 000 000", "0x10", "12,34,56", "€",
                            "NaN", "1..0", "1.000,5,5", "5 $", "5 euro 5", "1,5,0", "½", "١٠٠", "1 0 0 0 0", "12.34.5"]):
    text = f"body: Kunnanhallitus\ntitle: Koe\ntotal: {yaml_scalar(amount)}\n"
    add("yaml", f"amount-{i}.yaml", text, "refused", "total")

# Dates: refused with the field named.
for i, date in enumerate(["31.2.2020", "2020-13-01", "1.1.20", "20.2", "2020/02/20", "huomenna", "0.0.0", "29.2.2021", "2020-02-30",
                          "1.1.10000", "32.1.2020", "20.2.2020 klo 12", "2020-2-20", "20-02-2020", "20.02.2020.", "٢٠.٢.٢٠٢٠",
                          "2020-02-20T10:00", "2020-W08-4", "0.1.2020", "-1.1.2020", "1.1.1899", "1.1.2200", "20.2.2020 - 21.2.2020",
                          "2020-02-20x", "20.2.2020,", "20. 2. 2020", "2020.02.20", "02/20/2020", "20 helmikuuta 2020", "Feb 20 2020"]):
    text = f"body: Kunnanhallitus\ntitle: Koe\ndeadlines:\n  - {{kind: reply_by, date: {yaml_scalar(date)}}}\n"
    add("yaml", f"date-{i}.yaml", text, "refused", "deadlines[0].date")

# Diary numbers: refused.
for i, number in enumerate(["/15.151/2020", "2265//2020", "2265/15.151/20", "2265/15.151/2020/1", "0/15.151/2020", "2265/15..151/2020",
                            "2265 / 15.151 / 2020", "2265/15.151/-2020", "2265/15,151/2020", "x" * 101, "dnro\n2265", "2265/15.151/99999"]):
    text = f"body: Kunnanhallitus\ntitle: Koe\ncase: {{diary_number: {yaml_scalar(number)}}}\n"
    add("yaml", f"diary-{i}.yaml", text, "refused", "case.diary_number")

# Structure and vocabulary.
structure = [
    ("unknown-key", "body: Kunnanhallitus\ntitle: Koe\ncolour: red\n", "colour"),
    ("missing-body", "title: Koe\n", "body"),
    ("missing-title", "body: Kunnanhallitus\n", "title"),
    ("empty-title", "body: Kunnanhallitus\ntitle: ''\n", "title"),
    ("title-list", "body: Kunnanhallitus\ntitle: [a, b]\n", "title"),
    ("duplicate-key", "body: Kunnanhallitus\ntitle: Koe\ntitle: Toinen\n", "title"),
    ("tab-indent", "body: Kunnanhallitus\ntitle: Koe\ncase:\n\tdiary_number: 1/1/2020\n", ":4"),
    ("syntax", "body: Kunnanhallitus\ntitle: [Koe\n", "(syntax)"),
    ("root-scalar", "just text\n", "expected a mapping"),
    ("empty-file", "", "holds no decision"),
    ("only-comments", "# nothing\n", "holds no decision"),
    ("shares-not-list", "body: Kunnanhallitus\ntitle: Koe\ncost_shares: 100\n", "cost_shares"),
    ("share-no-year", "body: Kunnanhallitus\ntitle: Koe\ncost_shares:\n  - {amount: 100}\n", "cost_shares[0].year"),
    ("share-no-amount", "body: Kunnanhallitus\ntitle: Koe\ncost_shares:\n  - {year: 2020}\n", "cost_shares[0].amount"),
    ("share-both", "body: Kunnanhallitus\ntitle: Koe\ncost_shares:\n  - {year: 2020, amount: 1, amount_cents: 100}\n", "amount"),
    ("share-negative", "body: Kunnanhallitus\ntitle: Koe\ncost_shares:\n  - {year: 2020, amount_cents: -1}\n", "amount_cents"),
    ("share-year", "body: Kunnanhallitus\ntitle: Koe\ncost_shares:\n  - {year: 20, amount: 1}\n", "year"),
    ("shares-total", "body: Kunnanhallitus\ntitle: Koe\ntotal: 100\ncost_shares:\n  - {year: 2020, amount: 99}\n", "add up"),
    ("outcome", "body: Kunnanhallitus\ntitle: Koe\noutcome: maybe\n", "outcome"),
    ("deadline-kind", "body: Kunnanhallitus\ntitle: Koe\ndeadlines:\n  - {kind: soon, date: 1.1.2020}\n", "kind"),
    ("deadline-no-date", "body: Kunnanhallitus\ntitle: Koe\ndeadlines:\n  - {kind: other}\n", "date"),
    ("deadline-done", "body: Kunnanhallitus\ntitle: Koe\ndeadlines:\n  - {kind: other, date: 1.1.2020, done: perhaps}\n", "done"),
    ("contact-role", "body: Kunnanhallitus\ntitle: Koe\ncontacts:\n  - {role: boss, name: A B}\n", "role"),
    ("contact-email", "body: Kunnanhallitus\ntitle: Koe\ncontacts:\n  - {role: preparer, name: A B, email: not-an-email}\n", "email"),
    ("contact-phone", "body: Kunnanhallitus\ntitle: Koe\ncontacts:\n  - {role: preparer, name: A B, phone: call me}\n", "phone"),
    ("contact-no-name", "body: Kunnanhallitus\ntitle: Koe\ncontacts:\n  - {role: preparer}\n", "name"),
    ("publicity", "body: Kunnanhallitus\ntitle: Koe\npublicity: hidden\n", "publicity"),
    ("publicity-empty-basis", "body: Kunnanhallitus\ntitle: Koe\npublicity: {secret: ''}\n", "publicity.secret"),
    ("vote-negative", "body: Kunnanhallitus\ntitle: Koe\nvote: {yes: -1, no: 2}\n", "vote.yes"),
    ("vote-key", "body: Kunnanhallitus\ntitle: Koe\nvote: {jaa: 1}\n", "vote.jaa"),
    ("section-zero", "body: Kunnanhallitus\ntitle: Koe\nmeeting: {date: 1.1.2020, section: 0}\n", "meeting.section"),
    ("section-big", "body: Kunnanhallitus\ntitle: Koe\nmeeting: {date: 1.1.2020, section: 100000}\n", "meeting.section"),
    ("meeting-no-date", "body: Kunnanhallitus\ntitle: Koe\nmeeting: {section: 3}\n", "meeting.date"),
    ("earlier-no-body", "body: Kunnanhallitus\ntitle: Koe\nearlier_handlings:\n  - {date: 1.1.2020}\n", "earlier_handlings[0].body"),
    ("disqualified-no-name", "body: Kunnanhallitus\ntitle: Koe\ndisqualified:\n  - {ground: jäävi}\n", "disqualified[0].name"),
    ("project-no-name", "body: Kunnanhallitus\ntitle: Koe\nproject: {coordinator: X}\n", "project.name"),
    ("unknown-body", "body: Kaupunginvaltuusto X\ntitle: Koe\n", "does not exist"),
    ("unknown-org", "organization: Tuntematon kunta\nbody: Kunnanhallitus\ntitle: Koe\n", "does not exist"),
    ("nul-byte", "body: Kunnanhallitus\ntitle: \"Ko\\0e\"\n", "NUL"),
    ("control-char", "body: Kunnanhallitus\ntitle: \"Ko\\u0007e\"\n", "title: contains the control character U+7"),
    ("tab-in-title", "body: Kunnanhallitus\ntitle: \"Ko\\te\"\n", "title: contains a tab"),
    ("newline-in-name", "body: Kunnanhallitus\ntitle: Koe\ncontacts:\n  - {role: preparer, name: \"A\\nB\"}\n", "contacts[0].name: contains a line break"),
    ("billion-laughs", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                       "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nbody: Kunnanhallitus\ntitle: Koe\n", "is not a known key"),
    ("deep-nesting", "body: Kunnanhallitus\ntitle: Koe\nproject: " + "[" * 200 + "]" * 200 + "\n", "project"),
    ("list-of-bad", "- {body: Kunnanhallitus, title: A}\n- {body: Kunnanhallitus}\n", ":2:3: title"),
    ("yaml-bool-title", "body: Kunnanhallitus\ntitle: Koe\ncase: {diary_number: 1/1/2020, title: [x]}\n", "case.title"),
]
for name, text, expect in structure:
    add("yaml", f"{name}.yaml", text, "refused", expect)

# Huge fields.
add("yaml", "title-501.yaml", f"body: Kunnanhallitus\ntitle: {'a' * 501}\n", "refused", "at most 500")
add("yaml", "description-200001.yaml", f"body: Kunnanhallitus\ntitle: Koe\ndescription: {'b' * 200001}\n", "refused", "at most 200000")
add("yaml", "body-201.yaml", f"body: {'c' * 201}\ntitle: Koe\n", "refused", "at most 200")
add("yaml", "deadline-text-2001.yaml", f"body: Kunnanhallitus\ntitle: Koe\ndeadlines:\n  - {{kind: other, date: 1.1.2020, text: {'d' * 2001}}}\n", "refused", "at most 2000")
add("yaml", "contact-name-201.yaml", f"body: Kunnanhallitus\ntitle: Koe\ncontacts:\n  - {{role: preparer, name: {'e' * 201}}}\n", "refused", "at most 200")
add("yaml", "many-shares.yaml", "body: Kunnanhallitus\ntitle: Koe\ntotal: 1\ncost_shares:\n" + "".join(f"  - {{year: 2020, amount: 1}}\n" for _ in range(5)), "refused", "add up")

# Invalid UTF-8.
for i, raw in enumerate([b"\xff\xfe", b"\xc3\x28", b"\xe2\x82", b"\xf0\x28\x8c\xbc", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf8\x88\x80\x80\x80",
                         b"\x80", b"\xfe", b"\xef\xbf"]):
    add("yaml", f"utf8-{i}.yaml", b"body: Kunnanhallitus\ntitle: K" + raw + b"oe\n", "refused", "UTF-8")

# JSON.
json_cases = [
    ("missing-comma", '{"body": "Kunnanhallitus" "title": "Koe"}', "(syntax)"),
    ("nan", '{"body": "Kunnanhallitus", "title": "Koe", "total_cents": NaN}', "total_cents"),
    ("duplicate", '{"body": "Kunnanhallitus", "title": "Koe", "title": "X"}', "title"),
    ("number-title", '{"body": "Kunnanhallitus", "title": {"a": 1}}', "title"),
    ("array-of-arrays", '[[{"body": "Kunnanhallitus", "title": "Koe"}]]', "expected a mapping"),
    ("huge-number", '{"body": "Kunnanhallitus", "title": "Koe", "total_cents": 1' + "0" * 40 + '}', "total_cents"),
    ("nul-escape", '{"body": "Kunnanhallitus", "title": "Ko\\u0000e"}', "title"),
    ("float-cents", '{"body": "Kunnanhallitus", "title": "Koe", "total_cents": 10.5}', "total_cents"),
    ("negative-cents", '{"body": "Kunnanhallitus", "title": "Koe", "total_cents": -100}', "total_cents"),
    ("string-year", '{"body": "Kunnanhallitus", "title": "Koe", "cost_shares": [{"year": "kaksi", "amount_cents": 1}]}', "year"),
    ("null-body", '{"body": null, "title": "Koe"}', "body"),
    ("bool-title", '{"body": "Kunnanhallitus", "title": true, "outcome": "yes"}', "outcome"),
    ("unterminated", '{"body": "Kunnanhallitus", "title": "Koe"', "(syntax)"),
    ("bom-garbage", '\ufeff{"body": "Kunnanhallitus", "title": "Koe", "x": 1}', "x"),
    ("unknown-nested", '{"body": "Kunnanhallitus", "title": "Koe", "case": {"number": "1/1/2020"}}', "case.number"),
    ("empty-array", "[]", "holds no decision"),
    ("deadline-iso-time", '{"body": "Kunnanhallitus", "title": "Koe", "deadlines": [{"kind": "other", "date": "2020-02-20T00:00:00Z"}]}', "date"),
    ("contact-array", '{"body": "Kunnanhallitus", "title": "Koe", "contacts": {"role": "preparer"}}', "contacts"),
    ("vote-string", '{"body": "Kunnanhallitus", "title": "Koe", "vote": "4-7"}', "vote"),
    ("secret-list", '{"body": "Kunnanhallitus", "title": "Koe", "publicity": ["secret"]}', "publicity"),
]
for name, text, expect in json_cases:
    add("json", f"{name}.json", text, "refused", expect)

# Stored verbatim and shown safely: SQL metacharacters, CSV and HTML injection.
stored = ["'; DROP TABLE pykala.decision; --", "Robert'); DELETE FROM pykala.event;--", "$1 $2 \\x00 %s %n", "\" OR 1=1 --",
          "=cmd|' /C calc'!A0", "+SUM(1+1)", "-2+3", "@SUM(A1)", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
          "&lt;already escaped&gt;", "§ 39 €  ä ö å — ”lainaus”", "{{mustache}} {{{triple}}}", "../../etc/passwd",
          "\u202eevil right-to-left", "a" * 500]
for i, title in enumerate(stored):
    text = f"body: Kunnanhallitus\ntitle: {yaml_scalar(title)}\ncase: {{diary_number: {9000 + i}/00.00/2024}}\n"
    add("yaml", f"stored-{i}.yaml", text, "stored", title)

# Minutes text.
minutes = [
    ("empty", "", "no section of minutes found"),
    ("words", "Tämä ei ole pöytäkirja.\n", "no section of minutes found"),
    ("binary", bytes(range(1, 32)) * 10, "no section of minutes found"),
    ("invalid-utf8", b"\xa7 5\nOtsikko\n\xff\n", "UTF-8"),
    ("no-body", "§ 5\nOtsikko\nLAPDno-2025-1\nPäätös\nHyväksyttiin.\n", "has no body"),
    ("no-title", "§ 5\n\nPäätös\nHyväksyttiin.\n", "has no"),
    ("headings-only", "Lapuan kaupunki\nKaupunginhallitus\nPöytäkirja\n1.1.2025\n1/2025\n1 (2)\n", "no section of minutes found"),
    ("section-only", "§ 12\n", "has no"),
    ("huge-line", "§ 5\n" + "x" * 300 + "\n", "has no"),
    ("zero-width", "\u200b\u200b\u200b\n\ufeff\n", "no section of minutes found"),
    ("two-no-body", "§ 1\nA\nLAPDno-2025-1\nPäätös\nHyväksyttiin.\n§ 2\nB\nLAPDno-2025-2\nPäätös\nHyväksyttiin.\n", "has no body"),
    ("nul", "§ 5\nOts\x00ikko\nKunnanhallitus 1.1.2020 § 5\nPäätös\nHyväksyttiin.\n", ":2: the text contains a NUL byte"),
]
for name, text, expect in minutes:
    add("minutes", f"{name}.txt", text, "refused", expect)

# Command-line arguments: refused with the option or value named.
args = [
    (["case", "open", "--class", "x.y", "--title", "T"], "x.y"),
    (["case", "open", "--class", "15.151", "--title", "T", "--year", "20"], "20"),
    (["deadlines", "--within", "14x"], "14x"),
    (["deadlines", "--today", "31.2.2020"], "31.2.2020"),
    (["deadlines", "compute", "--published", "2020-02-30"], "2020-02-30"),
    (["deadlines", "compute", "--published", "1.1.2020", "--notice", "pigeon"], "pigeon"),
    (["deadlines", "done", "abc"], "abc"),
    (["decision", "show", "Kunnanhallitus/20/§39"], "Kunnanhallitus/20/§39"),
    (["decision", "show", "99999"], "99999"),
    (["decision", "list", "--year", "twenty"], "twenty"),
    (["decision", "list", "--limit", "-1"], "limit"),
    (["org", "add", ""], "name"),
    (["org", "add", "X", "--business-id", "1234567-8"], "1234567-8"),
    (["body", "add", "X", "--kind", "senate"], "senate"),
    (["person", "add", "A B", "--email", "a@"], "a@"),
    (["person", "add", "A B", "--phone", "0x40"], "0x40"),
    (["report", "minutes", "Kunnanhallitus", "1.1.20"], "1.1.20"),
    (["report", "extract", "2265/15.151/2020", "--lang", "de"], "de"),
    (["export", "history", "--format", "xml", "-o", "/tmp/x"], "xml"),
    (["export", "history", "--from", "tomorrow", "--format", "csv", "-o", "/tmp/x"], "tomorrow"),
    (["submit", "2265/15.151/2020", "--request-id", "not-a-uuid"], "not-a-uuid"),
    (["return", "2265/15.151/2020", "--comment", "x" * 2001], "--comment"),
    (["vote", "2265/15.151/2020", "--yes", "-3"], "--yes"),
    (["import", "minutes", "/nonexistent/file.txt"], "/nonexistent/file.txt"),
    (["register", "/nonexistent.yaml"], "/nonexistent.yaml"),
    (["import", "minutes", "minutes/005-no-body.txt", "--meeting", "1.1.24"], "--meeting"),
    (["meeting", "new", "Kunnanhallitus", "30.2.2020"], "30.2.2020"),
    (["body", "set", "Kunnanhallitus", "--seats", "0"], "seats"),
    (["deputy", "add", "x", "--for", "y", "--from", "2.1.2020", "--to", "1.1.2020"], "2.1.2020"),
    (["audit", "verify", "--digest", "zz"], "zz"),
    (["deadlines", "--within", "-3d"], "--within"),
    (["case", "open", "--number", "2265/15.151/20", "--title", "T"], "2265/15.151/20"),
    (["decision", "list", "--deadline-from", "20.20.2020"], "20.20.2020"),
    (["project", "show", "Turvallisuus -hankeyhteistyö", "--as-of", "year"], "year"),
    (["outcome", "2265/15.151/2020", "maybe"], "maybe"),
]
for argv, expect in args:
    cases.append(("args", json.dumps(argv, ensure_ascii=False), "refused", expect))

with open("cases.tsv", "w", encoding="utf-8") as out:
    out.write("# kind\tpath or arguments (JSON)\toutcome\tmust contain (JSON string)\n")
    for kind, what, outcome, expect in cases:
        out.write(f"{kind}\t{what}\t{outcome}\t{json.dumps(expect, ensure_ascii=False)}\n")
print(len(cases), "cases")
