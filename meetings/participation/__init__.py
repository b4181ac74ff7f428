"""Taking part in meetings: answers (anmälan), attendance afterwards, colleagues invited to one
meeting, and the representatives' own page."""
