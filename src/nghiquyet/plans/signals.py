"""Signals plans sends for the layers above it (which it may not import).

Sent inside the change's transaction, so that a rolled-back change notifies nobody;
``notifications`` (``notifications.workflow.connect``) tells the owner unit's people.
"""

from django.dispatch import Signal

#: A task was given to an owner unit (created, or reassigned), by a person.
#: kwargs: ``task``, ``acting_user``
task_assigned = Signal()
#: A task's deadline was moved later. kwargs: ``task`` (with the new deadline),
#: ``acting_user``, ``old_deadline``
task_extended = Signal()
