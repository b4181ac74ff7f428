"""Reminders by e-mail, sent by the worker's hourly job, and the coordinators' daily digest."""
