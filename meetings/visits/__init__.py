"""Sedan ditt senaste besök: what changed in a network since the person last looked."""
