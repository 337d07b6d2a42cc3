#!/usr/bin/env python3
"""Writes, as CSV files in DIR, the rows that registering bench/generate.py's N decisions
stores (cases, decisions, cost shares, deadlines, contacts), for psql's \\copy to load into
a fresh register (organization 1, body 1, persons 1 and 2): the reference of bench/run.

    bench/copy_rows.py N DIR [--year 2021]"""
import argparse, csv, os

parser = argparse.ArgumentParser()
parser.add_argument("count", type=int)
parser.add_argument("directory")
parser.add_argument("--year", type=int, default=2021)
args = parser.parse_args()
y = args.year

def writer(name):
    handle = open(os.path.join(args.directory, name + ".csv"), "w", newline="", encoding="utf-8")
    return handle, csv.writer(handle)

files = {name: writer(name) for name in ["case", "decision", "cost_share", "deadline", "contact"]}
for n in range(1, args.count + 1):
    files["case"][1].writerow([1, f"{n}/00.01/{y}", n, "00.01", y, None])
    files["decision"][1].writerow([1, n, 1, f"Hankkeeseen {n} osallistuminen",
        f"Hanke {n} vahvistaa kunnan osaamista. Osallistuminen maksaa 1 000 euroa.",
        f"Kunnanhallitus päättää osallistua hankkeeseen {n}. Yhteyshenkilöksi nimetään hyvinvointikoordinaattori Anitta Jaakola.",
        100000])
    for position, (year, cents) in enumerate([(y, 20000), (y + 1, 40000), (y + 2, 40000)]):
        files["cost_share"][1].writerow([1, n, position, year, cents, "osastojen hallintomäärärahoista"])
    files["deadline"][1].writerow([1, n, "reply_by", f"{y}-02-20", "Vastausta pyydetään 20.2. mennessä."])
    files["contact"][1].writerow([1, n, 1, 0, "contact_person"])
    files["contact"][1].writerow([1, n, 2, 1, "further_information"])
for handle, _ in files.values():
    handle.close()
