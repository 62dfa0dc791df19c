from quanze.main import main

raise SystemExit(main())
