"""Elasticsearch / OpenSearch when SEARCH_URL is set: configuration only, no server needed."""

import importlib

import pytest

from search.backend_settings import search_backends


def test_database_backend_without_search_url():
    assert search_backends({}) == {"default": {"BACKEND": "search.backends"}}


@pytest.mark.parametrize("backend", ["elasticsearch8", "opensearch2"])
def test_search_url_selects_the_backend_with_stemming(backend):
    config = search_backends(
        {"SEARCH_URL": "http://search:9200", "SEARCH_BACKEND": backend, "SEARCH_INDEX": "np"}
    )["default"]
    assert config["BACKEND"] == f"wagtail.search.backends.{backend}"
    assert config["URLS"] == ["http://search:9200"] and config["INDEX"] == "np"
    analysis = config["INDEX_SETTINGS"]["settings"]["index"]["analysis"]
    assert "english_stem" in analysis["analyzer"]["default"]["filter"]


def test_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="SEARCH_BACKEND"):
        search_backends({"SEARCH_URL": "http://search:9200", "SEARCH_BACKEND": "solr"})


def test_settings_module_reads_the_environment(monkeypatch):
    import neuropain.settings.base as base

    monkeypatch.setenv("SEARCH_URL", "http://search:9200")
    try:
        reloaded = importlib.reload(base)
        assert reloaded.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].endswith("elasticsearch8")
        # Wagtail's backend class accepts the configuration (no connection is made).
        pytest.importorskip("elasticsearch")
        from wagtail.search.backends import get_search_backend

        backend = get_search_backend(**reloaded.WAGTAILSEARCH_BACKENDS["default"])
        assert backend.index_name == "neuropain"
    finally:
        monkeypatch.delenv("SEARCH_URL")
        importlib.reload(base)
