"""Command line: parse options, build the function's environment, start the servers."""

import argparse
import json
import os
import signal
import sys
import threading

from .function import Function
from .servers import HTTPFrontHandler, InvokeHandler, RuntimeAPI, Server

DESCRIPTION = """\
Serve the AWS Lambda Runtime API (2018-06-01) to a custom runtime, plus the invoke endpoint of
AWS's runtime interface emulator (POST /2015-03-31/functions/function/invocations: raw event in,
raw result out) and an HTTP front that turns each request into an API Gateway proxy event.

When ready, prints one JSON line to stdout: {"runtime_port":…,"invoke_port":…,"http_port":…}
(a port given as 0 is a free one). The function's stdout and stderr, and the emulator's log,
go to stderr.

Results: invoke endpoint 200 (+ X-Amz-Function-Error: Unhandled for a function error), 504 when
the function passed --timeout or never asked for the event within --init-timeout (it is killed
and respawned), 502 when it crashed or failed its
init, 413 when the result exceeds 6,291,556 bytes. The HTTP front answers 502 for a function
error or an unusable response, 504 and 413 likewise.

Control API on the invoke port (for fault tests and soaks):
  GET  /_emulator/function          {"pid", "spawns", "exits": [status, ...], "error_types": the
                                    Lambda-Runtime-Function-Error-Type header of each error posted
                                    (null when absent), "ready", "runtime_api",
                                    "cold_starts_ms": per spawn, process start to its first /next}
  POST /_emulator/runtime-api/stop  the Runtime API goes away: it stops listening and cuts its
                                    open connections (a blocked /next included) without an answer;
                                    a runtime that exits meanwhile is not restarted
  POST /_emulator/runtime-api/start it comes back on the same port; the next invocation starts a
                                    fresh runtime, as Lambda does after one exited

Environment of the function: only Lambda's own variables (AWS_LAMBDA_FUNCTION_NAME, _VERSION,
_MEMORY_SIZE, AWS_REGION, AWS_DEFAULT_REGION, AWS_LAMBDA_RUNTIME_API, LAMBDA_TASK_ROOT,
LAMBDA_RUNTIME_DIR, _HANDLER, TZ, LANG, AWS_EXECUTION_ENV, credentials), PATH and HOME from
the caller, the caller's credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_SESSION_TOKEN; fixed fakes when unset), variables the caller set whose names start with
ES_, ESPROXY_ or OPENSEARCH_, SCHEMA_FILE, any --pass-env NAME, and --env K=V last. Never
LD_LIBRARY_PATH: a Lambda binary must not depend on the build machine's library path.
"""

PASS_PREFIXES = ("ES_", "ESPROXY_", "OPENSEARCH_")
PASS_NAMES = ("SCHEMA_FILE",)
FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "AKIAEMULATOREXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "emulator/secret/EXAMPLEKEY",
    "AWS_SESSION_TOKEN": "emulator-session-token",
}


