"""The label import streams: the memory it holds does not grow with the file (a bulk openFDA
download is gigabytes). Measured with tracemalloc on generated files of two sizes."""

import tracemalloc

from bench.label_bench import write_label_file
from importer.drugs import sync_reference_drugs
from importer.label_store import collect


def peak_bytes(path):
    tracemalloc.start()
    try:
        best, counts, _titles = collect([path])
        return tracemalloc.get_traced_memory()[1], best, counts
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_as_the_file_grows(db, drug_index, tmp_path):
    sync_reference_drugs()
    small, large = tmp_path / "small.json", tmp_path / "large.json"
    small_labels = write_label_file(small, 1, seed=3)
    large_labels = write_label_file(large, 6, seed=3)
    assert large_labels > 5 * small_labels

    small_peak, _best, _counts = peak_bytes(small)
    large_peak, best, counts = peak_bytes(large)
    assert counts.labels == large_labels
    assert counts.matched == large_labels // 50  # every 50th names one of our drugs
    assert len(best) == 4  # one label kept per drug, however many the file holds
    # Six times the file, not six times the memory: what is held is a few labels at a time.
    assert large_peak < small_peak * 1.5 + 512 * 1024, (small_peak, large_peak)
    assert large_peak < large.stat().st_size / 2
