"""An article's "Drugs mentioned" row: the generic capitalised, a few brands, and the rest
behind "and N more" that opens without JavaScript."""

from tests.factories import ArticlePageFactory, BrandNameFactory, DrugPageFactory, mention_drugs


def row_of(html, generic):
    table = html.split('id="drugs-title"')[1].split("</table>")[0]
    return table.split(f">{generic}</a></th>")[1].split("</tr>")[0]


def test_a_long_brand_list_folds_into_and_n_more(client, article_index, drug_index):
    lidocaine = DrugPageFactory(parent=drug_index, title="lidocaine")
    names = [f"Brand{n:02d}" for n in range(12)]
    for order, name in enumerate(names):
        BrandNameFactory(page=lidocaine, name=name, sort_order=order)
    few = DrugPageFactory(parent=drug_index, title="tramadol")
    BrandNameFactory(page=few, name="Ultram")
    article = ArticlePageFactory(parent=article_index)
    mention_drugs(article, lidocaine, few)
    article.save_revision().publish()

    html = client.get(article.url).text
    row = row_of(html, "Lidocaine")
    shown, folded = row.split("<details", 1)
    assert "Brand00, Brand01, Brand02" in shown and "Brand03" not in shown
    assert "<summary>and 9 more" in folded
    assert "Brand03, Brand04" in folded and "Brand11" in folded
    assert "<details" not in row_of(html, "Tramadol") and "Ultram" in row_of(html, "Tramadol")
