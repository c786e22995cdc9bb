"""Import scraped health articles: see parser.parse_document."""
