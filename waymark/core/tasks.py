"""Enqueuing background tasks with the change that causes them."""

from typing import Any

from django.db import transaction
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task


def enqueue_with_change(task: Task[Any, Any], *args: Any, **kwargs: Any) -> None:
    """Enqueue ``task`` so that it happens only if the surrounding change commits.

    With the database backend the task row is written in the same transaction as the
    change. With the inline backend (demo, tests) the task runs after the commit.
    """
    if isinstance(task.get_backend(), ImmediateBackend):
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
    else:
        task.enqueue(*args, **kwargs)
