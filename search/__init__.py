"""fahras search: query parsing, the search engine, the CLI and HTML rendering."""
from indexer import whoosh_imports

# search.engine and search.counting import Whoosh before they import the indexer
whoosh_imports.install()
