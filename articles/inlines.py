"""The rows an article holds inline, edited in its panels and saved with its revisions: its
authors, the drugs it mentions and its references."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

__all__ = ["ArticleAuthor", "ArticleDrug", "ArticleReference"]


class ArticleAuthor(Orderable):
    page = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey("core.Person", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("person")]

    def __str__(self):
        return str(self.person)


class ArticleDrug(Orderable):
    """One drug under an article's "Drugs mentioned": the article is found by its name in search,
    and the drug page lists the article."""

    page = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="drug_links")
    drug = models.ForeignKey(
        "drugs.DrugPage", on_delete=models.CASCADE, related_name="article_links"
    )

    panels = [FieldPanel("drug")]

    def __str__(self):
        return self.drug.title


class ArticleReference(Orderable):
    """A numbered citation. Its number is the one the text cites it by (an imported article
    keeps its source's numbers); without one, it is numbered after the reference above it."""

    page = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="references")
    number = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(999)],
        help_text="The number the article's text cites it by, as in the source. "
        "Leave blank to number it after the reference above.",
    )
    authors = models.CharField(max_length=500, blank=True)
    title = models.CharField(max_length=500)
    journal = models.CharField(max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    volume = models.CharField(max_length=20, blank=True)
    issue = models.CharField(max_length=20, blank=True)
    pages = models.CharField(max_length=40, blank=True)
    doi = models.CharField(max_length=255, blank=True, verbose_name="DOI")
    pubmed_id = models.CharField(max_length=20, blank=True, verbose_name="PubMed ID")

    panels = [
        FieldPanel("number"),
        FieldPanel("authors"),
        FieldPanel("title"),
        FieldPanel("journal"),
        FieldPanel("year"),
        FieldPanel("volume"),
        FieldPanel("issue"),
        FieldPanel("pages"),
        FieldPanel("doi"),
        FieldPanel("pubmed_id"),
    ]

    def __str__(self):
        return self.title

    @property
    def link(self):
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pubmed_id:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pubmed_id}/"
        return ""
