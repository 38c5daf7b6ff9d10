"""Every schema class of the API has its own name: django-ninja names OpenAPI components by
class name, so a second ``RoundDetailOut`` in another router silently replaces the first in
the schema of every operation that uses it."""

from __future__ import annotations

import collections
import importlib
import inspect
import pkgutil

from ninja import Schema

import nghiquyet.api.routers as routers
import nghiquyet.api.schemas as schemas


def test_no_two_schema_classes_share_a_name():
    modules = [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for package in (routers, schemas)
        for info in pkgutil.iter_modules(package.__path__)
    ]
    where = collections.defaultdict(set)
    for module in modules:
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, Schema)
                and obj.__module__ == module.__name__
            ):
                where[obj.__name__].add(module.__name__)
    assert {name: found for name, found in where.items() if len(found) > 1} == {}
