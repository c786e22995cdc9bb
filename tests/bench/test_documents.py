"""The import benchmark's documents: both publisher layouts, reproducible from the seed."""

import json

from bench.documents import generate


def test_generates_both_layouts_reproducibly(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    assert generate(first, 6) == 6
    generate(second, 6)
    names = sorted(path.name for path in first.glob("doc_*.txt"))
    assert len(names) == 6
    for name in names:
        assert (first / name).read_text() == (second / name).read_text()
    manifest = json.loads((first / "manifest.json").read_text())
    assert sorted(manifest) == names[1::2]  # odd documents: Spine-health, named in the manifest
    assert all(entry["publisher"] == "Spine-health" for entry in manifest.values())
    assert (first / names[0]).read_text().startswith("Merck Manual")
