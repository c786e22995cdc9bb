"""import_physicians: the NPPES data file into the directory, by NPI, all or nothing."""

import io
import subprocess
import sys

import pytest

from django.conf import settings
from django.core.management import CommandError, call_command

from importer import physicians as loader
from physicians import geo
from physicians.models import DEFAULT_NOTICE, Physician
from tests.factories import PhysicianFactory

from . import nppes_files
from .nppes_files import row

NEUROLOGY, PAIN, PMR, FAMILY = "2084N0400X", "208VP0014X", "208100000X", "207Q00000X"


def rows(**changes):
    """The fixture: kept and not-kept providers of every kind the file has."""
    fixture = {
        "neurologist": row(
            "1234567893", last="DOE", first="JANE", credential="M.D.",
            address="200 FIRST ST SW", city="ROCHESTER", state="MN", postal="559050001",
            phone="5072842511", taxonomies=[NEUROLOGY],
        ),
        "pain": row(
            "1234567901", last="SMITH", first="LEE", credential="DO", address="1 MAIN ST",
            city="CHICAGO", state="IL", postal="60611", phone="3125550100",
            taxonomies=[FAMILY, PAIN],
        ),
        "family": row(
            "1234567919", last="JONES", first="SAM", city="ROCHESTER", state="MN",
            postal="55901", taxonomies=[FAMILY],
        ),
        "organisation": row(
            "1234567927", entity="2", organisation="NERVE CLINIC LLC", city="ROCHESTER",
            state="MN", postal="55901", taxonomies=[NEUROLOGY],
        ),
        "deactivated": row("1234567935", entity="", deactivated="06/30/2023"),
        "odd": row(
            "1234567943", last="O'BRIEN-NÚÑEZ", first="JOSÉ", credential="M.D., PH.D.",
            address="1 CAFÉ PLAZA, SUITE <2>", city="COEUR D'ALENE", state="ID",
            postal="83814", phone="(208) 555-0199", taxonomies=[PMR],
        ),
        "abroad": row(
            "1234567950", last="MÜLLER", first="ANNA", city="BERLIN", state="", postal="10115",
            taxonomies=[NEUROLOGY],
        ),
        "reactivated": row(
            "1234567968", last="LEE", first="KIM", city="BOSTON", state="MA", postal="02115",
            taxonomies=[PMR], deactivated="01/01/2020", reactivated="02/01/2020",
        ),
    }  # fmt: skip
    fixture.update(changes)
    return [value for value in fixture.values() if value is not None]


@pytest.fixture
def nppes(tmp_path):
    def make(name="npidata_pfile.csv", **changes):
        return nppes_files.write(tmp_path / name, rows(**changes))

    return make


def run(path, *args):
    out = io.StringIO()
    call_command("import_physicians", str(path), *args, stdout=out, verbosity=0)
    return out.getvalue()


def registry():
    return Physician.objects.exclude(npi=None).order_by("npi")


def test_imports_matching_individuals_and_a_second_run_changes_nothing(db, nppes):
    path = nppes()
    summary = run(path)
    assert "8 rows" in summary and "4 created, 0 updated" in summary
    assert "1 deactivated NPI" in summary and "1 no taxonomy code we list" in summary
    assert "1 organisation, not an individual" in summary
    assert "1 practice outside the states we list" in summary
    assert list(registry().values_list("npi", "specialty")) == [
        ("1234567893", "neurology"),
        ("1234567901", "pain-medicine"),  # the first listed code when the primary is not
        ("1234567943", "physical-medicine-rehabilitation"),
        ("1234567968", "physical-medicine-rehabilitation"),  # reactivated: active again
    ]
    before = list(registry().values())
    again = run(path)
    assert "0 created, 0 updated, 4 unchanged" in again
    assert list(registry().values()) == before


def test_a_file_saved_with_a_byte_order_mark_imports(db, tmp_path):
    path = nppes_files.write(tmp_path / "bom.csv", rows(), encoding="utf-8-sig")
    assert "4 created" in run(path)


