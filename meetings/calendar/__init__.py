"""Outlook: personal and network calendar feeds, one-meeting downloads, and the e-mails with
calendar invitations sent when a meeting is published, moved or cancelled."""
