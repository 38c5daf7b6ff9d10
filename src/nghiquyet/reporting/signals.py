"""Signals of the reporting workflow, for the layers above it (notifications) to act on.

Sent inside the transaction of the move, so that what a receiver writes (a notification)
stands or falls with it.
"""

from django.dispatch import Signal

#: A submission moved (``reporting.workflow``): ``submission`` (after the move), ``action``
#: (a ``SubmissionAction``), ``from_status``, ``acting_user``, ``comment``.
submission_moved = Signal()
