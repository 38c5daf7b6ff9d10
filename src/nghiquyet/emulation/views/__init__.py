"""Pages of emulation, by concern: movements, clusters, rounds and scores (:mod:`.rounds`);
proposals, decisions, people and award history (:mod:`.awards`)."""
