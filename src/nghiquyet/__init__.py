"""nghiquyet — plan, report and review the targets of resolutions."""
