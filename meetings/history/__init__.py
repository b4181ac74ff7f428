"""Change history: who changed which field of a tracked record, from what to what."""
