"""Django admin for curricula (paths, phases, units, topics, resources, skills...)."""
