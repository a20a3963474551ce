"""Where one slider move's time goes on the Pitch page (issue 21 item 1): a trace, not a timed test.

Starts the app, opens the Pitch in Debian's headless Chromium, warms the page with a few moves, then records
Chromium's own trace (devtools.timeline) around single arrow-key presses on the first "Team size" slider and
prints, for each move and as medians:

- ``to_send``: key press to the rerun request on the websocket (the slider's debounce and widget state);
- ``server``: rerun request to the run's script_finished message (the script, the deltas, the network);
- ``deltas``: how many websocket frames the server sent between the key press and settled, and their bytes
  (Streamlit sends a delta per element, a large unchanged one by reference to the browser's message cache);
- ``after``: script_finished to the first frame with no running script and no stale element;
- from the trace, on the page's main thread between the key press and settled: ``scripting`` (JS: React,
  Arrow decoding, Vega's dataflow), ``style_layout`` (style recalculation and layout), ``paint`` (paint and
  compositing) in ms, and the longest task;
- ``vega_views``: how many Vega views' DOM changed (svg, tooltips, a resized canvas; a canvas redrawn in place
  is not a DOM change, so 0 does not mean no Vega work: that is in ``scripting``).

    python benchmarks/trace_slider.py [--moves 5] [--label "Team size"] [--path ""] [--trace-out trace.json]

A move is settled as in ../shared/tools/uiprobe/probe.py: the first animation frame after script_finished
where stApp is notRunning and nothing is data-stale.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Protobuf field numbers (ForwardMsg.script_finished, BackMsg.rerun_script), as in uiprobe.
FWD_SCRIPT_FINISHED = 6
BACK_RERUN_SCRIPT = 11

INIT_JS = r"""
(() => {
  if (window.__trace) return;
  const T = window.__trace = {keys: [], back: [], fwd: [], settled: [], vega: []};
  const now = () => performance.now();
  function firstField(u) { let i = 0, r = 0, s = 0, b; do { b = u[i++]; r += (b & 0x7f) * Math.pow(2, s); s += 7; }
    while (b & 0x80 && i < u.length); return Math.floor(r / 8); }
  function fields(u) { const out = []; let i = 0; const n = u.length;
    const varint = () => { let r = 0, s = 0, b; do { if (i >= n) throw 0; b = u[i++]; r += (b & 0x7f) * Math.pow(2, s);
      s += 7; } while (b & 0x80); return r; };
    try { while (i < n && out.length < 12) { const k = varint(); const f = Math.floor(k / 8), w = k % 8; out.push(f);
      if (w === 0) varint(); else if (w === 1) i += 8; else if (w === 2) { i += varint(); } else if (w === 5) i += 4;
      else break; } } catch (e) {}
    return out; }
  const u8 = (d) => d instanceof ArrayBuffer ? new Uint8Array(d)
    : (ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : null);
  const state = () => { const a = document.querySelector('[data-testid="stApp"]');
    return a ? a.getAttribute('data-test-script-state') : null; };
  function waitSettled(fin) { const step = () => { const s = state();
      if ((s === null || s === 'notRunning') && !document.querySelector('[data-stale="true"]')) {
        T.settled.push({fin, t: now()}); return; }
      requestAnimationFrame(step); }; requestAnimationFrame(step); }
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, p) { super(url, p); this.__st = String(url).indexOf('_stcore/stream') >= 0;
      if (this.__st) this.addEventListener('message', (ev) => { const t = now(); const u = u8(ev.data); if (!u) return;
        const f = fields(u); T.fwd.push([t, f, u.length]); if (f.indexOf(__FIN__) >= 0) waitSettled(t); }); }
    send(d) { if (this.__st) { const u = u8(d); if (u) T.back.push([now(), fields(u)]); } return super.send(d); }
  };
  document.addEventListener('keydown', () => T.keys.push(now()), true);
  // Vega views: one observer per view, attached once the page is drawn (watchVega), so loading is not slowed.
  const watched = new WeakSet();
  T.watchVega = () => document.querySelectorAll('.vega-embed').forEach((embed, i) => {
    if (watched.has(embed)) return; watched.add(embed);
    new MutationObserver(() => T.vega.push([now(), i])).observe(embed, {subtree: true, childList: true,
      attributes: true}); });
})();
""".replace("__FIN__", str(FWD_SCRIPT_FINISHED))

SCRIPTING = {"FunctionCall", "EvaluateScript", "TimerFire", "EventDispatch", "RunMicrotasks", "FireAnimationFrame",
             "v8.compile", "v8.run", "V8.Execute", "RunTask"}
STYLE_LAYOUT = {"Layout", "UpdateLayoutTree", "RecalculateStyles", "UpdateLayerTree", "HitTest",
                "IntersectionObserverController::computeIntersections"}
PAINT = {"Paint", "PaintImage", "CompositeLayers", "RasterTask", "Commit", "PrePaint", "Layerize"}


def start_app(port: int) -> subprocess.Popen:
    import socket

    with socket.socket() as sock:  # another session's app on the port would answer the health check
        if sock.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"port {port} is in use; pass --port")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    for _ in range(900):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
            return proc
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.1)
    stop_app(proc)
    raise RuntimeError("streamlit did not start")


def stop_app(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)  # its own group (start_new_session): only what we started
        proc.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        proc.kill()


def main_thread_breakdown(trace: dict, t0_us: float, t1_us: float) -> dict:
    """Top-level durations on the renderer's main thread between t0 and t1 (trace clock, microseconds)."""
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    main = {(e["pid"], e["tid"]) for e in events
            if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"}
    sums = {"scripting": 0.0, "style_layout": 0.0, "paint": 0.0}
    longest = 0.0
    for e in events:
        if (e.get("pid"), e.get("tid")) not in main or e.get("ph") != "X" or "dur" not in e:
            continue
        if e["ts"] + e["dur"] < t0_us or e["ts"] > t1_us:
            continue
        name, dur = e["name"], e["dur"] / 1000
        if name == "RunTask":
            longest = max(longest, dur)
            continue  # the task wrapper; what it ran is counted below it
        if name in SCRIPTING:
            sums["scripting"] += dur
        elif name in STYLE_LAYOUT:
            sums["style_layout"] += dur
        elif name in PAINT:
            sums["paint"] += dur
    return {**{k: round(v, 1) for k, v in sums.items()}, "longest_task": round(longest, 1)}


def trace_clock_offset(page) -> None:
    """Marks the page clock in the trace so performance.now() can be mapped onto the trace's microseconds."""
    page.evaluate("() => { performance.mark('trace-sync'); console.timeStamp('trace-sync'); }")


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=5)
    parser.add_argument("--label", default="Team size")
    parser.add_argument("--path", default="", help="page path ('' is the Pitch)")
    parser.add_argument("--port", type=int, default=8653)
    parser.add_argument("--trace-out", type=Path, help="also keep the last move's Chromium trace (JSON)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    proc = start_app(args.port)
    moves: list[dict] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"])
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            page.add_init_script(INIT_JS)
            page.goto(f"http://127.0.0.1:{args.port}/{args.path}")
            page.wait_for_function("() => window.__trace && window.__trace.settled.length > 0", timeout=120_000)
            sliders = ('[data-testid="stMain"] [data-testid="stSlider"], '
                       '[data-testid="stSidebar"] [data-testid="stSlider"]')
            thumb = page.locator(sliders, has_text=args.label).first.get_by_role("slider").first
            thumb.wait_for(timeout=120_000)
            key = "ArrowRight"
            for i in range(args.moves + 2):  # two warm-up moves, not reported
                if i == (args.moves + 2) // 2 + 1:
                    key = "ArrowLeft"
                thumb.focus()
                page.evaluate("() => window.__trace.watchVega()")
                page.wait_for_timeout(300)
                n = page.evaluate("() => [window.__trace.back.length, window.__trace.fwd.length,"
                                  " window.__trace.settled.length, window.__trace.vega.length]")
                browser.start_tracing(page=page, categories=["devtools.timeline", "blink.user_timing",
                                                             "disabled-by-default-devtools.timeline"])
                trace_clock_offset(page)
                page.keyboard.press(key)
                page.wait_for_function(
                    """([nb, code]) => { const T = window.__trace; const b = T.back.slice(nb)
                       .find(b => b[1].indexOf(code) >= 0); return b && T.settled.some(s => s.fin > b[0]); }""",
                    arg=[n[0], BACK_RERUN_SCRIPT], timeout=60_000, polling="raf")
                page.wait_for_timeout(100)
                raw = browser.stop_tracing()
                d = page.evaluate(
                    """([nb, nf, nv, code]) => { const T = window.__trace;
                       const b = T.back.slice(nb).find(b => b[1].indexOf(code) >= 0);
                       const s = T.settled.find(s => s.fin > b[0]); const k = T.keys[T.keys.length - 1];
                       const f = T.fwd.slice(nf).filter(m => m[0] >= k && m[0] <= s.t);
                       const v = T.vega.slice(nv).filter(m => m[0] >= k && m[0] <= s.t + 100);
                       const sync = performance.getEntriesByName('trace-sync').pop();
                       return {key: k, send: b[0], fin: s.fin, settled: s.t, deltas: f.length,
                               delta_bytes: f.reduce((a, m) => a + m[2], 0),
                               vega_views: new Set(v.map(m => m[1])).size,
                               last_vega: v.length ? v[v.length - 1][0] : null,
                               sync: sync ? sync.startTime : null}; }""",
                    [n[0], n[1], n[3], BACK_RERUN_SCRIPT])
                if i < 2:
                    continue
                trace = json.loads(raw)
                # Map page time to trace time with the TimeStamp event console.timeStamp left.
                stamp = next((e["ts"] for e in trace["traceEvents"] if e.get("name") == "TimeStamp"
                              and e.get("args", {}).get("data", {}).get("message") == "trace-sync"), None)
                move = {"to_send": d["send"] - d["key"], "server": d["fin"] - d["send"],
                        "after": d["settled"] - d["fin"], "total": d["settled"] - d["key"],
                        "deltas": d["deltas"], "delta_bytes": d["delta_bytes"], "vega_views": d["vega_views"],
                        "last_vega_after_key": None if d["last_vega"] is None else d["last_vega"] - d["key"]}
                if stamp is not None and d["sync"] is not None:
                    base = stamp - d["sync"] * 1000
                    move.update(main_thread_breakdown(trace, base + d["key"] * 1000, base + d["settled"] * 1000))
                moves.append({k: round(v, 1) if isinstance(v, float) else v for k, v in move.items()})
                if args.trace_out:
                    args.trace_out.write_bytes(raw)
            browser.close()
    finally:
        stop_app(proc)
    for m in moves:
        print(json.dumps(m))
    keys = [k for k in moves[0] if all(isinstance(m.get(k), (int, float)) for m in moves)] if moves else []
    medians = {k: round(statistics.median(m[k] for m in moves), 1) for k in keys}
    print(json.dumps({"benchmark": "pitch slider trace", "label": args.label, "median": medians}))
    return moves


if __name__ == "__main__":
    main()
