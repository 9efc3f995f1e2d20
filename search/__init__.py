"""fahras search: query parsing, the search engine, the CLI and HTML rendering."""
