"""The one problem type of the text layer: what is wrong with a cell, a field or a phrase, in
Vietnamese, where it is (sheet, row, column, field) and how to write it instead.

The messages are Vietnamese ``msgid``s with ``%(name)s`` placeholders, marked with
:func:`_` (which only marks: the text layer imports no Django) so that ``make messages``
puts them in the catalogue. They are translated when shown, by the function Django's
translation installs with :func:`use_translation` (``nghiquyet.audit``'s app config does it
on start); with no Django (``nghiquyet classify``) they stay Vietnamese.

Location, in the order a person looks for it::

    Trang 'Số liệu', dòng 12, cột H (Giá trị — 23. Giải quyết việc làm): …
    Dòng 3, cột 'thuc_hien': …
    Dòng 3, trường “value”: …
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any


def _(message: str) -> str:
    """Mark a message for the catalogue; it is translated when the problem is shown."""
    return message


class Message(str):
    """A marked message used as a parameter of another (a hint): translated with it."""


def _identity(message: str) -> str:
    return message


_translate: Callable[[str], str] = _identity


def use_translation(function: Callable[[str], str]) -> None:
    """Translate every problem's message (and location words) with ``function`` from now on."""
    global _translate
    _translate = function


def translate(message: str) -> str:
    """``message`` in the active language (Vietnamese with no translation installed)."""
    return _translate(message)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a cell, a field or a phrase.

    ``message`` is the Vietnamese msgid, lower case, without final stop, saying what is
    wrong and how to write it instead; ``params`` fill its placeholders. Where it is:
    ``sheet`` (a workbook's sheet), ``row`` (as the spreadsheet or the file counts),
    ``column`` (a letter ``"H"`` or the header text as the user wrote it), ``field`` (what
    the cell holds: ``"Giá trị — 23. Giải quyết việc làm"``, or an API field's name).
    """

    message: str
    params: Mapping[str, Any] = field(default_factory=dict)
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None

    def at(self, **where: Any) -> Problem:
        """The same problem at a place: ``problem.at(row=3, column="thuc_hien")``."""
        return replace(self, **where)

    @property
    def text(self) -> str:
        """The message alone, translated, without location (the same on every entry path)."""
        params = {k: translate(v) if isinstance(v, Message) else v for k, v in self.params.items()}
        message = translate(self.message)
        return message % params if params else message

    @property
    def location(self) -> str:
        """``"Trang 'Số liệu', dòng 12, cột H (Giá trị)"``, or ``""`` when nowhere in particular."""
        parts = []
        if self.sheet is not None:
            parts.append(translate(_("Trang '%(sheet)s'")) % {"sheet": self.sheet})
        if self.row is not None:
            parts.append(translate(_("dòng %(row)s")) % {"row": self.row})
        if self.column is not None:
            column = str(self.column)
            if len(column) <= 3 and column.isalpha() and column.isupper():
                parts.append(translate(_("cột %(column)s")) % {"column": column})
            else:
                parts.append(translate(_("cột '%(column)s'")) % {"column": column})
        text = ", ".join(parts)
        if self.field:
            if self.column is not None:
                text = f"{text} ({self.field})"
            else:
                word = translate(_("trường “%(field)s”")) % {"field": self.field}
                text = f"{text}, {word}" if text else word
        return text[:1].upper() + text[1:]

    def __str__(self) -> str:
        message = self.text
        where = self.location
        text = f"{where}: {message}" if where else message[:1].upper() + message[1:]
        return text if text.endswith((".", "?", "!", "…")) else text + "."


class TextError(ValueError):
    """Text that cannot become a value; ``problems`` lists every reason (at least one)."""

    def __init__(self, problems: Problem | Iterable[Problem]) -> None:
        self.problems: list[Problem] = (
            [problems] if isinstance(problems, Problem) else list(problems)
        )
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def problem(self) -> Problem:
        """The first (usually the only) problem."""
        return self.problems[0]

    def at(self, **where: Any) -> TextError:
        """The same problems at a place (fields already set are kept)."""
        return TextError(
            p.at(**{k: v for k, v in where.items() if getattr(p, k) is None}) for p in self.problems
        )


def problem(message: str, **params: Any) -> Problem:
    """A problem with no location yet: ``problem(_("'%(text)s' …"), text=raw)``."""
    return Problem(message, params)


def fail(message: str, **params: Any) -> TextError:
    """The error to raise for one problem: ``raise fail(_("…"), text=raw)``."""
    return TextError(Problem(message, params))
