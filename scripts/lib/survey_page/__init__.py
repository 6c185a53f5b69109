"""A survey page for the demo: a form generated from a route's JSON Schema, served from its own
origin on 127.0.0.1, that posts to the gateway with fetch, as a page on another site would.

Form rules: boolean -> checkbox; number or integer -> number input; string -> text input with its
`format` shown as a hint; required fields marked. The page sends an Idempotency-Key
(crypto.randomUUID()) and keeps it for a resubmit after a network error, and shows the created id,
or each error next to its field by instanceLocation."""

import html
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SCRIPT = (Path(__file__).parent / "page.js").read_text(encoding="utf-8")


def _field(name, schema, required):
    kind = schema.get("type")
    label = html.escape(schema.get("title", name))
    mark = ' <span class="required" title="required">*</span>' if required else ""
    attrs = f'name="{html.escape(name)}" id="field-{html.escape(name)}" data-type="{html.escape(str(kind))}"'
    if required:
        attrs += " required"
    hint = ""
    if kind == "boolean":
        control = f'<input type="checkbox" {attrs}>'
    elif kind in ("number", "integer"):
        step = "1" if kind == "integer" else "any"
        control = f'<input type="number" step="{step}" {attrs}>'
    else:
        control = f'<input type="text" {attrs}>'
        if "format" in schema:
            hint = f' <span class="hint">({html.escape(schema["format"])})</span>'
    return (f'<p class="field"><label for="field-{html.escape(name)}">{label}{mark}</label> {control}{hint}'
            f' <span class="error" id="error-{html.escape(name)}" data-for="/{html.escape(name)}"></span></p>')


def render(schema, api_url):
    """The page for a route's schema, posting to `api_url`."""
    required = set(schema.get("required", []))
    fields = "\n".join(_field(name, sub if isinstance(sub, dict) else {}, name in required)
                       for name, sub in schema.get("properties", {}).items())
    title = html.escape(schema.get("title", "Survey"))
    config = json.dumps({"api": api_url}).replace("</", "<\\/")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:sans-serif;max-width:40em;margin:2em auto}} .required{{color:#b00}}
.hint{{color:#666}} .error{{color:#b00}} #result{{margin-top:1em;font-weight:bold}}</style></head>
<body><h1>{title}</h1>
<p>{html.escape(schema.get("description", ""))}</p>
<form id="survey" novalidate>
{fields}
<p><button type="submit" id="submit">Send</button></p>
<p class="error" id="error-form" data-for=""></p>
</form>
<div id="result"></div>
<script>const ESPROXY = {config};</script>
<script>{SCRIPT}</script>
</body></html>
"""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path not in ("/", "/index.html"):
            self.send_error(404)
            return
        body = self.server.page.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_):
        pass


def serve(page, port=0):
    """Serves `page` on 127.0.0.1:`port` (0: any free port) from a daemon thread; returns the
    server (its `server_address[1]` is the port; `shutdown()` stops it)."""
    server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
    server.page = page
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
