"""The agenda (dagordning): representatives' proposals, the coordinators' workspace, and
published versions."""
