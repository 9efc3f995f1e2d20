"""fahras benchmarks: speed and memory (run.py) and retrieval quality (relevance.py)."""
