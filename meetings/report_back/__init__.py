"""The report-back pack (återrapport): what an administration takes home from a held meeting,
and its representative marking it presented to the management group."""