def test_listings_are_marked_as_registry_placed_and_tidied(db, nppes):
    run(nppes())
    doe = Physician.objects.get(npi="1234567893")
    assert (doe.name, doe.address, doe.city, doe.zip_code) == (
        "Jane Doe, M.D.", "200 First St SW", "Rochester", "55905"
    )  # fmt: skip
    assert doe.phone == "507-284-2511" and doe.tel_href == "tel:+15072842511"
    assert (doe.latitude, doe.longitude) == geo.zip_centroid("55905")
    assert doe.source == "nppes" and doe.is_sample is False and doe.listed
    odd = Physician.objects.get(npi="1234567943")
    assert odd.name == "José O'Brien-Núñez, M.D., PH.D."
    assert odd.city == "Coeur D'Alene" and odd.address == "1 Café Plaza, Suite <2>"


def test_registry_listings_are_found_and_shown_as_such(client, physician_search_page, nppes):
    run(nppes())
    html = client.get(physician_search_page.url, {"zip_code": "55905"}).text
    assert "Jane Doe, M.D." in html
    assert "From the national provider registry (NPI 1234567893)" in html
    assert "Sample listing" not in html.split('id="results-title"')[1]
    odd = client.get(physician_search_page.url, {"zip_code": "83814"}).text
    assert "José O&#x27;Brien-Núñez" in odd and "Suite &lt;2&gt;" in odd


def test_registry_changes_are_applied_but_an_editors_edit_is_kept(db, nppes):
    run(nppes())
    edited = Physician.objects.get(npi="1234567901")
    edited.name = "Dr. Lee Smith"
    edited.opening_hours = "Mondays only"
    edited.save()
    moved = row(
        "1234567893", last="DOE", first="JANE", credential="M.D.", address="1 NEW RD",
        city="MINNEAPOLIS", state="MN", postal="55455", phone="6125550100",
        taxonomies=[NEUROLOGY],
    )  # fmt: skip
    renamed = row(
        "1234567901", last="SMITH-JONES", first="LEE", city="CHICAGO", state="IL",
        postal="60611", taxonomies=[PAIN],
    )  # fmt: skip
    summary = run(nppes("next.csv", neurologist=moved, pain=renamed))
    assert "0 created, 1 updated, 2 unchanged, 1 kept as an editor changed them" in summary
    doe = Physician.objects.get(npi="1234567893")
    assert (doe.city, doe.zip_code, doe.latitude) == (
        "Minneapolis", "55455", geo.zip_centroid("55455")[0]
    )  # fmt: skip
    edited.refresh_from_db()
    assert (edited.name, edited.opening_hours) == ("Dr. Lee Smith", "Mondays only")


def test_a_deactivated_npi_leaves_the_public_listing(client, physician_search_page, nppes):
    run(nppes())
    gone = row("1234567893", entity="", deactivated="11/15/2026")
    summary = run(nppes("next.csv", neurologist=gone))
    assert "1 unlisted as deactivated" in summary
    doe = Physician.objects.get(npi="1234567893")
    assert not doe.listed and str(doe.deactivated_on) == "2026-11-15"
    assert "Jane Doe" not in client.get(physician_search_page.url, {"zip_code": "55905"}).text
    # Reactivated in a later file: listed again.
    run(nppes("later.csv"))
    assert Physician.objects.get(npi="1234567893").listed


def test_a_provider_no_longer_in_a_listed_specialty_is_unlisted(db, nppes):
    run(nppes())
    retrained = row(
        "1234567901", last="SMITH", first="LEE", city="CHICAGO", state="IL", postal="60611",
        taxonomies=[FAMILY],
    )  # fmt: skip
    summary = run(nppes("next.csv", pain=retrained))
    assert "1 unlisted as no longer in a listed specialty" in summary
    assert not Physician.objects.get(npi="1234567901").listed


