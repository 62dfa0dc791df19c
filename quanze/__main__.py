from quanze.main import run

raise SystemExit(run())
