"""Benchmarks and the synthetic content they measure; installed only by the bench and test
settings (`neuropain/settings/bench.py`, `neuropain/settings/test.py`), never in production.

- `scale.py` (with `words.py`): the one generator of synthetic content, used by
  `manage.py generate_scale_data` (production scale for `make bench`) and `demo.py` (the small
  set the load and fault scripts serve); `documents.py` writes import documents from the same
  vocabulary for `import_bench.py`.
- `harness.py`: the one harness that creates throwaway databases, starts and stops gunicorn
  and runs wrk; `python -m bench` (`make bench`), `bench.import_bench` and `bench/scripts/`
  (load, fault, editor and HTTP Observatory scripts) all use it.

How synthetic content is marked: by a row in this app's own table, `bench.SyntheticObject`
(content type + object id), never by a column on a production model. Synthetic articles and
drugs stay children of the real article index and drugs A–Z, and synthetic physicians are
ordinary rows, so the benchmark measures the same listing, A–Z page and physician search an
editor's content would go through (a separate parent page would have taken 10,000 articles out
of the article index it measures). `generate_scale_data --purge` deletes exactly the objects
recorded in that table, and nothing an editor made.
"""
