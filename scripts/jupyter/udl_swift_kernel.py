"""The Swift Jupyter kernel of the UDL Toolkit (kernel name `swift`, display name "Swift (UDL Toolkit)").

A wrapper kernel: ipykernel speaks Jupyter's protocol, and the cells run in the toolkit's host executable
`.build/release/swift-kernel` (Packages/NotebookKernel), which compiles each cell into a library and runs it
in its own long-lived process. This file only carries messages:

- a cell goes to the host's standard input as `EXEC <byte count>` and the cell's bytes;
- the host's standard output carries the cells' printed output and, in the same stream, the host's
  events, each a JSON line after the byte U+001E: `busy` (the process an interrupt stops), `display` and
  `result` (MIME bundles: figures as image/png, tables as text/html), and one `reply` per cell, `ok` or an
  error with its lines; one stream keeps a figure exactly between the lines printed around it;
- the host's standard error is the cells' own (the Swift runtime's stack dump after a trap is left out,
  the trap's message is kept).

Interrupt: Jupyter's SIGINT reaches this process and the host's process group; the running cell's process
is killed, and the host, which forked before running the cell, carries on with every earlier variable.
`make setup` registers this kernel in the project's .venv (scripts/setup-python.sh).
"""

import codecs
import ctypes
import fcntl
import json
import os
import re
import selectors
import shutil
import signal
import subprocess
import time

from ipykernel.kernelapp import IPKernelApp
from ipykernel.kernelbase import Kernel

ROOT = os.environ.get("UDL_TOOLKIT_ROOT") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# UDL_KERNEL_HOST names another build's host (its directory holds the modules and the cells' library).
HOST = os.environ.get("UDL_KERNEL_HOST") or os.path.join(ROOT, ".build", "release", "swift-kernel")

# The Swift runtime's dump after a fatal error: its heading and its numbered frames.
STACK_HEADING = re.compile(r"^Current stack trace:$")
STACK_FRAME = re.compile(r"^\d+\s+\S+\s+0x[0-9a-f]+ ")
# `UDLCell7/celda:3: Fatal error: …`: the cell's module and file, said as the notebook says it.
TRAP_PLACE = re.compile(r"UDLCell\d+/celda:(\d+): ")


class StderrFilter:
    """Drops the runtime's stack dump from the host's standard error, line by line."""

    def __init__(self):
        self.pending = ""
        self.in_stack = False

    def feed(self, text, final=False):
        self.pending += text
        lines = self.pending.split("\n")
        self.pending = "" if final else lines.pop()
        kept = []
        for line in lines:
            if STACK_HEADING.match(line):
                self.in_stack = True
                continue
            if self.in_stack and STACK_FRAME.match(line):
                continue
            self.in_stack = False
            kept.append(TRAP_PLACE.sub(lambda m: "celda, línea %s: " % m.group(1), line) + "\n")
        return "".join(kept)


