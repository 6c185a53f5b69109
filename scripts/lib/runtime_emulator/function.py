"""One Lambda function instance: the bootstrap process and the invocation hand-over.

Lambda semantics kept here: one invocation at a time; `/next` blocks until an event arrives;
the deadline is wall-clock milliseconds; a function that misses its deadline is killed; a result
above 6,291,556 bytes is refused; `/init/error` marks the instance as failed to start.
"""

import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid

MAX_RESPONSE_BYTES = 6_291_556


class Outcome:
    """How an invocation ended. `kind` is one of: ok, error, timeout, crash, too_large, init_error."""

    def __init__(self, kind, body=b"", error_type=None):
        self.kind = kind
        self.body = body
        self.error_type = error_type

    def __repr__(self):
        return f"Outcome({self.kind}, {self.error_type}, {len(self.body)} bytes)"


def error_body(error_type, message):
    return json.dumps({"errorMessage": message, "errorType": error_type}).encode()


class Invocation:
    def __init__(self, event, timeout_s, trace_id=None):
        self.request_id = str(uuid.uuid4())
        self.event = event
        self.timeout_s = timeout_s
        self.deadline_ms = None  # set when the runtime takes the event: init time is not billed
        self.trace_id = trace_id or f"Root=1-{int(time.time()):08x}-{uuid.uuid4().hex[:24]};Parent={uuid.uuid4().hex[:16]};Sampled=0"
        self.delivered = False
        self.outcome = None
        self.done = threading.Event()

    def finish(self, outcome):
        """Sets the outcome once; later attempts are refused (returns False)."""
        if self.outcome is not None:
            return False
        self.outcome = outcome
        self.done.set()
        return True


