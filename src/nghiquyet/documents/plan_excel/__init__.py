"""A resolution typed into one Excel sheet: the layout (:mod:`.spec`), the downloadable
template (:mod:`.template`), reading it back (:mod:`.read`, its cells' values in
:mod:`.parse`) and making the plan (:mod:`.create`). The import itself is
:func:`nghiquyet.documents.services.plan_import`.
"""
