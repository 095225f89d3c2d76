"""Tests the Swift Jupyter kernel through Jupyter's own client, as a notebook front end drives it.

Starts the registered `swift` kernel (make setup registers it in .venv) with jupyter_client and checks:
state across cells, redefinition, a compile error shown at its cell line and column, trap recovery (a cell
that traps leaves every earlier variable), an interrupt that stops a busy cell within a second (and keeps
the state), streaming (a line printed before a long wait arrives before the cell ends), an inline PNG, an
HTML table, the shown value of a last expression with a decimal comma, and a thrown error.

Run: .venv/bin/python scripts/test-kernel.py. Prints one [PASS]/[FAIL] line per check; exit status 0 when
all pass, 1 otherwise.
"""

import base64
import queue
import sys
import time

from jupyter_client.manager import start_new_kernel

failures = 0


def report(passed, description, detail=""):
    global failures
    if not passed:
        failures += 1
    print(("[PASS] " if passed else "[FAIL] ") + description + ("" if passed else f": {detail}"))
    sys.stdout.flush()


def run(client, code, timeout=120, on_output=None):
    """Executes `code`; returns (reply content, outputs as (type, content, arrival time))."""
    message_id = client.execute(code)
    outputs = []
    deadline = time.time() + timeout
    while True:
        try:
            message = client.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        except queue.Empty:
            raise TimeoutError(f"no idle state after {timeout} s for {code!r}")
        if message["parent_header"].get("msg_id") != message_id:
            continue
        kind = message["msg_type"]
        if kind == "status" and message["content"]["execution_state"] == "idle":
            break
        if kind in ("stream", "display_data", "execute_result", "error"):
            outputs.append((kind, message["content"], time.time()))
            if on_output:
                on_output(kind, message["content"])
    reply = client.get_shell_msg(timeout=timeout)
    return reply["content"], outputs


def text(outputs, name="stdout"):
    return "".join(c["text"] for k, c, _ in outputs if k == "stream" and c["name"] == name)


def shown(outputs):
    return [c["data"] for k, c, _ in outputs if k in ("execute_result", "display_data")]


def main():
    manager, client = start_new_kernel(kernel_name="swift", startup_timeout=120)
    try:
        reply, outputs = run(client, 'var rate = 0.1\nlet data = [1.0, 2.0, 3.0]\nprint("hola")')
        report(reply["status"] == "ok" and text(outputs) == "hola\n", "a first cell runs", (reply, outputs))

        reply, outputs = run(client, "rate * 2")
        values = shown(outputs)
        report(reply["status"] == "ok" and values and values[0].get("text/plain") == "0,2",
               "a later cell sees an earlier variable; the last value is shown with a decimal comma", outputs)

        run(client, 'func twice(_ x: Double) -> Double { 2 * x }\nstruct Point { var x: Double }')
        reply, outputs = run(client, 'let rate = "redefinida"\nprint(rate, twice(1.5), Point(x: 2).x)')
        report(text(outputs) == "redefinida 3.0 2.0\n", "a later cell redefines a name (and uses earlier types)",
               outputs)

        reply, outputs = run(client, "let y = 1\nlet z = undefinedName + 1")
        trace = "\n".join(reply.get("traceback", []))
        report(reply["status"] == "error" and "línea 2, columna 9" in trace and "undefinedName" in trace,
               "a compile error names the cell's line and column", trace)

        reply, outputs = run(client, "var counter = 1")
        reply, outputs = run(client, "counter += 100\nlet a = [1, 2, 3]\nprint(a[7])")
        stderr = text(outputs, "stderr")
        report(reply["status"] == "error" and "Index out of range" in stderr and "stack trace" not in stderr,
               "a trap is reported with its message (without the runtime's stack dump)", (reply, stderr))
        reply, outputs = run(client, 'print(counter, rate, data.count)')
        report(text(outputs) == "1 redefinida 3\n",
               "after a trap, the next cell finds the earlier variables as they were", outputs)

        reply, outputs = run(client, 'precondition(counter > 5, "demasiado pequeño")')
        report(reply["status"] == "error" and "demasiado pequeño" in text(outputs, "stderr"),
               "a failed precondition is reported with its message", outputs)

        reply, outputs = run(client, "struct Oops: Error {}\nthrow Oops()")
        report(reply["status"] == "error" and reply["ename"] == "ErrorLanzado", "a thrown error fails the cell",
               reply)

        arrivals = {}

        def first_line(kind, content):
            if kind == "stream" and "antes" in content.get("text", ""):
                arrivals.setdefault("line", time.time())

        def interrupt_soon():
            started = time.time()
            message_id = client.execute('print("antes")\nwhile counter > 0 { counter += 1 }')
            while "line" not in arrivals and time.time() - started < 60:
                try:
                    message = client.get_iopub_msg(timeout=1)
                except queue.Empty:
                    continue
                if message["parent_header"].get("msg_id") == message_id and message["msg_type"] == "stream":
                    first_line("stream", message["content"])
            time.sleep(1.0)
            asked = time.time()
            manager.interrupt_kernel()
            while True:
                message = client.get_iopub_msg(timeout=30)
                if (message["parent_header"].get("msg_id") == message_id and message["msg_type"] == "status"
                        and message["content"]["execution_state"] == "idle"):
                    break
            stopped = time.time()
            reply = client.get_shell_msg(timeout=30)["content"]
            return reply, stopped - asked, "line" in arrivals

        reply, latency, streamed = interrupt_soon()
        report(streamed, "a line printed while the cell still runs arrives before the cell ends")
        report(reply["status"] == "error" and reply["ename"] == "Interrumpida" and latency < 1.0,
               f"an interrupt stops a busy cell within a second ({latency:.2f} s)", reply)
        reply, outputs = run(client, "print(counter)")
        report(text(outputs) == "1\n", "after an interrupt, the earlier variables are as they were", outputs)

        reply, outputs = run(client, 'let figure = Figure(width: 320, height: 240)\n'
                                     'figure.axes().line([0, 1, 2], [0, 1, 4], label: "x²")\nfigure')
        images = [d for d in shown(outputs) if "image/png" in d]
        png = base64.b64decode(images[0]["image/png"]) if images else b""
        report(png[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(png[16:20], "big") == 320,
               "a figure is shown inline as a 320-pixel-wide PNG", [list(d) for d in shown(outputs)])

        reply, outputs = run(client, 'Table(["α", "pérdida"], rows: [[es(0.1), es(0.25)]])')
        tables = [d for d in shown(outputs) if "text/html" in d]
        report(bool(tables) and "<td>0,25</td>" in tables[0]["text/html"], "a table is shown as HTML", outputs)

        reply, outputs = run(client, 'print("uno")\ndisplay(figure)\nprint("dos")')
        kinds = [k for k, _, _ in outputs]
        report(kinds == ["stream", "display_data", "stream"], "output keeps its order around a display", kinds)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
