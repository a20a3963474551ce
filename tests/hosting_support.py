"""The hosted set-up as it runs, on loopback: the container's command line natively, replicas, and nginx.

There is no container engine on the test machines (a docker client, no daemon), so the image is not built.
What the image would do is done by hand, from ``deploy/Containerfile`` itself: its ``COPY`` lines lay out the
image's working directory in a temporary folder, its ``ENV`` is the replica's environment (with the port and the
address set as ``docker run -e`` would: loopback, a free port), and its ``CMD`` is run unchanged. The replica
runs in a mount namespace where every file system is read-only but its own temporary folder (the image's
``/tmp``, a tmpfs) and the kernel's and devices' (/proc, /dev), as ``readOnlyRootFilesystem`` runs it
(deploy/kubernetes/deployment.yaml): a write anywhere else fails with EROFS. The image's ``RUN`` steps
(``pip install -r requirements.txt``, the byte code, the user) are not repeated: this machine has the locked
dependencies, and runs as root.

nginx is Debian's, with ``deploy/nginx_conf.py``'s configuration for these replicas, included in a minimal
main configuration whose paths are in a temporary folder.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browser_support import wait_healthy

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
CONTAINERFILE = DEPLOY / "Containerfile"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def require_nginx() -> None:
    """Skip (or fail where CI requires these tests: REQUIRE_NGINX=1) without Debian's nginx."""
    if NGINX is None:
        reason = "Debian's nginx is not installed (apt-get install nginx)"
        if os.environ.get("REQUIRE_NGINX") == "1":
            pytest.fail(f"hosting tests required here but {reason}")
        pytest.skip(reason)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------------- the image


@dataclass
class Image:
    """What ``deploy/Containerfile`` declares, read from the file."""

    base: str
    env: dict[str, str]
    workdir: str
    copies: list[tuple[str, str]]  # (source in the repository, destination in the image)
    runs: list[str]
    user: str
    exposed: list[int]
    healthcheck: list[str]
    cmd: list[str]
    instructions: list[tuple[str, str]] = field(repr=False)


def _instructions(text: str) -> list[tuple[str, str]]:
    joined = re.sub(r"\\\n", " ", "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")))
    out = []
    for line in joined.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def read_image(path: Path = CONTAINERFILE) -> Image:
    instructions = _instructions(path.read_text())
    env: dict[str, str] = {}
    copies, runs, exposed = [], [], []
    base = workdir = user = ""
    healthcheck: list[str] = []
    cmd: list[str] = []
    for word, rest in instructions:
        if word == "FROM":
            base = rest
        elif word == "ENV":
            for item in shlex.split(rest):
                key, _, value = item.partition("=")
                env[key] = value
        elif word == "WORKDIR":
            workdir = rest
        elif word == "COPY":
            *sources, dest = shlex.split(rest)
            copies += [(source, dest) for source in sources]
        elif word == "RUN":
            runs.append(rest)
        elif word == "USER":
            user = rest
        elif word == "EXPOSE":
            exposed += [int(p) for p in rest.split()]
        elif word == "HEALTHCHECK":
            healthcheck = json.loads(rest[rest.index("CMD") + 3:].strip())
        elif word == "CMD":
            cmd = json.loads(rest)
    return Image(base, env, workdir, copies, runs, user, exposed, healthcheck, cmd, instructions)


def stage(image: Image, into: Path) -> Path:
    """Lay out the image's working directory under ``into`` as its COPY lines would; return that directory.

    Byte code is left out, as the build context's ignore file leaves it out (deploy/Containerfile.dockerignore).
    """
    workdir = into / image.workdir.lstrip("/")
    workdir.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for source, dest in image.copies:
        src = ROOT / source
        target = workdir / dest if not dest.startswith("/") else into / dest.lstrip("/")
        if src.is_dir():
            shutil.copytree(src, target, ignore=ignore, dirs_exist_ok=True)
        else:
            if dest.endswith("/"):
                target = target / src.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
    return workdir


