"""Signals of the task services, for the layers above plans (notifications) to act on.

Send them inside the service's transaction, so that what a receiver writes (a notification
to the owner unit) stands or falls with the change.
"""

from django.dispatch import Signal

#: A task was given to a unit (created, or its owner unit changed): ``task``, ``acting_user``.
task_assigned = Signal()
#: A task's deadline was moved later: ``task`` (with the new deadline), ``acting_user``,
#: ``old_deadline``.
task_extended = Signal()
