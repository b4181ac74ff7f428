"""Minutes (minnesanteckningar) of a held meeting: the coordinators' draft, published frozen
versions, the action items decided, and the outcomes carried back to the questions."""
