"""fahras indexer: read, repair, structure and analyze Arabic UN documents.

The data flows one way (see DESIGN.md): sources -> repair -> structure -> analysis -> build.
"""
from indexer import whoosh_imports

# before any of our modules imports Whoosh: Whoosh's imports skip what no search needs
whoosh_imports.install()
