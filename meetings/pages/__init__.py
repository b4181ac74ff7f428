"""The pages everyone signed in reads: the start page, a network's page and a meeting's page,
each put together from the features' own parts."""