class Function:
    """Supervises the bootstrap (unless `command` is None: started by hand) and hands over events."""

    def __init__(self, command, env, cwd, timeout_s, function_arn, log=None, init_timeout_s=10.0):
        self.command = command
        self.env = env
        self.cwd = cwd
        self.timeout_s = timeout_s
        self.init_timeout_s = init_timeout_s
        self.function_arn = function_arn
        self.log = log or (lambda line: print(f"runtime-emulator: {line}", file=sys.stderr, flush=True))
        self.lock = threading.Condition()
        self.invoke_lock = threading.Lock()  # one invocation at a time, as in one Lambda sandbox
        self.pending = None  # the Invocation in flight
        self.process = None
        self.generation = 0  # bumps on each spawn so a watcher knows whose exit it saw
        self.init_error = None  # (error_type, body) of the current process, if it reported one
        self.init_errors = []  # every init error seen, for tests and the log
        self.spawns = 0
        self.exits = []  # exit statuses of the runtimes that ended, oldest first
        self.error_types = []  # Lambda-Runtime-Function-Error-Type of each reported error (last 100)
        self.runtime_api_up = True  # while False, a runtime that exits is not restarted
        self.ready = False  # whether the current process has asked for an event
        self.spawned_at = None  # time.monotonic() just before the current process was started
        self.cold_starts_ms = []  # per spawn: from starting the process to its first /next
        self.closed = False
        self.on_init_error = None  # callback(error_type, body)
        self.fixed_trace_id = None  # when set, every invocation carries this trace header

    # --- process supervision -------------------------------------------------------------

    def start(self):
        if self.command is not None:
            with self.lock:
                self._spawn_locked()

    def _spawn_locked(self):
        if self.closed:
            return
        self.generation += 1
        self.spawns += 1
        self.init_error = None
        self.ready = False
        self.spawned_at = time.monotonic()
        # stdout of the function goes to our stderr: our stdout carries only the ready line.
        self.process = subprocess.Popen(
            self.command, env=self.env, cwd=self.cwd, stdin=subprocess.DEVNULL,
            stdout=sys.stderr.fileno(), stderr=sys.stderr.fileno(), start_new_session=True)
        threading.Thread(target=self._watch, args=(self.process, self.generation), daemon=True).start()

    def _watch(self, process, generation):
        status = process.wait()
        with self.lock:
            if generation != self.generation:
                return
            self.process = None
            init_failed = self.init_error is not None
            never_ready = not self.ready
            inv = self.pending
            # Blame only an event this process took, or one it never could take because it died
            # starting up; an undelivered event waits for the respawned process.
            if inv is not None and inv.outcome is None and (inv.delivered or never_ready):
                if init_failed:
                    inv.finish(Outcome("init_error", self.init_error[1], self.init_error[0]))
                else:
                    inv.finish(Outcome("crash", error_body(
                        "Runtime.ExitError", f"RequestId: {inv.request_id} Error: Runtime exited with status {status}"),
                        "Runtime.ExitError"))
            if self.closed:
                return
            self.exits.append(status)
            self.log(f"bootstrap exited with status {status}")
            # A process that failed its init is respawned on the next invocation, not in a loop;
            # so is one that lost the Runtime API (it would only fail again until the API is back).
            if not init_failed and not never_ready and self.runtime_api_up:
                self._spawn_locked()
            elif not self.runtime_api_up:
                self.log("Runtime API is down: the next invocation starts a fresh runtime")
            self.lock.notify_all()

    def _kill_locked(self):
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def _kill_generation(self, generation):
        with self.lock:
            if generation == self.generation:
                self._kill_locked()

    def set_runtime_api_up(self, up):
        with self.lock:
            self.runtime_api_up = up
        self.log(f"Runtime API {'back up' if up else 'gone away'}")

    def describe(self):
        """The supervised runtime's state, for the control API."""
        with self.lock:
            return {"pid": self.process.pid if self.process else None, "spawns": self.spawns,
                    "exits": list(self.exits), "error_types": list(self.error_types),
                    "ready": self.ready and self.process is not None,
                    "cold_starts_ms": list(self.cold_starts_ms)}

    def close(self):
        with self.lock:
            self.closed = True
            self._kill_locked()
            self.lock.notify_all()

    # --- invoke side ---------------------------------------------------------------------

    def invoke(self, event, trace_id=None):
        """Runs one event through the function; returns its Outcome."""
        with self.invoke_lock:
            inv = Invocation(event, self.timeout_s, trace_id or self.fixed_trace_id)
            with self.lock:
                if self.command is not None and self.process is None:
                    self._spawn_locked()
                self.pending = inv
                self.lock.notify_all()
            with self.lock:
                # Like Lambda, the function timeout runs from the moment the runtime takes the
                # event; starting up (init) has its own, longer limit.
                self.lock.wait_for(lambda: inv.delivered or inv.outcome is not None, self.init_timeout_s)
                taken = inv.delivered or inv.outcome is not None
            finished = taken and inv.done.wait(self.timeout_s + 0.2)
            with self.lock:
                message = (f"Task timed out after {self.timeout_s:.2f} seconds" if taken
                           else f"Runtime did not ask for the event within the {self.init_timeout_s:.0f} s init limit")
                if not finished and inv.finish(Outcome("timeout", error_body(
                        "Sandbox.Timedout", f"RequestId: {inv.request_id} Error: {message}"), "Sandbox.Timedout")):
                    self.log(f"invocation {inv.request_id} timed out; killing and respawning the bootstrap")
                    self._kill_locked()
                    if self.process is not None:
                        # Forget the killed process so its exit is not blamed on the next event.
                        self.process = None
                        self._spawn_locked()
                self.pending = None
            return inv.outcome

    # --- Runtime API side ----------------------------------------------------------------

    def next_invocation(self, stop):
        """Blocks until an undelivered invocation exists (or `stop` is set); marks it delivered.
        A waiter left by a process that has since been replaced gives up (None) instead of taking
        the event: its process is gone and the event would be lost."""
        with self.lock:
            if not self.ready and self.spawned_at is not None:
                self.cold_starts_ms.append(round((time.monotonic() - self.spawned_at) * 1000, 3))
            self.ready = True
            generation = self.generation
            while not self.closed and not stop.is_set() and generation == self.generation:
                inv = self.pending
                if inv is not None and not inv.delivered and inv.outcome is None:
                    inv.delivered = True
                    inv.deadline_ms = int((time.time() + inv.timeout_s) * 1000)
                    self.lock.notify_all()
                    return inv
                self.lock.wait(0.5)
        return None

    def _find(self, request_id):
        inv = self.pending
        if inv is not None and inv.request_id == request_id and inv.delivered:
            return inv
        return None

    def post_response(self, request_id, body):
        """Returns (status, body) for the runtime."""
        with self.lock:
            inv = self._find(request_id)
            if inv is None:
                return 400, error_body("InvalidRequestID", f"no invocation {request_id} in flight")
            if len(body) > MAX_RESPONSE_BYTES:
                inv.finish(Outcome("too_large", error_body(
                    "Function.ResponseSizeTooLarge",
                    f"Response payload size ({len(body)} bytes) exceeded maximum allowed payload size ({MAX_RESPONSE_BYTES} bytes)."),
                    "Function.ResponseSizeTooLarge"))
                return 413, error_body("RequestEntityTooLarge", "response too large")
            if not inv.finish(Outcome("ok", body)):
                return 400, error_body("InvalidStateTransition", "invocation already finished")
            return 202, b'{"status":"OK"}'

    def post_error(self, request_id, error_type, body):
        with self.lock:
            inv = self._find(request_id)
            if inv is None:
                return 400, error_body("InvalidRequestID", f"no invocation {request_id} in flight")
            kind = "too_large" if error_type == "Function.ResponseSizeTooLarge" else "error"
            self.error_types = (self.error_types + [error_type])[-100:]
            if not inv.finish(Outcome(kind, body, error_type or "Unhandled")):
                return 400, error_body("InvalidStateTransition", "invocation already finished")
            return 202, b'{"status":"OK"}'

    def post_init_error(self, error_type, body):
        with self.lock:
            self.init_error = (error_type or "Unknown", body)
            self.init_errors.append(self.init_error)
            inv = self.pending
            if inv is not None:
                inv.finish(Outcome("init_error", body, self.init_error[0]))
                self.lock.notify_all()
            # Lambda resets a sandbox whose init failed; the next invocation starts a fresh one.
            # The runtime gets a moment to exit by itself (its exit status shows in the log).
            threading.Timer(1.0, self._kill_generation, args=(self.generation,)).start()
        self.log(f"init error reported: {error_type}: {body.decode('utf-8', 'replace')}")
        if self.on_init_error:
            self.on_init_error(error_type, body)
        return 202, b'{"status":"OK"}'
