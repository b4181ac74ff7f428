"""To-dos ("Att göra"): what each person has to do, collected from every feature."""
