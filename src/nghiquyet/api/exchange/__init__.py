"""Bulk exchange of figures keyed by natural codes: plan, unit, target and period.

Out (:mod:`.export`): the accepted figures (or the reports' working copies) of a plan as
JSON rows or CSV. In (:mod:`.imports`): rows pushed by another system or a script
(:mod:`.rows`, their fields read in :mod:`.parse`), written into the units' draft reports.
"""
