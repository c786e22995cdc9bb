"""Pages `load_site_content` writes: care cards in the seed condition articles (a body change,
so a draft submitted to medical review) and the pages about the site (trust app).

Both follow the loader's rule: an editor's change always wins over a re-load.
"""

import json

from wagtail.models import Page

from articles.models import ArticlePage
from core.loading import fingerprint
from trust.models import InfoPage, SitemapPage

CREATED, UPDATED, UNCHANGED, KEPT = "created", "updated", "unchanged", "kept (edited by an editor)"
IN_REVIEW = KEPT


def has_ever_had_care_cards(page):
    """True once any revision of the page held a care card: added before (maybe awaiting
    review), or removed since by an editor, whose choice stands."""
    contents = page.revisions.values_list("content", flat=True)
    return any("care_card" in json.dumps(content) for content in contents)


def with_care_cards(body, cards):
    """The body with the cards inserted before the first heading (after the introduction,
    where NHS.UK puts them near the top of a condition page); other blocks keep their ids."""
    position = next(
        (index for index, child in enumerate(body) if child.block_type == "heading"), len(body)
    )
    card_block = body.stream_block.child_blocks["care_card"]
    for offset, card in enumerate(cards):
        body.insert(position + offset, ("care_card", card_block.to_python(card)))
    return body


def add_care_cards(data, submit=True):
    """[(title, outcome)] for each article the data names. New cards go into a draft that is
    submitted to the "Medical review" workflow (reviewers are emailed; not on a dry run,
    `submit=False`); the live page changes only when a reviewer approves."""
    outcomes = []
    for title in data["articles"]:
        page = ArticlePage.objects.filter(title__iexact=title).order_by("-live", "pk").first()
        if page is None:
            continue
        if has_ever_had_care_cards(page):
            outcomes.append((title, UNCHANGED))
            continue
        if page.workflow_in_progress:
            outcomes.append((title, IN_REVIEW))  # never stack on someone else's review
            continue
        latest = page.get_latest_revision_as_object()
        latest.body = with_care_cards(latest.body, data["cards"])
        latest.save_revision(clean=False, log_action=True)
        workflow = page.get_workflow()
        if workflow is not None and submit:
            workflow.start(page, None)
        outcomes.append((title, CREATED))
    return outcomes


def load_trust_pages(data, home):
    """[(title, outcome)]: each page about the site created, updated while nobody has edited
    it since the last load, or kept as an editor left it. Published directly: these describe
    the site, not medicine."""
    outcomes = []
    for entry in data["pages"]:
        values = {
            "title": entry["title"],
            "summary": entry["summary"],
            "body": entry["body"],
        }
        outcomes.append((entry["title"], _sync_page(home, InfoPage, entry["slug"], values)))
    sitemap = data["sitemap"]
    values = {"title": sitemap["title"], "intro": sitemap["intro"]}
    outcomes.append((sitemap["title"], _sync_page(home, SitemapPage, sitemap["slug"], values)))
    return outcomes


def _sync_page(home, model, slug, values):
    new_hash = fingerprint(values)
    existing = Page.objects.child_of(home).filter(slug=slug).specific().first()
    if existing is None:
        page = model(slug=slug, **values)
        home.add_child(instance=page)
        _publish(page, new_hash)
        return CREATED
    if not isinstance(existing, model):
        return KEPT  # an editor's page already has this address
    if not hasattr(existing, "edited_since_load"):
        # Not load-owned (the sitemap): created once, then the editors' page.
        same = all(getattr(existing, field) == value for field, value in values.items())
        return UNCHANGED if same else KEPT
    if existing.edited_since_load():
        return KEPT
    if existing.load_hash == new_hash and existing.live:
        return UNCHANGED
    latest = existing.get_latest_revision_as_object()
    for field, value in values.items():
        setattr(latest, field, value)
    latest.draft_title = latest.title
    _publish(latest, new_hash)
    return UPDATED


def _publish(page, load_hash):
    revision = page.save_revision()
    revision.publish()
    if hasattr(page, "mark_loaded"):
        page.mark_loaded(revision, load_hash)


# The home page's first words, as the initial-site migration wrote them: its promise of
# "articles reviewed by medical experts" is more than an imported, not yet reviewed article
# can keep, so the loader replaces it while nobody has changed it.
ORIGINAL_HOME_INTRO = (
    "<p>NeuroPain helps people living with neuropathic (nerve) pain understand it and find help: "
    "articles reviewed by medical experts, a guide to the medicines used, and a way to find a "
    "physician.</p>"
)
HOME_INTRO = (
    "<p>NeuroPain helps people living with neuropathic (nerve) pain understand it and find help: "
    "articles from established medical publishers, a guide to the medicines used, and a way to "
    "find a physician.</p>"
)


def update_home_promise(home):
    """UPDATED when the home page still had the migration's wording, else UNCHANGED or KEPT."""
    latest = home.get_latest_revision_as_object() if home.latest_revision_id else home
    if latest.intro == HOME_INTRO:
        return UNCHANGED
    if latest.intro != ORIGINAL_HOME_INTRO or home.has_unpublished_changes:
        return KEPT
    latest.intro = HOME_INTRO
    latest.save_revision().publish()
    return UPDATED
