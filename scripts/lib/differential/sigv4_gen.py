"""Seeded generator of HTTP requests to SigV4-sign, shaped the way a client sends them: the path
and query percent-encoded on the request line (in the several ways clients do it), headers with
odd whitespace, repeated names and mixed case, bodies empty or binary, session token on or off.

Restrictions (inputs not generated, and why) are in `known_differences.SIGV4_GENERATOR_RESTRICTIONS`.
"""

from urllib.parse import quote, quote_plus

METHODS = ["GET", "PUT", "POST", "DELETE", "HEAD", "PATCH", "OPTIONS"]
UNRESERVED = "abcXYZ019-._~"
RESERVED = ":/?#[]@!$&'()*+,;="
OTHER_ASCII = " \"%<>\\^`{|}"
NON_ASCII = ["é", "ü", "✓", "漢", "😀", "\u0301", "ß"]
SUB_DELIMS_RAW = "!$&'()*+,;=:@"  # legal unencoded in a path segment (RFC 3986 pchar)
HEADER_NAMES = ["Content-Type", "content-type", "X-Custom", "x-custom", "X-Amz-Meta-Note", "Accept",
                "X-Amz-Target", "My-Header1", "MY-HEADER1", "Content-Encoding", "x-amz-meta-e_1",
                "X-Amz-Security-Token", "X-Amz-Date", "Authorization", "User-Agent", "x-amzn-trace-id",
                "Expect", "A", "z_z", "x.y", "X-Empty"]
VALUE_WORDS = ["application/json", "v1", "a b", "\"a   b   c\"", "é✓", "gzip", "1234", "x=y;z", "*/*", "",
               "text/plain; charset=utf-8", "(comment)", "a,b", "100-continue"]
SERVICES = [("es", "eu-west-1"), ("es", "us-east-1"), ("aoss", "ap-southeast-2"), ("service", "us-east-1")]


def hex_case(text, rng):
    return text.lower() if rng.random() < 0.15 else text


class RequestGenerator:
    def __init__(self, rng):
        self.rng = rng

    def request(self):
        r = self.rng
        service, region = r.choice(SERVICES)
        token = None
        if r.random() < 0.5:
            token = "IQoJb3JpZ2luX2VjE" + "".join(r.choice("AbZ09+/=") for _ in range(r.randint(4, 40)))
        return {
            "method": r.choice(METHODS),
            "path": self.path(),
            "query": self.query(),
            "headers": self.headers(),
            "body_hex": self.body().hex(),
            "access_key": r.choice(["AKIDEXAMPLE", "ASIAEXAMPLEEXAMPLE01"]),
            "secret_key": r.choice(["wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "s3cr3t+/=é"]),
            "token": token,
            "region": region,
            "service": service,
            # 1970 ... 2100, and some on day and year boundaries.
            "time": r.choice([r.randint(0, 4_102_444_800), 1_440_938_160, 951_782_400, 1_704_067_199]),
        }

    def segment_text(self):
        r = self.rng
        pool = [UNRESERVED, RESERVED, OTHER_ASCII, "".join(NON_ASCII)]
        return "".join(r.choice(r.choice(pool)) for _ in range(r.randint(0, 6)))

    def encode_segment(self, text):
        """As a client would put `text` on the request line: every client encodes what it must
        (reserved delimiters, '%', space, non-ASCII); some leave sub-delims raw, some use lower-case hex."""
        r = self.rng
        safe = SUB_DELIMS_RAW if r.random() < 0.4 else ""
        return hex_case(quote(text, safe=safe), r)

    def path(self):
        r = self.rng
        segments = []
        for _ in range(r.randint(0, 5)):
            roll = r.random()
            if roll < 0.1:
                segments.append(r.choice([".", ".."]))
            elif roll < 0.18:
                segments.append("")  # makes "//"
            else:
                segments.append(self.encode_segment(self.segment_text()))
        path = "/" + "/".join(segments)
        if segments and r.random() < 0.25:
            path += "/"
        return path

    def query(self):
        r = self.rng
        if r.random() < 0.25:
            return ""
        # Per request: most clients (the AWS SDKs among them) send SigV4's own encoding; some
        # send another valid one (sub-delims raw, '~' encoded, lower-case hex) or empty pieces.
        self.client_style = r.random() < 0.25
        empty_pieces = r.random() < 0.1
        names = [self.param_text() for _ in range(r.randint(1, 3))]
        pieces = []
        for _ in range(r.randint(1, 6)):
            name = r.choice(names)  # repeats are common
            roll = r.random()
            if roll < 0.1:
                pieces.append(self.encode_query(name))  # no '='
            elif roll < 0.2:
                pieces.append(self.encode_query(name) + "=")
            elif roll < 0.3 and empty_pieces:
                pieces.append("")  # "a=1&&b=2"
            else:
                pieces.append(self.encode_query(name) + "=" + self.encode_query(self.param_text()))
        return "&".join(pieces)

    def param_text(self):
        r = self.rng
        pool = [UNRESERVED, UNRESERVED, RESERVED, OTHER_ASCII, "".join(NON_ASCII), "+ ="]
        return "".join(r.choice(r.choice(pool)) for _ in range(r.randint(0, 6)))

    def encode_query(self, text):
        """Mostly SigV4's own encoding (what the AWS SDKs send); sometimes a browser/form style
        (sub-delims raw, '~' encoded, lower-case hex), which AWS re-encodes before signing."""
        r = self.rng
        if not self.client_style:
            return quote(text, safe="-_.~")
        roll = r.random()
        if roll < 0.4:
            return hex_case(quote(text, safe="!$'()*,;:@/?").replace("~", "%7E"), r)
        if roll < 0.7:
            return quote_plus(text)  # HTML form style: space as '+'
        return quote(text, safe="-_.~").lower()

    def headers(self):
        r = self.rng
        host = r.choice(["search-esproxy-abc.eu-west-1.es.amazonaws.com", "example.amazonaws.com",
                         "localhost:9200"])
        headers = [[r.choice(["Host", "host", "HOST"]), self.pad(host)]]
        for _ in range(r.randint(0, 5)):
            headers.append([r.choice(HEADER_NAMES), self.value()])
        r.shuffle(headers)
        return headers

    def value(self):
        r = self.rng
        words = [r.choice(VALUE_WORDS) for _ in range(r.randint(1, 3))]
        out = ""
        for index, word in enumerate(words):
            if index:
                out += r.choice([" ", "  ", "\t", " \t  "])
            out += word
        return self.pad(out)

    def pad(self, text):
        r = self.rng
        if r.random() < 0.3:
            text = r.choice([" ", "  ", "\t"]) + text
        if r.random() < 0.3:
            text = text + r.choice([" ", "   ", "\t "])
        return text

    def body(self):
        r = self.rng
        roll = r.random()
        if roll < 0.4:
            return b""
        if roll < 0.7:
            return b'{"name":"Ada","answers":[3,1,4]}'
        return bytes(r.randrange(256) for _ in range(r.randint(1, 300)))
