"""Documents and consultations (styrdokument, remisser, rapporter) shared in a network, and the
administrations' consultation responses."""
