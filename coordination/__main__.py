from coordination.cli import main

raise SystemExit(main())
