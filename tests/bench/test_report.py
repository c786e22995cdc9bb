"""bench.report: the tier table and the every-app-cache-off verdict, with and without a
baseline page measured in the same run."""

from bench.report import baseline_ratio, tier_rows, tier_table


def figures(rps):
    return {"rps": rps, "p50": 1.0, "p99": 2.0, "errors": 0}


def tier(baseline=None):
    value = {
        "no caches": figures(120.0),
        "static": figures(1000.0),
        "varnish": figures(600.0),
        "editorial": figures(500.0),
    }
    if baseline:
        value["baseline"] = figures(baseline)
    return value


def test_without_a_baseline_the_tier_has_no_baseline_row_or_ratio():
    assert baseline_ratio(tier()) == ""
    assert "baseline page" not in tier_table(tier_rows(tier()))


def test_a_baseline_measured_in_the_run_is_a_row_and_the_article_is_compared_with_it():
    measured = tier(baseline=50.0)
    assert baseline_ratio(measured) == " (2.40 x the baseline page in this run)"
    text = tier_table(tier_rows(measured))
    assert "| baseline page | its own gunicorn | 50 |" in text
    assert "| article | gunicorn, every app cache off | 120 | 1.0 | 2.0 | 0 | 240% |" in text


def test_the_editorial_day_says_what_kind_of_errors_wrk_counted():
    from bench.caching import describe

    day = {
        **figures(500.0),
        "hit_ratio": 0.99,
        "publishes": 1,
        "visible": [0.1],
        "publishing": [0.4],
        "errors": 7,
        "non_2xx_3xx": 4,
        "socket_detail": "connect 0, read 1, write 0, timeout 2",
    }
    assert describe(day).endswith(
        "; errors: 4 non-2xx/3xx responses, socket errors connect 0, read 1, write 0, timeout 2"
    )
    assert "errors" not in describe({**day, "errors": 0})