def test_dry_run_counts_but_changes_nothing(db, nppes):
    sample = PhysicianFactory(name="Dr. Sample Avery")
    summary = run(nppes(), "--dry-run")
    assert summary.startswith("Dry run, nothing saved: 8 rows")
    assert "4 created" in summary
    assert list(Physician.objects.all()) == [sample]


def test_the_progress_bar_counts_the_file(db, nppes, capsys):
    call_command("import_physicians", str(nppes()), stdout=io.StringIO(), verbosity=1)
    assert "NPPES: 100%" in capsys.readouterr().err


def bad_files(tmp_path):
    good = rows()
    return {
        "short row": (nppes_files.write(tmp_path / "a.csv", [*good, ["1234567976", "1"]]),
                      "line 10: expected 330 fields, found 2"),
        "bad NPI": (nppes_files.write(tmp_path / "b.csv", [*good, row("12345")]),
                    "line 10: NPI '12345' is not 10 digits"),
        "bad date": (nppes_files.write(tmp_path / "c.csv", [row("1234567976", deactivated="2023-06-30")]),
                     "line 2: '2023-06-30' is not a date like 12/31/2024"),
        "not NPPES": (nppes_files.write(tmp_path / "d.csv", [["1"]], header=["NPI", "Name"]),
                      "not an NPPES data file: the header has no column 'Entity Type Code'"),
        "empty": (tmp_path / "e.csv", "the file is empty"),
        "zipped": (tmp_path / "f.zip", "line 1: not UTF-8 text (unzip the NPPES download"),
        "NUL byte": (tmp_path / "g.csv", "line 2: contains a NUL byte"),
    }  # fmt: skip


@pytest.mark.parametrize(
    "case", ["short row", "bad NPI", "bad date", "not NPPES", "empty", "zipped", "NUL byte"]
)
def test_bad_input_is_one_clear_line_and_no_change(db, tmp_path, monkeypatch, case):
    monkeypatch.setattr(loader, "BATCH", 2)  # good rows before the bad one were flushed
    files = bad_files(tmp_path)
    (tmp_path / "e.csv").write_bytes(b"")
    (tmp_path / "f.zip").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00\xb7\xac\xce\x8e")
    header = nppes_files.write(tmp_path / "h.csv", []).read_bytes()
    (tmp_path / "g.csv").write_bytes(header + b'"1234567976","1\x00"\n')
    path, message = files[case]
    with pytest.raises(CommandError) as error:
        run(path)
    assert message in str(error.value)
    assert str(error.value).endswith("nothing was changed.")
    assert "\n" not in str(error.value)
    assert not Physician.objects.exists()


def test_from_the_shell_a_missing_file_is_one_line_on_stderr_and_exit_1(tmp_path):
    result = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", "import_physicians", str(tmp_path / "missing.csv")],
        cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"CommandError: {tmp_path / 'missing.csv'}: No such file or directory"
    ]


def test_generated_benchmark_file_imports(db, tmp_path):
    path = tmp_path / "bench.csv"
    count = nppes_files.generate(path, megabytes=1)
    summary = run(path)
    assert f"{count} rows" in summary
    assert 0 < registry().count() < count * 0.05


def test_real_listings_retire_the_samples_and_the_demonstration_notice(
    client, physician_search_page, nppes
):
    PhysicianFactory(name="Dr. Sample Avery", zip_code="55905")
    physician_search_page.notice = DEFAULT_NOTICE
    physician_search_page.save_revision().publish()
    assert "1 sample listings retired" in run(nppes())
    html = client.get(physician_search_page.url, {"zip_code": "55905"}).text
    assert "Dr. Sample Avery" not in html and "Jane Doe, M.D." in html
    assert "Listings come from the US National Plan and Provider Enumeration System" in html
    assert "demonstration" not in html


def test_an_editors_notice_is_kept_when_real_listings_arrive(physician_search_page, nppes):
    physician_search_page.notice = "<p>Our own words.</p>"
    physician_search_page.save_revision().publish()
    run(nppes())
    physician_search_page.refresh_from_db()
    assert physician_search_page.notice == "<p>Our own words.</p>"
