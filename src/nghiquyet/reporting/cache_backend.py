"""Django's in-memory cache without pickling, for the evaluation cache.

``LocMemCache`` pickles every value in and out; for a province's units table (125
evaluations, 7.500 targets with their figures) unpickling rebuilt every model instance and
cost more than computing the answer. This backend keeps the objects themselves: a cached
answer is shared by the requests of the process and must be treated as read-only (the
selectors build new lists for their callers; nothing that reads an evaluation changes it).
"""

from __future__ import annotations

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class SharedObjectCache(LocMemCache):
    """``LocMemCache`` (thread-safe, least recently used culled) holding objects as they are."""

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._set(key, value, timeout)
                return True
            return False

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            value = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            self._set(key, value, timeout)
