print("schema-check: not yet wired")