def can_sandbox() -> bool:
    """Whether this machine can run a replica with a read-only file system (a mount namespace: root)."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "--mount", "--propagation", "private", "true"], capture_output=True)
    return probe.returncode == 0


# Inside its own mount namespace: the root and every other mount read-only (but /proc and /dev: the kernel's and
# the devices', /dev/shm being shared memory), a tmpfs on the replica's temporary folder, then the image's command
# in its working directory.
_SANDBOX = ('set -e; mount -o remount,bind,ro /; '
            'for m in $(awk \'{print $2}\' /proc/self/mounts | grep -v -e "^/proc" -e "^/dev" | sort -u); do '
            'mount -o remount,bind,ro "$m" 2>/dev/null || true; done; '
            'mount -t tmpfs -o size=256m,mode=1777 tmpfs "$0"; cd "$1"; shift; exec "$@"')


class Replica:
    """The image's command line, run natively: one replica on a free loopback port.

    ``read_only``: whether it runs in the read-only mount namespace (:func:`can_sandbox`).
    """

    def __init__(self, image: Image, workdir: Path, name: str, sandbox: bool):
        self.image, self.name = image, name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.tmp = Path(tempfile.mkdtemp(prefix=f"roi-{name}-tmp-"))
        self.log_path = Path(tempfile.mkstemp(prefix=f"roi-{name}-", suffix=".log")[1])
        self.env = {**os.environ, **image.env,
                    "HOME": str(self.tmp), "TMPDIR": str(self.tmp),
                    "STREAMLIT_SERVER_PORT": str(self.port), "STREAMLIT_SERVER_ADDRESS": "127.0.0.1"}
        # The image's python is its only one; here it is this interpreter, which has the locked dependencies.
        self.argv = [sys.executable if a == "python" else a for a in image.cmd]
        self.read_only = sandbox
        self.command = (["unshare", "--mount", "--propagation", "private", "sh", "-c", _SANDBOX,
                         str(self.tmp), str(workdir), *self.argv] if sandbox else self.argv)
        self.workdir = workdir
        self._launch()

    def _launch(self) -> None:
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(self.command, cwd=self.workdir, env=self.env, stdout=log,
                                         stderr=subprocess.STDOUT)

    def restart(self) -> None:
        """Start it again on the same port, as the kubelet or compose restarts a killed container."""
        self.kill()
        self._launch()

    def wait_healthy(self, timeout: float = 90) -> None:
        if wait_healthy(self.url, timeout, alive=lambda: self.proc.poll() is None):
            return
        if self.proc.poll() is not None:
            raise RuntimeError(f"replica {self.name} exited with {self.proc.returncode}:\n{self.log_text()}")
        raise RuntimeError(f"replica {self.name} not healthy within {timeout} s:\n{self.log_text()}")

    def healthcheck(self) -> subprocess.CompletedProcess:
        """The image's HEALTHCHECK command, run as the container runtime would, in the replica's environment."""
        argv = [sys.executable if a == "python" else a for a in self.image.healthcheck]
        return subprocess.run(argv, env=self.env, capture_output=True, text=True, timeout=10)

    def memory_mb(self) -> tuple[float, float]:
        """(resident, peak resident) in MB, from /proc."""
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        rss = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
        hwm = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))
        return rss / 1024, hwm / 1024

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        """As a crash or the kernel's out-of-memory killer would: SIGKILL, no clean-up."""
        if self.alive():
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.alive():
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.log_path.unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------------- nginx


def nginx_site(replicas: list[Replica], listen: str, log_dir: Path) -> str:
    """deploy/nginx_conf.py's configuration for these replicas (run as an operator would run it)."""
    out = subprocess.run([sys.executable, str(DEPLOY / "nginx_conf.py"), *(f"127.0.0.1:{r.port}" for r in replicas),
                          "--listen", listen, "--log-dir", str(log_dir)],
                         capture_output=True, text=True, check=True)
    return out.stdout


class Proxy:
    """Debian's nginx in the foreground on a free loopback port, with the deploy configuration for ``replicas``."""

    def __init__(self, replicas: list[Replica]):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.dir = Path(tempfile.mkdtemp(prefix="roi-nginx-"))
        self.dir.chmod(0o755)  # nginx's workers (nobody) write request bodies under it
        self.site = self.dir / "roi.conf"
        self.site.write_text(nginx_site(replicas, f"127.0.0.1:{self.port}", self.dir))
        temp = " ".join(f"{kind}_temp_path {self.dir}/{kind};" for kind in
                        ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        self.conf = self.dir / "nginx.conf"
        self.conf.write_text(f"worker_processes 1;\npid {self.dir}/nginx.pid;\nerror_log {self.dir}/main-error.log;\n"
                             "events { worker_connections 1024; }\n"
                             f"http {{\n  include /etc/nginx/mime.types;\n  {temp}\n  include {self.site};\n}}\n")
        base = [NGINX, "-c", str(self.conf), "-e", str(self.dir / "main-error.log")]
        check = subprocess.run([*base, "-t"], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
        self.proc = subprocess.Popen([*base, "-g", "daemon off;"], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        if not wait_healthy(self.url, 20, pause=0.1):
            self.stop()
            raise RuntimeError("nginx did not answer within 20 s")

    def access_log(self) -> str:
        path = self.dir / "roi-access.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def logs(self) -> str:
        """Every log nginx wrote (access, the site's error log, the main error log)."""
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.dir.glob("*.log")))

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)


