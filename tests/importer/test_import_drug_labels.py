"""manage.py import_drug_labels: openFDA label files onto drug pages, newest label per drug,
idempotent, never over an editor's work, all or nothing on bad input."""

import io
import os
import subprocess
import sys
import zipfile

import pytest
from tqdm import tqdm

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Revision

from bench.label_bench import write_label_file
from drugs.labels import DrugLabel
from drugs.models import DrugPage
from importer.drugs import sync_reference_drugs
from tests.helpers import ROOT, elements

from . import label_files as files


def run(*paths, **options):
    """The command as on an openFDA bulk file (labels with no names skipped and counted),
    unless the test says otherwise."""
    options.setdefault("skip_unnamed", True)
    out = io.StringIO()
    call_command("import_drug_labels", *[str(p) for p in paths], stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def site_drugs(db, drug_index):
    sync_reference_drugs()
    return {page.title: page for page in DrugPage.objects.all()}


def label_of(title):
    return DrugLabel.objects.get(page__title=title)


def state():
    return (
        sorted(DrugLabel.objects.values_list("page_id", "set_id", "fingerprint")),
        Revision.objects.count(),
        sorted(DrugPage.objects.values_list("pk", "latest_revision_id", "live_revision_id")),
    )


def test_newest_label_per_drug_is_shown_on_its_page(client, site_drugs, tmp_path):
    output = run(files.write_labels(tmp_path / "labels.json"))
    assert "9 labels in 1 file" in output
    assert "3 added" in output
    gabapentin = label_of("gabapentin")
    assert gabapentin.set_id == "aaaa-0003" and gabapentin.version == "14"
    assert str(gabapentin.effective_date) == "2024-01-15"
    assert label_of("pregabalin").set_id == "bbbb-0001"
    assert label_of("tramadol").set_id == "cccc-0001"  # "TRAMADOL HYDROCHLORIDE"
    assert not DrugLabel.objects.filter(page__title="oxycodone").exists()  # a combination
    assert "2 for drugs not on the site" in output  # atorvastatin; oxycodone + acetaminophen
    assert "1 without openfda names" in output
    assert "1 for combination products" in output  # hydrocodone + acetaminophen
    assert not DrugLabel.objects.filter(page__title="acetaminophen").exists()
    assert "2 older than another label for the same drug" in output

    page = DrugPage.objects.get(title="gabapentin")
    assert page.has_label and not page.has_leaflet
    html = client.get(page.url).text
    label = html.split('id="fda-label"')[1]
    assert "Official prescribing information (FDA label)" in label
    assert '<time datetime="2024-01-15">15 January 2024</time>' in label
    assert "aaaa-0003" in label
    assert elements(
        html, "a", href="https://dailymed.nlm.nih.gov/dailymed/lookup.cfm?setid=aaaa-0003"
    )
    assert "Neurontin (gabapentin), Example Pharma Inc." in label
    # Sections as written, in label order, without their repeated headings.
    assert label.index(">Boxed warning<") < label.index(">Indications and usage<")
    assert "<p>2.1 Placeholder Dosing Text for the first part.</p>" in label
    assert "<li>first use</li><li>second use</li>" in label
    assert "CrCl &lt;30 mL/min" in label
    assert "<caption>Table 3. Placeholder reactions</caption>" in label
    assert (
        '<th scope="col">Drug %</th>' in label and "<td>Placeholder B (second line)</td>" in label
    )
    assert 'width="100%"' not in label
    assert "Old placeholder indication" not in html


def test_missing_and_empty_sections_are_not_shown(client, site_drugs, tmp_path):
    """A label carries only some sections; an empty one, or one that is only its heading, is
    left out rather than shown as a bare heading."""
    sparse = files.label(
        "kkkk-0001",
        "20240601",
        generic=("PREGABALIN",),
        brand=("Lyrica",),
        warnings_and_cautions=["5 WARNINGS AND PRECAUTIONS Placeholder pregabalin warning."],
        contraindications=[],
        warnings=["   "],
        overdosage=["10 OVERDOSAGE"],
    )
    run(files.write_labels(tmp_path / "labels.json", [sparse]))
    stored = label_of("pregabalin")
    assert [section["key"] for section in stored.sections] == ["warnings_and_cautions"]
    html = client.get(DrugPage.objects.get(title="pregabalin").url).text
    label = html.split('id="fda-label"')[1]
    assert ">Warnings and precautions<" in label
    assert "Placeholder pregabalin warning." in label
    for absent in ("Contraindications", "Warnings", "Overdosage", "Boxed warning"):
        assert f">{absent}<" not in label, absent
    assert label.count('class="fda-label__section"') == 1


def test_a_large_file_shows_a_progress_bar(site_drugs, tmp_path, capsys):
    small = files.write_labels(tmp_path / "small.json")
    run(small, dry_run=True)
    assert capsys.readouterr().err == ""  # a small file imports quietly
    big = tmp_path / "big.json"
    write_label_file(big, 9, seed=7)
    output = run(big, dry_run=True)
    bar = capsys.readouterr().err
    assert "FDA labels" in bar and "100%" in bar
    assert tqdm.format_sizeof(big.stat().st_size) in bar  # every byte of the file read
    assert output.startswith("Dry run, nothing saved:")


def test_a_second_run_changes_nothing(site_drugs, tmp_path):
    path = files.write_labels(tmp_path / "labels.json")
    run(path)
    before = state()
    output = run(path)
    assert state() == before
    assert "0 added, 0 updated, 3 unchanged" in output


def test_zipped_file_imports_the_same(site_drugs, tmp_path):
    run(files.write_zipped(tmp_path / "drug-label.json.zip"))
    assert label_of("gabapentin").set_id == "aaaa-0003"


def test_an_older_file_never_replaces_a_newer_label(site_drugs, tmp_path):
    run(files.write_labels(tmp_path / "new.json"))
    output = run(files.write_labels(tmp_path / "old.json", [files.OLDER_GABAPENTIN]))
    assert label_of("gabapentin").set_id == "aaaa-0003"
    assert "1 kept as the page's label is newer" in output


def test_a_newer_label_replaces_the_old_one(site_drugs, tmp_path):
    run(files.write_labels(tmp_path / "old.json", [files.OLDER_GABAPENTIN]))
    output = run(files.write_labels(tmp_path / "new.json", [files.NEWEST_GABAPENTIN]))
    assert "1 updated" in output
    assert DrugLabel.objects.filter(page__title="gabapentin").count() == 1
    assert label_of("gabapentin").set_id == "aaaa-0003"


def test_an_editors_page_gets_a_draft_for_review(client, site_drugs, tmp_path, admin_user):
    page = DrugPage.objects.get(title="gabapentin")
    draft = page.get_latest_revision_as_object()
    draft.description = "<p>An editor's description.</p>"
    draft.save_revision(user=admin_user).publish(user=admin_user)

    output = run(files.write_labels(tmp_path / "labels.json"))
    assert "1 saved as drafts" in output and "drafted: gabapentin" in output
    page.refresh_from_db()
    assert not DrugLabel.objects.filter(page=page).exists() and not page.has_label
    assert "fda-label" not in client.get(page.url).text
    latest = page.get_latest_revision_as_object()
    assert latest.description == "<p>An editor's description.</p>"
    assert [label.set_id for label in latest.fda_labels.all()] == ["aaaa-0003"]
    before = state()
    run(files.write_labels(tmp_path / "labels.json"))
    assert state() == before
    # Approving the draft publishes the label.
    latest.get_latest_revision().publish(user=admin_user)
    assert label_of("gabapentin").set_id == "aaaa-0003"


def test_dry_run_changes_nothing(site_drugs, tmp_path):
    before = state()
    output = run(files.write_labels(tmp_path / "labels.json"), dry_run=True)
    assert output.startswith("Dry run, nothing saved:") and "3 added" in output
    assert state() == before


def test_rxnorm_code_matches_a_label_without_names_we_know(site_drugs, tmp_path):
    DrugPage.objects.filter(title="duloxetine").update(rxcui="72625")
    odd = files.label(
        "gggg-0001", "20240101", generic=(), brand=("Unknownbrand",), rxcui=("72625",)
    )
    odd["warnings"] = ["Placeholder."]
    run(files.write_labels(tmp_path / "labels.json", [odd]))
    assert label_of("duloxetine").set_id == "gggg-0001"


def bad(tmp_path, text):
    return files.write_text(tmp_path / "bad.json", text)


def huge():
    return files.label("hhhh-0001", "20240101", warnings=["x" * 1_000_001])


def html_in_text():
    return files.label("iiii-0001", "20240101", warnings=["Take <b>one</b> daily."])


def script_in_table():
    return files.label(
        "jjjj-0001", "20240101", warnings_table=["<table><tr><td onclick=x>1</td></tr></table>"]
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.json", "No such file"),
        (lambda p: p, "a folder; name the .json"),
        (lambda p: files.write_text(p / "labels.csv", "a,b"), "expected an openFDA"),
        (lambda p: bad(p, "not json at all"), "not an openFDA drug-label file"),
        (lambda p: bad(p, '{"results": [{"set_id": "x"'), "not valid JSON"),
        (lambda p: bad(p, "[1, 2]"), "not an openFDA drug-label file"),
        (lambda p: bad(p, '{"meta": {}, "items": []}'), "no 'results' list"),
        (lambda p: bad(p, '{"results": {"a": 1}}'), "no 'results' list"),
        (lambda p: bad(p, '{"results": [1]}'), "result 1 is not a label object"),
        (lambda p: files.write_labels(p / "l.json", [{"openfda": {}}]), "'set_id'"),
        (
            lambda p: files.write_labels(p / "l.json", [files.label("x", "2024-01-01")]),
            "'effective_time' must be a date",
        ),
        (
            lambda p: files.write_labels(p / "l.json", [files.label("x", "20241399")]),
            "is not a date",
        ),
        (
            lambda p: files.write_labels(p / "l.json", [files.label("x", "20240101", warnings=5)]),
            "expected a list of text",
        ),
        (lambda p: files.write_labels(p / "l.json", [huge()]), "over the limit of 1,000,000"),
        (lambda p: files.write_labels(p / "l.json", [html_in_text()]), "HTML in 'warnings'"),
        (lambda p: files.write_labels(p / "l.json", [script_in_table()]), "HTML in 'warnings_t"),
        (lambda p: files.write_text(p / "l.json.zip", "not a zip"), "not a ZIP archive"),
        (
            lambda p: files.write_labels(p / "l.json", [files.WITHOUT_NAMES]),
            "a label without names (no generic, brand or substance name and no RxNorm code "
            "in 'openfda'); pass --skip-unnamed",
        ),
    ],
)
def test_bad_input_is_one_clear_error_and_changes_nothing(site_drugs, tmp_path, make, message):
    # A good label first: nothing of it may be written when a later part of the run is bad.
    good = files.write_labels(tmp_path / "good.json", [files.NEWEST_GABAPENTIN])
    before = state()
    with pytest.raises(CommandError) as error:
        run(good, make(tmp_path), skip_unnamed=False)
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert state() == before


