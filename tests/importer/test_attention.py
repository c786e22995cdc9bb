"""One vocabulary of attention kinds, and attention lists stored before it still read right."""

from importer.attention import AttentionKind, counts_by_kind, describe, page_items
from importer.document import HASHED_AS
from tests.factories import ArticlePageFactory


def test_kinds_stored_under_their_old_names_read_as_the_new_ones():
    assert AttentionKind.read("unidentified_drug") is AttentionKind.UNIDENTIFIED_BRAND
    assert AttentionKind.read("video") is AttentionKind.VIDEO_INCOMPLETE
    assert AttentionKind.read("lost_list") is AttentionKind.LOST_LIST
    assert AttentionKind.read("something else") == "something else"


def test_old_and_new_records_describe_alike():
    old = {"kind": "unidentified_drug", "message": "These brand names match no known drug."}
    new = {**old, "kind": AttentionKind.UNIDENTIFIED_BRAND.value}
    assert (
        describe(old)
        == describe(new)
        == ("unidentified brand: These brand names match no known drug.")
    )
    assert describe({"kind": "video", "message": "No link"}) == "video incomplete: No link"


def test_renamed_kinds_keep_their_old_names_in_the_import_hash():
    # Hashes written before the merge must still match, or every article would re-import.
    assert HASHED_AS == {
        AttentionKind.UNIDENTIFIED_BRAND: "unidentified_drug",
        AttentionKind.VIDEO_INCOMPLETE: "video",
    }


def test_report_counts_a_page_with_old_kinds(article_index):
    page = ArticlePageFactory(
        parent=article_index,
        title="Imported long ago",
        attention=[{"kind": "video", "message": "The video has no link yet", "excerpt": "V"}],
    )
    items = page_items(page)
    assert [item.kind for item in items] == [AttentionKind.IMPORT_NOTE, AttentionKind.NO_REVIEWER]
    assert str(items[0]) == "Import findings: video incomplete: The video has no link yet"

    class Entry:
        def __init__(self, items):
            self.items = items

    counts = {kind: count for kind, _label, count in counts_by_kind([Entry(items)])}
    assert counts == {
        "proposal": 0,
        "import_note": 1,
        "unidentified_brand": 0,
        "unresolved_link": 0,
        "video_incomplete": 0,
        "no_reviewer": 1,
    }
