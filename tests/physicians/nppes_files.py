"""NPPES data files for tests and the import benchmark, in the real layout: the 330 columns of
CMS's Data Dissemination readme (Exhibit 2-1), in order, every value double-quoted, dates as
MM/DD/YYYY, 9-digit postal codes and 10-digit phone numbers.

    python -m tests.physicians.nppes_files OUT.csv --megabytes 1024   # the benchmark file
"""

import argparse
import csv
import random

HEADER = [
    "NPI", "Entity Type Code", "Replacement NPI", "Employer Identification Number (EIN)",
    "Provider Organization Name (Legal Business Name)", "Provider Last Name (Legal Name)",
    "Provider First Name", "Provider Middle Name", "Provider Name Prefix Text",
    "Provider Name Suffix Text", "Provider Credential Text", "Provider Other Organization Name",
    "Provider Other Organization Name Type Code", "Provider Other Last Name",
    "Provider Other First Name", "Provider Other Middle Name", "Provider Other Name Prefix Text",
    "Provider Other Name Suffix Text", "Provider Other Credential Text",
    "Provider Other Last Name Type Code", "Provider First Line Business Mailing Address",
    "Provider Second Line Business Mailing Address", "Provider Business Mailing Address City Name",
    "Provider Business Mailing Address State Name", "Provider Business Mailing Address Postal Code",
    "Provider Business Mailing Address Country Code (If outside U.S.)",
    "Provider Business Mailing Address Telephone Number",
    "Provider Business Mailing Address Fax Number",
    "Provider First Line Business Practice Location Address",
    "Provider Second Line Business Practice Location Address",
    "Provider Business Practice Location Address City Name",
    "Provider Business Practice Location Address State Name",
    "Provider Business Practice Location Address Postal Code",
    "Provider Business Practice Location Address Country Code (If outside U.S.)",
    "Provider Business Practice Location Address Telephone Number",
    "Provider Business Practice Location Address Fax Number", "Provider Enumeration Date",
    "Last Update Date", "NPI Deactivation Reason Code", "NPI Deactivation Date",
    "NPI Reactivation Date", "Provider Sex Code", "Authorized Official Last Name",
    "Authorized Official First Name", "Authorized Official Middle Name",
    "Authorized Official Title or Position", "Authorized Official Telephone Number",
    *(
        name
        for n in range(1, 16)
        for name in (
            f"Healthcare Provider Taxonomy Code_{n}", f"Provider License Number_{n}",
            f"Provider License Number State Code_{n}",
            f"Healthcare Provider Primary Taxonomy Switch_{n}",
        )
    ),
    *(
        name
        for n in range(1, 51)
        for name in (
            f"Other Provider Identifier_{n}", f"Other Provider Identifier Type Code_{n}",
            f"Other Provider Identifier State_{n}", f"Other Provider Identifier Issuer_{n}",
        )
    ),
    "Is Sole Proprietor", "Is Organization Subpart", "Parent Organization LBN",
    "Parent Organization TIN", "Authorized Official Name Prefix Text",
    "Authorized Official Name Suffix Text", "Authorized Official Credential Text",
    *(f"Healthcare Provider Taxonomy Group_{n}" for n in range(1, 16)),
    "Certification Date",
]  # fmt: skip
POSITION = {name: index for index, name in enumerate(HEADER)}
PRACTICE = "Provider Business Practice Location Address "


def row(npi, *, entity="1", last="", first="", credential="", address="", address2="",
        city="", state="", postal="", phone="", taxonomies=(), primary=None, deactivated="",
        reactivated="", organisation=""):  # fmt: skip
    """One data row; `taxonomies` fill Taxonomy Code_1.. with `primary` (default the first)
    switched to Y."""
    values = [""] * len(HEADER)
    fields = {
        "NPI": npi,
        "Entity Type Code": entity,
        "Provider Organization Name (Legal Business Name)": organisation,
        "Provider Last Name (Legal Name)": last,
        "Provider First Name": first,
        "Provider Credential Text": credential,
        "Provider First Line Business Practice Location Address": address,
        "Provider Second Line Business Practice Location Address": address2,
        PRACTICE + "City Name": city,
        PRACTICE + "State Name": state,
        PRACTICE + "Postal Code": postal,
        PRACTICE + "Country Code (If outside U.S.)": "US" if state else "",
        PRACTICE + "Telephone Number": phone,
        "Provider Enumeration Date": "05/23/2007" if entity else "",
        "NPI Deactivation Date": deactivated,
        "NPI Reactivation Date": reactivated,
    }
    primary = primary or (taxonomies[0] if taxonomies else None)
    for n, code in enumerate(taxonomies, 1):
        fields[f"Healthcare Provider Taxonomy Code_{n}"] = code
        fields[f"Healthcare Provider Primary Taxonomy Switch_{n}"] = "Y" if code == primary else "N"
    for name, value in fields.items():
        values[POSITION[name]] = value
    return values


def write(path, rows, header=HEADER, encoding="utf-8"):
    with open(path, "w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(header)
        writer.writerows(rows)
    return path


BENCH_ZIPS = [
    ("55905", "ROCHESTER", "MN"), ("60611", "CHICAGO", "IL"), ("02115", "BOSTON", "MA"),
    ("10016", "NEW YORK", "NY"), ("77030", "HOUSTON", "TX"), ("94143", "SAN FRANCISCO", "CA"),
    ("98195", "SEATTLE", "WA"), ("30322", "ATLANTA", "GA"), ("80045", "AURORA", "CO"),
    ("85054", "PHOENIX", "AZ"), ("33136", "MIAMI", "FL"), ("48109", "ANN ARBOR", "MI"),
]  # fmt: skip
KEPT = ["2084N0400X", "208VP0014X", "208100000X", "207T00000X", "207RR0500X"]
OTHER = ["207Q00000X", "363L00000X", "183500000X", "225100000X", "207R00000X", "122300000X"]


def generate(path, megabytes, seed=19):
    """A file of about `megabytes` MB like the national one: mostly other professions, 2% in
    a specialty we list, 5% organisations, 1% deactivated. Returns the number of rows."""
    rng = random.Random(seed)
    target = megabytes * 1024 * 1024
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(HEADER)
        while handle.tell() < target:
            for _ in range(1000):
                count += 1
                writer.writerow(_bench_row(rng, 1_000_000_000 + count))
    return count


def _bench_row(rng, npi):
    draw = rng.random()
    if draw < 0.01:
        return row(str(npi), entity="", deactivated="03/01/2021")
    zip_code, city, state = rng.choice(BENCH_ZIPS)
    common = {
        "address": f"{rng.randint(1, 9999)} MAIN ST", "city": city, "state": state,
        "postal": f"{zip_code}{rng.randint(0, 9999):04d}",
        "phone": f"{rng.randint(201, 989)}555{rng.randint(0, 9999):04d}",
    }  # fmt: skip
    if draw < 0.06:
        return row(str(npi), entity="2", organisation="SAMPLE CLINIC LLC", **common)
    codes = [rng.choice(KEPT if draw < 0.08 else OTHER), rng.choice(OTHER)]
    return row(
        str(npi), last=f"PROVIDER{npi % 9973}", first="ALEX", credential="M.D.",
        taxonomies=codes, **common,
    )  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--megabytes", type=int, default=1024)
    args = parser.parse_args()
    print(f"{generate(args.path, args.megabytes)} rows written to {args.path}")  # noqa: T201
