"""What ``fahras`` loads at start-up: each command imports what it uses, and no more.

A command runs in a fresh interpreter (the modules this test session has already imported would
hide the difference) and reports ``sys.modules``. Behaviour, not time: a module listed here as
not loaded would cost start-up time on every search.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Never needed to answer a search on the command line: pages (jinja2), source readers (PDF,
#: DOCX, HTML), repair, bidi reordering for --bidi, the per-user folder (FAHRAS_INDEX is set),
#: and what Whoosh imports for features fahras does not use (see indexer/whoosh_imports.py).
NOT_FOR_SEARCH = (
    "jinja2", "markupsafe", "pdfminer", "bidi", "platformdirs", "tashaphyne", "importlib.metadata",
    "indexer.repair", "indexer.lexicon", "indexer.pipeline", "indexer.structure", "indexer.pdf_source",
    "indexer.docx_source", "indexer.html_source", "indexer.sources", "indexer.records",
    "search.render", "search.site", "search.web",
    "urllib.request", "http.client", "email", "ssl", "asyncio", "whoosh.lang.morph_en",
    "wsgiref", "socketserver", "zipfile", "importlib.resources",
)


def loaded_by(args: list[str], env_index: Path | None = None) -> tuple[set[str], str]:
    """Run ``fahras ARGS`` in a new interpreter; the modules it loaded, and its output."""
    script = textwrap.dedent("""
        import contextlib, io, sys
        from search.cli import main
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            try:
                main(sys.argv[1:])
            except SystemExit as done:
                code = done.code
        modules = sorted(sys.modules)  # before this script's own json
        import json
        sys.stderr.write(json.dumps({"modules": modules, "out": out.getvalue(), "code": code}))
    """)
    import os

    env = dict(os.environ)
    if env_index is not None:
        env["FAHRAS_INDEX"] = str(env_index)
    done = subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    report = json.loads(done.stderr.splitlines()[-1])
    assert report["code"] in (0, None), done.stderr
    return set(report["modules"]), report["out"]


def top_levels(modules: set[str]) -> set[str]:
    return modules | {m.split(".")[0] for m in modules}


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_search_loads_only_the_search_path(built_index, extra):
    modules, out = loaded_by(["search", "الجنسية", *extra], built_index)
    assert "الجنسية" in out or "الجنسيه" in out or '"total"' in out
    assert {"search.engine", "search.query", "indexer.analysis", "whoosh.searching"} <= modules
    assert top_levels(modules) & set(NOT_FOR_SEARCH) == set()


def test_help_loads_neither_whoosh_nor_the_analyzer():
    modules, out = loaded_by(["--help"])
    assert "search" in out and "themes" in out
    assert not {m for m in modules if m.split(".")[0] in ("whoosh", "json")}
    assert not {"indexer.analysis", "indexer.normalize", "pyarabic", "search.engine"} & modules


def test_whoosh_features_behind_the_stand_ins_still_work(tmp_path):
    """urlretrieve, English variations and cached properties, after a search-path import."""
    source = tmp_path / "a.txt"
    source.write_text("نص", encoding="utf-8")
    script = textwrap.dedent(f"""
        import sys
        import search.engine, search.query
        assert "urllib.request" not in sys.modules and "asyncio" not in sys.modules
        import whoosh.compat
        path, _ = whoosh.compat.urlretrieve({source.as_uri()!r}, {str(tmp_path / "b.txt")!r})
        assert open(path, encoding="utf-8").read() == "نص"
        import urllib.request
        assert urllib.request.urlretrieve is not whoosh.compat.urlretrieve  # the real module
        from whoosh.query.terms import variations
        from whoosh.lang.morph_en import variations as real_variations
        assert variations("rights") == real_variations("rights") and "right" in variations("rights")
        from cached_property import cached_property

        class Probe:
            @cached_property
            def value(self):
                return 42

            @cached_property
            async def later(self):
                return 7

        probe = Probe()
        assert probe.value == 42 and "asyncio" not in sys.modules
        import asyncio

        async def main():
            return await Probe().later

        assert asyncio.run(main()) == 7
        print("ok")
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.stdout.strip() == "ok", done.stderr


def test_stand_in_finder_on_a_module_of_its_own(tmp_path, monkeypatch):
    from indexer.whoosh_imports import StandInFinder

    (tmp_path / "heavy_dep.py").write_text("LOADED = True\ndef work(x):\n    return x * 2\n")
    (tmp_path / "light_user.py").write_text(
        "from heavy_dep import work\nimport heavy_dep as dep\ndef later():\n    return dep.LOADED\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    finder = StandInFinder({"light_user": {"heavy_dep": ("work",)}})
    monkeypatch.setattr(sys, "meta_path", [finder, *sys.meta_path])
    for name in ("light_user", "heavy_dep"):
        monkeypatch.delitem(sys.modules, name, raising=False)

    import light_user

    assert "heavy_dep" not in sys.modules
    assert finder not in sys.meta_path  # its one module is done: the finder left
    assert light_user.work(21) == 42  # the first call imports the real module
    assert "heavy_dep" in sys.modules and light_user.later() is True
    sys.modules.pop("light_user", None)
    sys.modules.pop("heavy_dep", None)


def test_iscoroutinefunction_without_asyncio_agrees_with_asyncio():
    import asyncio

    from indexer.whoosh_imports import iscoroutinefunction

    async def coroutine():
        return 1

    def plain():
        return 1

    for func in (coroutine, plain, len, lambda: None):
        assert iscoroutinefunction(func) == asyncio.iscoroutinefunction(func)
