"""gunicorn's access log with calendar feed secrets masked (the feed URL is a credential)."""

from gunicorn.glogging import Logger

from config.logging import mask_calendar_secrets


class MaskingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "f"):
            if isinstance(atoms.get(key), str):
                atoms[key] = mask_calendar_secrets(atoms[key])
        return atoms
