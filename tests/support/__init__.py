"""Test doubles and fixtures shared by the test suites (local Slack, isolated Redis keys)."""
