"""The one HTTP/1.1 request-body reader of the local servers (emulator and local domain)."""


def read_body(headers, rfile):
    """The body of a request: chunked (RFC 9112, 7.1; extensions and trailers skipped) or
    Content-Length; b"" when neither is given. Raises ValueError on a malformed framing."""
    if "chunked" in headers.get("Transfer-Encoding", "").lower():
        chunks = []
        while True:
            size_line = rfile.readline(1024)
            try:
                size = int(size_line.split(b";")[0].strip(), 16)
            except ValueError:
                raise ValueError("malformed chunked request body") from None
            if size == 0:
                while rfile.readline(1024).strip():
                    pass  # trailers
                return b"".join(chunks)
            chunks.append(rfile.read(size))
            rfile.readline(3)
    length = headers.get("Content-Length")
    if length is None:
        return b""
    if not length.strip().isdigit():
        raise ValueError(f"bad Content-Length [{length}]")
    return rfile.read(int(length))
