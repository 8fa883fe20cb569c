"""Smart-Support domain package, shared by the three functions, the local stack and tests."""
