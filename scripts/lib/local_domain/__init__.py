"""local-domain: a stand-in for an Amazon OpenSearch Service domain on 127.0.0.1.

`store` keeps the documents (JSON Lines on disk, OpenSearch-shaped answers), `sigv4` checks
request signatures with botocore, `server` speaks HTTP/1.1 and holds the fault-injection control API.
"""
