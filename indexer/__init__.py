"""fahras indexer: read, repair, structure and analyze Arabic UN documents.

The data flows one way (see DESIGN.md): sources -> repair -> structure -> analysis -> build.
"""
