"""Smart-Support domain package: everything the three functions, the local stack and the tests share."""
