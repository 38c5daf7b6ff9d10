"""Reads of emulation, scoped: rounds and their scores (:mod:`.rounds`); proposals,
decisions, people and award history (:mod:`.awards`)."""

from .awards import *  # noqa: F403
from .rounds import *  # noqa: F403
