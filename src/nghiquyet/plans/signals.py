"""Signals plans sends for the layers above it (which it may not import).

``task_assigned`` — a task was given to an owner unit (created, or reassigned), by a person:
``notifications`` tells the owner's people. Sent inside the change's transaction, so that a
rolled-back assignment notifies nobody.
"""

from django.dispatch import Signal

#: kwargs: ``task``, ``acting_user``
task_assigned = Signal()
