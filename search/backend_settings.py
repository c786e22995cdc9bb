"""Which search backend the site uses, from the environment (read by the settings module).

Without SEARCH_URL: the database (search.backends; PostgreSQL full-text search, with pg_trgm
for spelling). With it: Elasticsearch or OpenSearch (SEARCH_BACKEND, default elasticsearch8;
the matching client package must be installed), with analysers for what readers type:
  - an English stemmer, so "neuropathies" finds "neuropathy";
  - Wagtail's own edge n-grams for its autocomplete fields.
"Did you mean" and suggestions while typing read the vocabulary from the database, so they
work the same whichever backend ranks the pages. This module imports nothing from Django: settings load it before apps are ready.
"""

BACKENDS = {
    "elasticsearch7",
    "elasticsearch8",
    "elasticsearch9",
    "opensearch2",
    "opensearch3",
}

ANALYSIS = {
    "analyzer": {
        "default": {
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding", "english_stem"],
        },
    },
    "filter": {"english_stem": {"type": "stemmer", "language": "english"}},
}


def search_backends(environ):
    url = environ.get("SEARCH_URL", "")
    if not url:
        return {"default": {"BACKEND": "search.backends"}}
    backend = environ.get("SEARCH_BACKEND", "elasticsearch8")
    if backend not in BACKENDS:
        raise ValueError(f"SEARCH_BACKEND must be one of {', '.join(sorted(BACKENDS))}.")
    return {
        "default": {
            "BACKEND": f"wagtail.search.backends.{backend}",
            "URLS": [url],
            "INDEX": environ.get("SEARCH_INDEX", "neuropain"),
            "TIMEOUT": int(environ.get("SEARCH_TIMEOUT", "5")),
            "OPTIONS": {},
            # Merged into Wagtail's own index settings (which define the autocomplete
            # edge-n-gram analyser); ours adds stemming for full-text fields.
            "INDEX_SETTINGS": {"settings": {"index": {"analysis": ANALYSIS}}},
        }
    }
