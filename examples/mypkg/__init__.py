"""An example package with a custom cleanup stage (see the README, "Custom stages")."""
