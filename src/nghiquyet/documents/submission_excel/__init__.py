"""A unit's report as an Excel template, and the import of the filled template: the layout
(:mod:`.spec`), the template (:mod:`.template`), reading it back (:mod:`.parse`) and saving
what changed (:mod:`.save`). The import itself is
:func:`nghiquyet.documents.services.submission_import`.
"""