class Deployment:
    """Two (or ``n``) replicas of the image behind nginx, on loopback."""

    def __init__(self, n: int = 2):
        self.image = read_image()
        self.stage_dir = Path(tempfile.mkdtemp(prefix="roi-image-"))
        self.workdir = stage(self.image, self.stage_dir)
        self.sandboxed = can_sandbox()
        self.replicas: list[Replica] = []
        self.proxy: Proxy | None = None
        try:
            self.replicas = [Replica(self.image, self.workdir, f"r{i + 1}", self.sandboxed) for i in range(n)]
            for r in self.replicas:
                r.wait_healthy()
            self.proxy = Proxy(self.replicas)
        except BaseException:
            self.stop()
            raise

    def by_port(self, port: int | str) -> Replica:
        return next(r for r in self.replicas if r.port == int(port))

    def stop(self) -> None:
        if self.proxy is not None:
            self.proxy.stop()
        for r in self.replicas:
            r.stop()
        shutil.rmtree(self.stage_dir, ignore_errors=True)


# ---------------------------------------------------------------------------------------------- a bare client


class BareSession:
    """One Streamlit session driven over its websocket, through the proxy, without a browser.

    What a script (the load benchmark) or an attacker can do: load the page (which sets the sticky cookie and
    Streamlit's XSRF cookie), open ``/_stcore/stream`` with them, ask for runs with widget values, read what
    each run drew. Messages are Streamlit's own protobufs.
    """

    def __init__(self, base_url: str, query: str = "", timeout: float = 60, replica: int | str | None = None):
        import requests
        from websockets.sync.client import connect

        self.base_url, self.query, self.timeout = base_url, query, timeout
        self.http = requests.Session()
        if replica is not None:  # the sticky cookie is the client's: anyone can pick a replica
            self.http.cookies.set("roi_replica", str(replica), domain=base_url.split("//")[1].split(":")[0])
        page = self.http.get(f"{base_url}/" + (f"?{query}" if query else ""), timeout=timeout)
        page.raise_for_status()
        self.http.get(f"{base_url}/_stcore/health", timeout=timeout)  # sets _streamlit_xsrf, as the page does
        self.xsrf = self.http.cookies.get("_streamlit_xsrf", "")
        self.replica_port = self.http.cookies.get("roi_replica")
        cookie = "; ".join(f"{k}={v}" for k, v in self.http.cookies.items())
        # Entered by hand (closed in close()): the connection outlives this constructor.
        self.ws = connect(f"{base_url.replace('http', 'ws', 1)}/_stcore/stream",
                          subprotocols=["streamlit", self.xsrf or "PLACEHOLDER_AUTH_TOKEN"],
                          additional_headers={"Cookie": cookie}, origin=base_url, max_size=None,
                          open_timeout=timeout, close_timeout=2).__enter__()
        self.session_id: str | None = None
        self.widgets: dict[str, tuple[str, str]] = {}  # label -> (widget id, element type)
        self.metrics: dict[str, str] = {}  # label -> value, as the last run drew them
        self.exceptions: list[str] = []

    def send(self, msg) -> None:
        self.ws.send(msg.SerializeToString())

    def run(self, values: dict[str, float] | None = None) -> float:
        """Ask for a run (with ``values`` for the sliders labelled so) and wait until it has finished.

        Returns the seconds from the request to the run's end. Raises TimeoutError past ``timeout``.
        """
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        msg.rerun_script.query_string = self.query
        for label, value in (values or {}).items():
            widget_id, _ = self.widgets[label]
            state = msg.rerun_script.widget_states.widgets.add()
            state.id = widget_id
            state.double_array_value.data.append(float(value))
        start = time.perf_counter()
        self.send(msg)
        self._read_until_finished(start)
        return time.perf_counter() - start

    def _read_until_finished(self, start: float) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self.exceptions, self.metrics = [], {}
        while True:
            left = self.timeout - (time.perf_counter() - start)
            if left <= 0:
                raise TimeoutError(f"no finished run within {self.timeout} s")
            msg = ForwardMsg()
            msg.ParseFromString(self.ws.recv(timeout=left))
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                which = element.WhichOneof("type")
                if which == "metric":
                    self.metrics[element.metric.label] = element.metric.body
                elif which == "exception":
                    self.exceptions.append(element.exception.message)
                elif which in ("slider", "number_input", "checkbox", "selectbox"):
                    widget = getattr(element, which)
                    self.widgets[widget.label] = (widget.id, which)
            elif kind == "script_finished":
                if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    return

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.http.close()