def parse_args(argv):
    p = argparse.ArgumentParser(prog="runtime-emulator", description=DESCRIPTION,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    spawn = p.add_mutually_exclusive_group(required=True)
    spawn.add_argument("--bootstrap", nargs=argparse.REMAINDER, metavar="PATH [ARGS]",
                       help="the runtime to start (and restart); must be the last option")
    spawn.add_argument("--no-spawn", action="store_true",
                       help="do not start a runtime: point one at the Runtime API by hand")
    p.add_argument("--runtime-port", type=int, default=9001, metavar="PORT",
                   help="the Runtime API the runtime is pointed at (default 9001; 0: a free one)")
    p.add_argument("--invoke-port", type=int, default=9000, metavar="PORT",
                   help="the invoke endpoint and the control API (default 9000; 0: a free one)")
    p.add_argument("--http-port", type=int, default=3000, metavar="PORT",
                   help="the API Gateway HTTP front (default 3000; 0: a free one)")
    p.add_argument("--payload", choices=("1.0", "2.0"), default="2.0", help="API Gateway payload format of the HTTP front")
    # scripts/deploy's default too, so a local run meets the deadline the deployed function has.
    p.add_argument("--timeout", type=float, default=10.0,
                   help="function timeout in seconds (default 10, as scripts/deploy sets it), counted from "
                        "when the runtime takes the event")
    p.add_argument("--init-timeout", type=float, default=10.0,
                   help="how long a (re)started runtime may take to ask for its first event (default 10, as Lambda)")
    p.add_argument("--function-name", default="esproxy")
    p.add_argument("--memory", type=int, default=512, help="AWS_LAMBDA_FUNCTION_MEMORY_SIZE in MB")
    p.add_argument("--region", default=None, help="default: caller's AWS_REGION, else us-east-1")
    p.add_argument("--handler", default="bootstrap", help="value of _HANDLER")
    p.add_argument("--task-root", default=None, help="LAMBDA_TASK_ROOT and working directory (default: cwd)")
    p.add_argument("--env", action="append", default=[], metavar="K=V", help="set a variable for the function")
    p.add_argument("--pass-env", action="append", default=[], metavar="NAME", help="pass the caller's variable through")
    p.add_argument("--exit-on-init-error", action="store_true", help="exit 1 after the first /init/error")
    p.add_argument("--trace-id", metavar="HEADER",
                   help="send this Lambda-Runtime-Trace-Id with every invocation instead of a fresh one "
                        "(soaks: tells memory kept per distinct trace id from other growth)")
    args = p.parse_args(argv)
    if args.bootstrap is not None and not args.bootstrap:
        p.error("--bootstrap needs a PATH")
    if args.bootstrap and os.sep in args.bootstrap[0]:
        # The function runs in --task-root; a relative path means relative to the caller.
        args.bootstrap[0] = os.path.abspath(args.bootstrap[0])
    for kv in args.env:
        if "=" not in kv or kv.startswith("="):
            p.error(f"--env wants K=V, got {kv!r}")
    return args


def function_environment(args, caller, runtime_port):
    region = args.region or caller.get("AWS_REGION") or "us-east-1"
    task_root = os.path.abspath(args.task_root or os.getcwd())
    env = {
        "AWS_LAMBDA_FUNCTION_NAME": args.function_name,
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(args.memory),
        "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/{args.function_name}",
        "AWS_LAMBDA_LOG_STREAM_NAME": "emulator",
        "AWS_REGION": region,
        "AWS_DEFAULT_REGION": region,
        "AWS_EXECUTION_ENV": "AWS_Lambda_provided.al2",
        "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{runtime_port}",
        "LAMBDA_TASK_ROOT": task_root,
        "LAMBDA_RUNTIME_DIR": task_root,
        "_HANDLER": args.handler,
        "TZ": ":UTC",
        "LANG": "en_US.UTF-8",
    }
    for name in ("PATH", "HOME"):
        if name in caller:
            env[name] = caller[name]
    if caller.get("AWS_ACCESS_KEY_ID") and caller.get("AWS_SECRET_ACCESS_KEY"):
        for name in FAKE_CREDENTIALS:
            if name in caller:
                env[name] = caller[name]
    else:
        env.update(FAKE_CREDENTIALS)
    for name, value in caller.items():
        if name.startswith(PASS_PREFIXES) or name in PASS_NAMES or name in args.pass_env:
            env[name] = value
    for kv in args.env:
        name, value = kv.split("=", 1)
        env[name] = value
    env.pop("LD_LIBRARY_PATH", None)
    return env, task_root


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    stop = threading.Event()
    exit_code = [0]

    function = Function(None if args.no_spawn else args.bootstrap, {}, None, args.timeout, None,
                        init_timeout_s=args.init_timeout)
    runtime = RuntimeAPI(args.runtime_port, function)
    function.env, function.cwd = function_environment(args, dict(os.environ), runtime.port)
    function.function_arn = f"arn:aws:lambda:{function.env['AWS_REGION']}:123456789012:function:{args.function_name}"

    def init_error(error_type, body):
        if args.exit_on_init_error:
            exit_code[0] = 1
            stop.set()

    function.on_init_error = init_error
    function.fixed_trace_id = args.trace_id
    invoke = Server(args.invoke_port, InvokeHandler, function, runtime_api=runtime)
    front = Server(args.http_port, HTTPFrontHandler, function, payload=args.payload)
    servers = (invoke, front)
    for server in servers:
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())

    function.start()
    print(json.dumps({"runtime_port": runtime.port, "invoke_port": invoke.server_address[1],
                      "http_port": front.server_address[1]}), flush=True)
    stop.wait()
    for server in servers:
        server.stopping.set()
    function.close()
    runtime.close()
    for server in servers:
        server.shutdown()
    return exit_code[0]
