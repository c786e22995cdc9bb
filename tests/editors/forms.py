"""Page-editor POST data built with Wagtail's form-data helpers (the StreamField editor is
rendered by JavaScript, so its inputs cannot be scraped from the edit view's HTML)."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def _date(value):
    return value.isoformat() if value else ""


def _body(body):
    blocks = []
    for block in body:
        if block.block_type == "heading":
            blocks.append(("heading", dict(block.value)))
        elif block.block_type == "paragraph":
            blocks.append(("paragraph", rich_text(block.value.source)))
        else:
            raise ValueError(f"add {block.block_type} to tests/editors/forms.py")
    return streamfield(blocks)


def _review_fields(page):
    return {
        "reviewer": str(page.reviewer_id or ""),
        "last_reviewed": _date(page.last_reviewed),
        "last_modified": _date(page.last_modified),
        "next_review_due": _date(page.next_review_due),
    }


def _common(page):
    return {
        "title": page.title,
        "slug": page.slug,
        "seo_title": page.seo_title,
        "search_description": page.search_description,
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
    }


def article_form(title, paragraph, *, authors=(), slug=None, **extra):
    """The page editor's POST creating an article with a heading and one paragraph."""
    data = {
        "title": title,
        "slug": slug or title.lower().replace(" ", "-"),
        "summary": f"What to know about {title.lower()}.",
        "body": streamfield(
            [
                ("heading", {"text": "What it feels like", "level": "h2"}),
                ("paragraph", rich_text(paragraph)),
            ]
        ),
        "authors": inline_formset([{"person": str(person.pk)} for person in authors]),
        "references": inline_formset([]),
        "drug_links": inline_formset([]),
        "comments": inline_formset([]),
        "tags": "",
        "unidentified_brands": "[]",
    }
    data.update(extra)
    return nested_form_data(data)


def article_edit_form(page, **changes):
    """The editor's POST for `page` (its latest draft) with `changes` applied."""
    page = page.get_latest_revision_as_object()
    authors = list(page.authors.all())
    references = list(page.references.all())
    drug_links = list(page.drug_links.all())
    data = {
        **_common(page),
        "summary": page.summary,
        "body": _body(page.body),
        "authors": inline_formset(
            [{"id": str(a.pk), "person": str(a.person_id)} for a in authors], initial=len(authors)
        ),
        "references": inline_formset(
            [
                {
                    "id": str(r.pk),
                    "number": str(r.number or ""),
                    "title": r.title,
                    "authors": r.authors,
                }
                for r in references
            ],
            initial=len(references),
        ),
        "drug_links": drug_links_formset(drug_links, initial=len(drug_links)),
        "tags": "",
        "unidentified_brands": "[]",
        "source_publisher": page.source_publisher,
        "source_url": page.source_url,
        **_review_fields(page),
    }
    data.update(changes)
    return nested_form_data(data)


def drug_links_formset(links, initial=0):
    """ "Drugs mentioned" as the chooser panel posts it: each row's drug page id, in order
    (a saved row with its id; `initial` counts those)."""
    return inline_formset(
        [{"id": str(link.pk or ""), "drug": str(link.drug_id)} for link in links],
        initial=initial,
    )


def _leaflet_part(value):
    if hasattr(value, "source"):  # RichText
        return rich_text(value.source)
    if isinstance(value, list) or hasattr(value, "raw_data"):  # the questions' ListBlock
        return list_block(
            [{"question": q["question"], "answer": rich_text(q["answer"].source)} for q in value]
        )
    return "" if value is None else str(value)


def _leaflet(stream):
    return streamfield(
        [
            (
                child.block_type,
                {name: _leaflet_part(part) for name, part in child.value.items()},
            )
            for child in stream
        ]
    )


def drug_edit_form(page, **changes):
    page = page.get_latest_revision_as_object()
    brands = list(page.brand_names.all())
    data = {
        **_common(page),
        "drug_class": str(page.drug_class_id or ""),
        "description": rich_text(page.description),
        "rxcui": page.rxcui,
        "brand_names": inline_formset(
            [{"id": str(b.pk), "name": b.name} for b in brands], initial=len(brands)
        ),
        "leaflet": _leaflet(page.leaflet),
        "leaflet_sources": _leaflet(page.leaflet_sources),
        **_review_fields(page),
    }
    data.update(changes)
    return nested_form_data(data)


def list_block(items):
    """ListBlock form data (Wagtail ships no helper for it)."""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index), "id": ""}
        for index, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def section_form(page, **extra):
    """A section page (home, an index, the glossary or physician search) as its editor posts it."""
    data = {
        **_common(page),
        "intro": rich_text(page.intro),
        "show_in_menus": "on" if page.show_in_menus else "",
        **extra,
    }
    return nested_form_data(data)


def quiz_form(page, **changes):
    page = page.get_latest_revision_as_object()
    questions = [
        (
            "question",
            {
                "question": block.value["question"],
                "choices": list_block(list(block.value["choices"])),
                "correct_choice": str(block.value["correct_choice"]),
                "explanation": block.value["explanation"],
                "article": "",
                "section": block.value["section"],
            },
        )
        for block in page.questions
    ]
    data = {
        **_common(page),
        "intro": rich_text(page.intro),
        "questions": streamfield(questions),
        "reviewed_note": page.reviewed_note,
        **changes,
    }
    return nested_form_data(data)
