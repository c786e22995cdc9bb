"""articles.tables writes the reference list and the drug table exactly as the template they
replaced did (kept here as the reference), every value escaped."""

from types import SimpleNamespace

import pytest

from django.template import Context, Template

from articles.tables import drug_row, reference_items

REFERENCE_TEMPLATE = Template(
    "{% for number, ref in references %}"
    '<li id="ref-{{ number }}" value="{{ number }}">{{ ref.authors }}{% if ref.authors %}. '
    "{% endif %}{{ ref.title }}.{% if ref.journal %} <cite>{{ ref.journal }}</cite>.{% endif %}"
    "{% if ref.year %} {{ ref.year }}{% endif %}{% if ref.volume %};{{ ref.volume }}{% endif %}"
    "{% if ref.issue %}({{ ref.issue }}){% endif %}{% if ref.pages %}:{{ ref.pages }}{% endif %}."
    '{% if ref.link %} <a href="{{ ref.link }}">View source<span class="visually-hidden"> for '
    "reference {{ number }}</span></a>{% endif %}{% if number in cited_references %} "
    '<a href="#cite-{{ number }}" class="backref">Back to text<span class="visually-hidden"> '
    "for reference {{ number }}</span></a>{% endif %}</li>{% endfor %}"
)
DRUG_TEMPLATE = Template(
    '{% with brands=drug.brand_names.all %}<tr><th scope="row"><a href="{{ url }}">'
    "{{ drug.title|capfirst }}</a></th><td>{% for brand in brands|slice:':3' %}{{ brand.name }}"
    '{% if not forloop.last %}, {% endif %}{% empty %}<span class="small">No brand names listed'
    '</span>{% endfor %}{% if brands|length > 3 %}<details class="brand-more"><summary>and '
    '{{ brands|length|add:"-3" }} more<span class="visually-hidden"> brand names of '
    "{{ drug.title }}</span></summary>{% for brand in brands|slice:'3:' %}{{ brand.name }}"
    "{% if not forloop.last %}, {% endif %}{% endfor %}</details>{% endif %}</td></tr>"
    "{% endwith %}"
)


def reference(**fields):
    values = dict.fromkeys(("authors", "journal", "volume", "issue", "pages", "link"), "")
    return SimpleNamespace(**{**values, "title": "A title", "year": None, **fields})


REFERENCES = [
    reference(),
    reference(
        authors="Finnerup NB, Attal N",
        title="Pharmacotherapy for neuropathic pain <in adults>",
        journal="Lancet Neurol",
        year=2015,
        volume="14",
        issue="2",
        pages="162-73",
        link="https://doi.org/10.1016/S1474-4422(14)70251-0",
    ),
    reference(title='"Quoted" & odd', year=1999, link="https://example.org/?a=1&b=2"),
    reference(journal="J <Pain>", pages="e1"),
]


@pytest.mark.parametrize("cited", [set(), {1, 3}, {1, 2, 3, 4}])
def test_the_reference_list_is_what_the_template_wrote(cited):
    numbered = list(enumerate(REFERENCES, start=1))
    expected = REFERENCE_TEMPLATE.render(
        Context({"references": numbered, "cited_references": cited})
    )
    assert reference_items(numbered, cited) == expected
    assert "<in adults>" not in expected and "&lt;in adults&gt;" in expected


class Brands(list):
    def all(self):
        return self


@pytest.mark.parametrize(
    "names",
    [[], ["Neurontin"], ["Neurontin", "Gralise", "Horizant"], ["A", "B & C", "<D>", "E", "F"]],
)
def test_a_drug_row_is_what_the_template_wrote(names):
    drug = SimpleNamespace(
        title="gabapentin <x>", brand_names=Brands(SimpleNamespace(name=n) for n in names)
    )
    expected = DRUG_TEMPLATE.render(Context({"drug": drug, "url": "/drugs/gabapentin/?a&b"}))
    assert drug_row(drug.title, "/drugs/gabapentin/?a&b", names) == expected