def test_the_bad_label_is_named(site_drugs, tmp_path):
    path = files.write_labels(tmp_path / "l.json", [files.PREGABALIN, html_in_text()])
    with pytest.raises(CommandError) as error:
        run(path)
    assert "l.json: result 2 (set id iiii-0001)" in str(error.value)
    assert str(error.value).endswith("nothing was changed.")


def test_a_zip_without_json_is_refused(site_drugs, tmp_path):
    path = tmp_path / "empty.json.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "no labels here")
    with pytest.raises(CommandError, match="holds no .json file"):
        run(path)


def test_command_line_reports_errors_on_stderr_with_a_nonzero_exit(tmp_path):
    result = subprocess.run(  # noqa: S603 - this interpreter, a fixed command
        [sys.executable, "manage.py", "import_drug_labels", str(tmp_path / "nope.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "neuropain.settings.test"},
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "No such file" in lines[0]


def test_labels_without_names_are_skipped_and_counted_only_when_asked(site_drugs, tmp_path):
    path = files.write_labels(tmp_path / "l.json", [files.NEWEST_GABAPENTIN, files.WITHOUT_NAMES])
    before = state()
    with pytest.raises(CommandError, match=r"l.json: result 2 \(set id .*\): a label without"):
        run(path, skip_unnamed=False)
    assert state() == before
    output = run(path, skip_unnamed=True)
    assert "1 added" in output and "1 without openfda names" in output