class SwiftKernel(Kernel):
    implementation = "udl-swift-kernel"
    implementation_version = "1.0"
    language = "swift"
    language_version = "6"
    language_info = {
        "name": "swift",
        "mimetype": "text/x-swift",
        "file_extension": ".swift",
        "codemirror_mode": "swift",
        "pygments_lexer": "swift",
    }
    banner = ("Swift (UDL Toolkit): cada celda se compila y se ejecuta; Tensor, NN, Optim, Datasets, "
              "Training, Plot, Notebooks y NotebookSupport están importados.")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.host = None
        # A kernel started by a process that blocks SIGINT inherits the blocked mask: unblock it, or an
        # interrupt would never arrive.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT])
        # Orphaned host processes (each cell's process outlives its parent) are reparented to this one.
        try:
            ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
        except (OSError, AttributeError):
            pass

    # The host process -------------------------------------------------------------------------------

    def start_host(self):
        """Starts the host; returns None, or the error text when it cannot start."""
        if not os.access(HOST, os.X_OK):
            return "No está compilado el núcleo: falta %s. Ejecute 'make build' en %s." % (HOST, ROOT)
        env = dict(os.environ, SWIFT_BACKTRACE="enable=no")
        env.pop("UDL_KERNEL_EVENTS_FD", None)
        command = [HOST, "--swiftc", os.environ.get("UDL_SWIFTC") or shutil.which("swiftc") or "swiftc",
                   "--source-root", ROOT]
        self.host = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=env)
        self.output = b""
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.stderr_decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.stderr_filter = StderrFilter()
        self.busy_pid = None
        self.holder_pid = self.host.pid
        for stream in (self.host.stdout, self.host.stderr):
            fcntl.fcntl(stream.fileno(), fcntl.F_SETFL, fcntl.fcntl(stream.fileno(), fcntl.F_GETFL) | os.O_NONBLOCK)
        said = []
        event = self.next_event(lambda name, text: said.append(text))
        if event is None or event.get("event") != "ready":
            self.host = None
            return ("El núcleo de Swift no arrancó: " + "".join(said).strip()).strip()
        self.holder_pid = event.get("pid", self.host.pid)
        return None

    def stop_host(self):
        """Asks the host to end (it removes its folder of compiled cells), then makes sure it has."""
        if self.host is None:
            return
        try:
            self.host.stdin.write(b"QUIT\n")
            self.host.stdin.flush()
        except OSError:
            pass
        # The session's process closes standard output when it exits: wait for that, a few seconds at most.
        deadline = time.time() + 5
        with selectors.DefaultSelector() as selector:
            selector.register(self.host.stdout, selectors.EVENT_READ)
            while time.time() < deadline and selector.select(timeout=deadline - time.time()):
                try:
                    if not os.read(self.host.stdout.fileno(), 1 << 20):
                        break
                except BlockingIOError:
                    continue
        for pid in {self.holder_pid, self.busy_pid} - {None}:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        self.host = None
        self.reap()

    @staticmethod
    def reap():
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return

    # Streams and events -----------------------------------------------------------------------------

    def stream(self, name, text):
        if text:
            self.send_response(self.iopub_socket, "stream", {"name": name, "text": text})

    def next_event(self, forward):
        """The next event, forwarding the cells' output before it; None when the host has gone."""
        selector = selectors.DefaultSelector()
        selector.register(self.host.stdout, selectors.EVENT_READ)
        selector.register(self.host.stderr, selectors.EVENT_READ)
        try:
            while True:
                start = self.output.find(b"\x1e")
                text, rest = (self.output, b"") if start < 0 else (self.output[:start], self.output[start:])
                forward("stdout", self.decoder.decode(text))
                self.output = rest
                end = self.output.find(b"\n")
                if start >= 0 and end >= 0:
                    line, self.output = self.output[1:end], self.output[end + 1:]
                    return json.loads(line)
                for key, _ in selector.select(timeout=1.0):
                    try:
                        chunk = os.read(key.fileobj.fileno(), 1 << 20)
                    except BlockingIOError:
                        continue
                    if key.fileobj is self.host.stderr:
                        if chunk:
                            forward("stderr", self.stderr_filter.feed(self.stderr_decoder.decode(chunk)))
                        else:
                            selector.unregister(self.host.stderr)
                    elif chunk:
                        self.output += chunk
                    else:
                        forward("stdout", self.decoder.decode(self.output, final=True))
                        forward("stderr", self.stderr_filter.feed("", final=True))
                        self.output = b""
                        return None
        finally:
            selector.close()

    # Jupyter ----------------------------------------------------------------------------------------

    def do_execute(self, code, silent, store_history=True, user_expressions=None, allow_stdin=False):
        # An interrupt must not raise KeyboardInterrupt at an arbitrary point (it could drop output read from
        # the host): while a cell runs, SIGINT only stops the cell's process, and the loop below then reads
        # the host's reply as usual.
        previous = signal.signal(signal.SIGINT, lambda number, frame: self.interrupt())
        try:
            return self.execute_cell(code, silent)
        finally:
            signal.signal(signal.SIGINT, previous)

    def execute_cell(self, code, silent):
        forward = (lambda name, text: None) if silent else self.stream
        if self.host is None:
            failure = self.start_host()
            if failure:
                return self.error_reply("ErrorDelNúcleo", failure, [failure])
        data = code.encode("utf-8")
        self.host.stdin.write(b"EXEC %d\n" % len(data) + data)
        self.host.stdin.flush()
        while True:
            event = self.next_event(forward)
            if event is None:
                self.host = None
                self.reap()
                text = ("El proceso de Swift terminó de forma inesperada; la sesión vuelve a empezar en la "
                        "próxima celda (se perdieron las variables).")
                return self.error_reply("NúcleoTerminado", text, [text])
            kind = event.get("event")
            if kind == "busy":
                self.busy_pid = event["pid"]
            elif kind in ("display", "result") and not silent:
                message = {"data": event["data"], "metadata": {}}
                if kind == "result":
                    message["execution_count"] = self.execution_count
                    self.send_response(self.iopub_socket, "execute_result", message)
                else:
                    self.send_response(self.iopub_socket, "display_data", message)
            elif kind == "reply":
                self.holder_pid = event.get("pid", self.holder_pid)
                self.busy_pid = None
                self.reap()
                if event["status"] == "ok":
                    return {"status": "ok", "execution_count": self.execution_count, "payload": [],
                            "user_expressions": {}}
                return self.error_reply(event["ename"], event["evalue"], event["traceback"])

    def interrupt(self):
        """Stops the running cell (or its compilation): its process is killed; the session stays."""
        if self.busy_pid is not None:
            try:
                os.kill(self.busy_pid, signal.SIGKILL)
            except OSError:
                pass

    def error_reply(self, name, value, traceback):
        self.send_response(self.iopub_socket, "error", {"ename": name, "evalue": value, "traceback": traceback})
        return {"status": "error", "execution_count": self.execution_count, "ename": name, "evalue": value,
                "traceback": traceback}

    def do_shutdown(self, restart):
        self.stop_host()
        return {"status": "ok", "restart": restart}

    def do_is_complete(self, code):
        depth = 0
        for character in re.sub(r'"(\\.|[^"\\])*"', "", code):
            depth += {"{": 1, "(": 1, "[": 1, "}": -1, ")": -1, "]": -1}.get(character, 0)
        return {"status": "incomplete", "indent": "    "} if depth > 0 else {"status": "complete"}


if __name__ == "__main__":
    IPKernelApp.launch_instance(kernel_class=SwiftKernel)
