"""The local stack: the deployed handlers on 127.0.0.1 with Redis, SQS and an event-source poller.

`python -m local_stack` (or `make run`) starts it; no Docker, no system services.
"""
