"""Keep Whoosh's import from loading modules a search never uses.

Three of Whoosh's modules import, when they load, something only a rarely used feature needs:

* ``whoosh.compat`` takes ``urlretrieve`` from ``urllib.request`` (which loads ``http.client``,
  ``email``, ``ssl``, ``socket``, ``tempfile``); nothing in Whoosh calls it;
* ``cached_property`` (imported by ``whoosh.reading``) imports ``asyncio`` to ask, at each
  read of a cached property, whether the method is a coroutine function; Whoosh's one cached
  property (read for every posting list) is an ordinary method;
* ``whoosh.query.terms`` takes ``variations`` from ``whoosh.lang.morph_en`` (English word
  forms, for the ``Variations`` query fahras does not use).

Together they were about half of Whoosh's import time, a quarter of a ``fahras search``.
:func:`install` puts a finder first on ``sys.meta_path`` that, while exactly those three modules
execute, lets them import a stand-in instead: a function that imports the real one when it is
first called, or a module whose attributes import the real module when first read. The
stand-ins leave ``sys.modules`` as soon as the importing module has run, so any later
``import urllib.request`` / ``asyncio`` gets the real module, and the features still work
(``tests/test_startup_imports.py``). ``asyncio.iscoroutinefunction`` is answered without
``asyncio`` while it is not loaded (:func:`iscoroutinefunction`).

A stand-in sits in ``sys.modules`` only while its importing module executes (a few
milliseconds, once per process); a second thread importing ``urllib.request`` at that very
moment would get it too. fahras imports Whoosh before it starts any thread (``fahras serve``
opens the index first).
"""
from __future__ import annotations

import sys
import types

#: module being imported -> modules it may see as stand-ins -> names it takes with ``from … import``
STAND_INS: dict[str, dict[str, tuple[str, ...]]] = {
    "whoosh.compat": {"urllib.request": ("urlretrieve",)},
    "cached_property": {"asyncio": ()},
    "whoosh.query.terms": {"whoosh.lang.morph_en": ("variations",)},
}


class DeferredModule(types.ModuleType):
    """Stands in for a module while another one imports it; once out of ``sys.modules``, reading
    an attribute imports the real module and reads it there."""

    def __getattr__(self, attr: str):
        if attr.startswith("__") or sys.modules.get(self.__name__) is self:
            raise AttributeError(attr)
        import importlib

        return getattr(importlib.import_module(self.__name__), attr)


def deferred_function(module: str, name: str):
    """A function that imports ``module`` on its first call and calls its ``name``."""
    def call(*args, **kwargs):
        import importlib

        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"{module}.{name}, imported when first called."
    return call


def iscoroutinefunction(func) -> bool:
    """``asyncio.iscoroutinefunction`` without importing ``asyncio``.

    asyncio's answer is ``inspect.iscoroutinefunction(func)``, or True for a function carrying
    asyncio's own marker, which only code that imported asyncio can have put there: so while
    asyncio is not loaded, inspect's answer is asyncio's.
    """
    if "asyncio" in sys.modules:
        return sys.modules["asyncio"].iscoroutinefunction(func)
    import inspect

    return inspect.iscoroutinefunction(func)


#: Attributes of a stand-in answered by a function of ours instead of the real module's.
OWN_ANSWERS = {("asyncio", "iscoroutinefunction"): iscoroutinefunction}


def stand_in(module: str, names: tuple[str, ...]) -> DeferredModule:
    """The stand-in for ``module``: deferred functions for ``names``, deferred attributes else."""
    stub = DeferredModule(module)
    for name in names:
        setattr(stub, name, deferred_function(module, name))
    for (owner, name), answer in OWN_ANSWERS.items():
        if owner == module:
            setattr(stub, name, answer)
    return stub


class StandInLoader:
    """Runs the real loader of a module with its stand-ins in ``sys.modules``, then takes them out.

    (A plain class, not a dataclass: this module is imported before anything else, and
    ``dataclasses`` would bring ``inspect`` with it.)
    """

    def __init__(self, loader, stand_ins: dict[str, tuple[str, ...]]) -> None:
        self.loader = loader
        self.stand_ins = stand_ins

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module) -> None:
        placed = {name: stand_in(name, names) for name, names in self.stand_ins.items()
                  if name not in sys.modules}
        sys.modules.update(placed)
        try:
            self.loader.exec_module(module)
        finally:
            for name, stub in placed.items():
                if sys.modules.get(name) is stub:
                    del sys.modules[name]

    def __getattr__(self, attr: str):  # get_source, is_package, get_resource_reader, ...
        return getattr(self.loader, attr)


class StandInFinder:
    """A ``sys.meta_path`` finder that wraps the loaders of the modules in :data:`STAND_INS`."""

    def __init__(self, table: dict[str, dict[str, tuple[str, ...]]] = STAND_INS) -> None:
        self.table = dict(table)

    def find_spec(self, fullname: str, path=None, target=None):
        if fullname not in self.table:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        if spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = StandInLoader(spec.loader, self.table[fullname])
        self.table.pop(fullname)  # once per module; the finder leaves when it has nothing to do
        if not self.table and self in sys.meta_path:
            sys.meta_path.remove(self)
        return spec


def install() -> None:
    """Put the finder first on ``sys.meta_path`` (once; a no-op for modules already imported)."""
    if any(isinstance(f, StandInFinder) for f in sys.meta_path):
        return
    pending = {name: ins for name, ins in STAND_INS.items() if name not in sys.modules}
    if pending:
        sys.meta_path.insert(0, StandInFinder(pending))
