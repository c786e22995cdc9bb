"""`make bench`'s report: its two tables and the verdict on each target."""

from bench import caching

SINGLE = "uncached, 1 connection"


def table(rows):
    lines = [
        "| page | mode | req/s | p50 ms | p99 ms | errors | ratio to floor |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, mode, result, floor in rows:
        lines.append(
            f"| {name} | {mode} | {result['rps']:.0f} | {result['p50']:.1f} | "
            f"{result['p99']:.1f} | {result['errors']} | {result['rps'] / floor['rps']:.0%} |"
        )
    return "\n".join(lines)


def tier_table(rows):
    lines = [
        "| page | served by | req/s | p50 ms | p99 ms | errors | ratio |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, mode, result, reference in rows:
        ratio = f"{result['rps'] / reference['rps']:.0%}" if reference else "-"
        lines.append(
            f"| {name} | {mode} | {result['rps']:.0f} | {result['p50']:.1f} | "
            f"{result['p99']:.1f} | {result['errors']} | {ratio} |"
        )
    return "\n".join(lines)


def check_targets(results, tier):
    article = results[("article", "uncached")]
    search = results[("search gabapentin", SINGLE)]
    brand_search = results[("search brand", SINGLE)]
    brand = results[("brand address", SINGLE)]
    search_load = results[("search gabapentin", "uncached")]
    suggestions = results[("search suggestions", SINGLE)]
    physicians = results[("physician ZIP", SINGLE)]
    checks = [
        (
            "uncached article >= 200 req/s, p99 <= 100 ms",
            article["rps"] >= 200 and article["p99"] <= 100,
        ),
        (
            "page-cached article through Varnish >= 50% of nginx serving the same bytes",
            tier["varnish"]["rps"] >= 0.5 * tier["static"]["rps"],
        ),
        (
            "article with every app cache off >= 150 req/s" + baseline_ratio(tier),
            tier["no caches"]["rps"] >= 150,
        ),
        (
            "editorial day: hit ratio >= 95%, p99 <= 100 ms, each change seen <= 1 s after its publish, "
            f"no reader given an error ({caching.describe(tier['editorial'])})",
            tier["editorial"]["hit_ratio"] >= 0.95
            and tier["editorial"]["p99"] <= 100
            and caching.slowest_visible(tier["editorial"]) <= 1.0
            and not tier["editorial"].get("errors"),
        ),
        ('search "gabapentin" p50 <= 50 ms (one connection)', search["p50"] <= 50),
        ("search for a brand name p50 <= 50 ms (one connection)", brand_search["p50"] <= 50),
        (
            "brand lookup (/drugs/brand/<name>/ to its drug) p50 <= 20 ms (one connection)",
            brand["p50"] <= 20,
        ),
        ('search "gabapentin" >= 150 req/s (8 connections)', search_load["rps"] >= 150),
        ("search suggestions p50 <= 15 ms (one connection)", suggestions["p50"] <= 15),
        ("physician ZIP + 25-mile search p50 <= 30 ms (one connection)", physicians["p50"] <= 30),
    ]
    return [f"- {'PASS' if ok else 'MISS'}: {label}" for label, ok in checks]


def baseline_ratio(tier):
    """ " (N x the baseline page in this run)", when one was measured."""
    baseline = tier.get("baseline")
    if not baseline or not baseline["rps"]:
        return ""
    return f" ({tier['no caches']['rps'] / baseline['rps']:.2f} x the baseline page in this run)"


def tier_rows(tier):
    baseline = tier.get("baseline")
    return [
        ("article", "gunicorn, every app cache off", tier["no caches"], baseline),
        *([("baseline page", "its own gunicorn", baseline, baseline)] if baseline else []),
        ("article", "nginx, the same bytes from a file", tier["static"], tier["static"]),
        ("article", "Varnish (page-cached)", tier["varnish"], tier["static"]),
        ("every article, Zipf", "Varnish, editorial day", tier["editorial"], None),
    ]
