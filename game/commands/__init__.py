"""One module per `first-take` subcommand; each exposes `run(args) -> exit code`."""
