"""Meeting evaluations (utvärderingar): participants answer after a held meeting; coordinators
send the request and read the results per meeting and per term."""
