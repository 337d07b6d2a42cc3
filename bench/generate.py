#!/usr/bin/env python3
"""Writes N decision documents as JSON (what `pykala register` reads), each with three
cost shares, a deadline and two contacts, for the benchmarks of bench/run.

    bench/generate.py N [--year 2021] [--meeting 2021-03-01] [--first 1]  > decisions.json

With --meeting, the decisions are §§ 1…N of that meeting of Kunnanhallitus."""
import argparse, json, sys

parser = argparse.ArgumentParser()
parser.add_argument("count", type=int)
parser.add_argument("--year", type=int, default=2021)
parser.add_argument("--meeting")
parser.add_argument("--first", type=int, default=1)
args = parser.parse_args()

out = sys.stdout
out.write("[\n")
for n in range(args.first, args.first + args.count):
    document = {
        "organization": "Benchin kunta",
        "body": "Kunnanhallitus",
        "case": {"diary_number": f"{n}/00.01/{args.year}"},
        "title": f"Hankkeeseen {n} osallistuminen",
        "description": f"Hanke {n} vahvistaa kunnan osaamista. Osallistuminen maksaa 1 000 euroa.",
        "proposal": f"Kunnanhallitus päättää osallistua hankkeeseen {n}. Yhteyshenkilöksi nimetään hyvinvointikoordinaattori Anitta Jaakola.",
        "total_cents": 100000,
        "cost_shares": [
            {"year": args.year, "amount_cents": 20000, "source": "osastojen hallintomäärärahoista"},
            {"year": args.year + 1, "amount_cents": 40000, "source": "osastojen hallintomäärärahoista"},
            {"year": args.year + 2, "amount_cents": 40000, "source": "osastojen hallintomäärärahoista"},
        ],
        "deadlines": [{"kind": "reply_by", "date": f"{args.year}-02-20", "text": "Vastausta pyydetään 20.2. mennessä."}],
        "contacts": [
            {"role": "contact_person", "name": "Anitta Jaakola", "title": "hyvinvointikoordinaattori"},
            {"role": "further_information", "name": "Sirpa Hakala", "title": "kunnanjohtaja", "phone": "040 539 4293",
             "email": "etunimi.sukunimi@example.fi"},
        ],
    }
    if args.meeting:
        document["meeting"] = {"date": args.meeting, "section": n - args.first + 1}
    out.write(("" if n == args.first else ",\n") + json.dumps(document, ensure_ascii=False))
out.write("\n]\n")
