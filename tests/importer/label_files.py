"""openFDA drug-label files written for the tests, with the awkward cases: several labels for
one drug, missing sections, a label for a drug not on the site, combination products, a
label without openfda names, malformed files and a zipped file.

The label text is placeholder wording in the shape of a real label (numbered headings, bullets,
a table), not medical information.
"""

import json
import zipfile
from pathlib import Path


def label(
    set_id,
    effective_time,
    generic=("GABAPENTIN",),
    brand=("Neurontin",),
    rxcui=("310431",),
    version="12",
    manufacturer="Example Pharma Inc.",
    substance=None,
    **sections,
):
    """One label object as openFDA publishes it; `sections` are openFDA fields (lists). The
    substances default to the generic names."""
    openfda = {}
    if generic:
        openfda["generic_name"] = list(generic)
    if substance or generic:
        openfda["substance_name"] = list(generic if substance is None else substance)
    if brand:
        openfda["brand_name"] = list(brand)
    if rxcui:
        openfda["rxcui"] = list(rxcui)
    if manufacturer and openfda:
        openfda["manufacturer_name"] = [manufacturer]
    return {
        "id": f"id-{set_id}",
        "set_id": set_id,
        "version": version,
        "effective_time": effective_time,
        "openfda": openfda,
        "spl_product_data_elements": ["Placeholder product data"],
        **sections,
    }


GABAPENTIN_SECTIONS = {
    "boxed_warning": ["WARNING: TEST BOXED WARNING Placeholder boxed warning text."],
    "indications_and_usage": [
        "1 INDICATIONS AND USAGE Placeholder indication one. • first use • second use"
    ],
    "dosage_and_administration": [
        "2 DOSAGE AND ADMINISTRATION 2.1 Placeholder Dosing Text for the first part. "
        "2.2 Second Part Text for the second part."
    ],
    "adverse_reactions": ["6 ADVERSE REACTIONS Placeholder reactions, with CrCl <30 mL/min."],
    "adverse_reactions_table": [
        '<table width="100%"><caption>Table 3. Placeholder reactions</caption><thead><tr>'
        "<th>Reaction</th><th>Drug %</th><th>Placebo %</th></tr></thead><tbody>"
        "<tr><td>Placeholder A</td><td>21</td><td>5</td></tr>"
        "<tr><td>Placeholder B<br/>(second line)</td><td>17</td><td>6</td></tr>"
        "</tbody></table>"
    ],
}

NEWEST_GABAPENTIN = label("aaaa-0003", "20240115", version="14", **GABAPENTIN_SECTIONS)
OLDER_GABAPENTIN = label(
    "aaaa-0001",
    "20190301",
    indications_and_usage=["1 INDICATIONS AND USAGE Old placeholder indication."],
)
# A generic gabapentin label missing most sections, older than the newest.
SPARSE_GABAPENTIN = label(
    "aaaa-0002", "20221001", brand=(), indications_and_usage=["Sparse placeholder."]
)
PREGABALIN = label(
    "bbbb-0001",
    "20230510",
    generic=("PREGABALIN",),
    brand=("Lyrica",),
    rxcui=("187832",),
    warnings_and_cautions=["5 WARNINGS AND PRECAUTIONS Placeholder pregabalin warning."],
)
TRAMADOL_SALT = label(
    "cccc-0001",
    "20230101",
    generic=("TRAMADOL HYDROCHLORIDE",),
    brand=("Ultram",),
    rxcui=(),
    warnings=["WARNINGS Placeholder tramadol warning."],
)
NOT_ON_SITE = label(
    "dddd-0001",
    "20240101",
    generic=("ATORVASTATIN CALCIUM",),
    brand=("Lipitor",),
    rxcui=("83367",),
    indications_and_usage=["Placeholder."],
)
COMBINATION = label(
    "eeee-0001",
    "20240101",
    generic=("OXYCODONE AND ACETAMINOPHEN",),
    substance=("OXYCODONE HYDROCHLORIDE", "ACETAMINOPHEN"),
    brand=("Neurontin",),  # a shared brand never overrides the generic name
    rxcui=(),
    indications_and_usage=["Placeholder."],
)
# No generic name, two substances: a combination, whatever one of its ingredients is.
SUBSTANCES_ONLY = label(
    "eeee-0002",
    "20240101",
    generic=(),
    substance=("HYDROCODONE BITARTRATE", "ACETAMINOPHEN"),
    brand=("Placeholdercet",),
    rxcui=(),
    indications_and_usage=["Placeholder."],
)
WITHOUT_NAMES = label(
    "ffff-0001", "20240101", generic=(), brand=(), rxcui=(), warnings=["Placeholder."]
)


def openfda_document(results, total=None):
    return {
        "meta": {
            "disclaimer": "Placeholder.",
            "last_updated": "2026-11-28",
            "results": {"skip": 0, "limit": len(results), "total": total or len(results)},
        },
        "results": list(results),
    }


DEFAULT_LABELS = (
    OLDER_GABAPENTIN,
    NEWEST_GABAPENTIN,
    SPARSE_GABAPENTIN,
    PREGABALIN,
    TRAMADOL_SALT,
    NOT_ON_SITE,
    COMBINATION,
    SUBSTANCES_ONLY,
    WITHOUT_NAMES,
)


def write_labels(path, results=DEFAULT_LABELS):
    path = Path(path)
    path.write_text(json.dumps(openfda_document(results)), encoding="utf-8")
    return path


def write_zipped(path, results=DEFAULT_LABELS, member="drug-label-0001-of-0001.json"):
    path = Path(path)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, json.dumps(openfda_document(results)))
    return path


def write_text(path, text):
    path = Path(path)
    path.write_text(text, encoding="utf-8")
    return path
