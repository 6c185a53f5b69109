"""A local stand-in for AWS Lambda's Runtime API, invoke endpoint and an API Gateway front.

See `scripts/runtime-emulator --help`. Standard library only.
"""
