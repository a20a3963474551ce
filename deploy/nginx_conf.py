"""Write the nginx site configuration for N replicas of the app (an ``include`` for nginx's ``http`` block).

    python deploy/nginx_conf.py app1:8501 app2:8502 > deploy/nginx/roi.conf       # what deploy/compose.yaml runs
    python deploy/nginx_conf.py 10.0.0.5:8501 10.0.0.6:8502 10.0.0.7:8503 > /etc/nginx/conf.d/roi.conf

Each replica is ``host:port`` and every replica has its own port: the port names the replica in the sticky
cookie, because nginx reports the replica that served a request as an address (``$upstream_addr``), never by
the host name it was given. ``tests/test_hosting.py`` runs nginx on this output with loopback replicas, and
checks that ``deploy/nginx/roi.conf`` is this script's output for the compose file's two replicas.

What the configuration does, and why (README, "Hosting"):

- **Sticky sessions.** A Streamlit session lives in one replica's memory: its websocket, its uploads
  (``/_stcore/upload_file/<session>``) and its downloads (``/media/...``) must reach that replica. A first
  request (no cookie) goes to any replica in turn; every response then sets ``roi_replica`` to the port of
  the replica that served it, and later requests go to that replica. When it is down, its requests go to
  the others (``backup``) and the cookie follows the one that answered, so a session that moved stays where
  it moved when the first replica comes back (its uploads and downloads would fail there).
- **Websockets**: ``/_stcore/stream`` is upgraded and may stay open for hours (Streamlit pings every 30 s).
- **Limits per client address**: 16 KB bodies except uploads (1 MB, as ``server.maxUploadSize``), a
  request rate with a burst that a page load fits in, few uploads a minute (200 uploads of 1 MB in a second
  took one server from 288 to 487 MB: issue 23), and a cap on open websockets.
- **Logs without scenarios**: the address bar holds the whole scenario (``?s=...``), so the access log
  writes the path without its query (and an upload's or a download's path without the session or file it
  names: a reader of the log could open them while they last) and no referrer, the pages are served with
  ``Referrer-Policy: no-referrer``, and request errors (which nginx logs with the request line and the
  referrer) are logged only when critical; a replica that failed shows in the access log as
  ``replica=A, B status=502, 200``.
- ``/_stcore/metrics`` (cache and session statistics) and ``/_stcore/agent/`` are not served.
"""

from __future__ import annotations

import argparse
import sys

# Per client address. A page load fetches about 40 files at once (the burst); 20 a second is far above what a
# person's clicks need. Uploads: a person loads a scenario file now and then, an attacker hundreds a second.
REQUEST_RATE = "20r/s"
REQUEST_BURST = 200
UPLOAD_RATE = "6r/m"
UPLOAD_BURST = 10
STREAMS_PER_ADDRESS = 50  # open websockets (browser tabs) from one address; an office behind NAT shares one
BODY_LIMIT = "16k"  # nothing but an upload sends a body
UPLOAD_LIMIT = "1m"  # server.maxUploadSize = 1 (MB): a 1,000,000-byte scenario file and its multipart framing
FAIL_TIMEOUT = "10s"  # a replica that refused a connection is not tried again for this long


def parse_replicas(values: list[str]) -> list[tuple[str, int]]:
    """``host:port`` strings as (host, port), each port once.

    >>> parse_replicas(["app1:8501", "127.0.0.1:8502"])
    [('app1', 8501), ('127.0.0.1', 8502)]
    >>> parse_replicas(["a:8501", "b:8501"])
    Traceback (most recent call last):
    ...
    ValueError: every replica needs its own port (the sticky cookie names a replica by its port): 8501 twice
    """
    replicas = []
    for value in values:
        host, sep, port = value.rpartition(":")
        if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError(f"a replica is host:port, got {value!r}")
        replicas.append((host, int(port)))
    ports = [port for _, port in replicas]
    for port in ports:
        if ports.count(port) > 1:
            raise ValueError("every replica needs its own port (the sticky cookie names a replica by its port): "
                             f"{port} twice")
    if not replicas:
        raise ValueError("at least one replica")
    return replicas


def render(replicas: list[tuple[str, int]], listen: str = "80", log_dir: str = "/var/log/nginx") -> str:
    """The site configuration for ``replicas`` (from :func:`parse_replicas`), listening on ``listen``."""
    args = " ".join(f"{host}:{port}" for host, port in replicas)
    servers = [f"{host}:{port}" for host, port in replicas]
    lines = [
        "# The AI-training ROI calculator behind nginx: Streamlit replicas, sticky sessions, websockets, limits.",
        f"# Written by `python deploy/nginx_conf.py {args}`: run it again to change the replicas;",
        "# deploy/nginx_conf.py says what each part is for. An include for nginx's http block (Debian:",
        "# /etc/nginx/conf.d/). TLS: terminate it here (listen 443 ssl) or in front of this proxy.",
        "",
        "# The address bar holds the whole scenario (?s=...): log the path without its query, and no referrer. An",
        "# upload's path names its session and a download's its file: either would let a reader of the log open",
        "# them while they last, so both are logged without it.",
        "map $uri $roi_logged_path {",
        "    default $uri;",
        "    \"~^/_stcore/upload_file/\" /_stcore/upload_file/-;",
        "    \"~^/media/\" /media/-;",
        "}",
        "log_format roi_scrubbed '$remote_addr [$time_local] \"$request_method $roi_logged_path\" $status '",
        "                        '$body_bytes_sent ${request_time}s replica=$upstream_addr status=$upstream_status';",
        "",
        f"limit_req_zone $binary_remote_addr zone=roi_requests:10m rate={REQUEST_RATE};",
        f"limit_req_zone $binary_remote_addr zone=roi_uploads:10m rate={UPLOAD_RATE};",
        "limit_conn_zone $binary_remote_addr zone=roi_streams:10m;",
        "",
        "map $http_upgrade $roi_connection {",
        "    default upgrade;",
        "    \"\"      \"\";",
        "}",
        "",
        "# A session's first request goes to any replica in turn.",
        "upstream roi_any {",
        *(f"    server {s} max_fails=1 fail_timeout={FAIL_TIMEOUT};" for s in servers),
        "}",
    ]
    for i, (_, port) in enumerate(replicas):
        lines += ["", f"# The session on the replica at port {port}; the others take over while it is down.",
                  f"upstream roi_{port} {{",
                  f"    server {servers[i]} max_fails=1 fail_timeout={FAIL_TIMEOUT};",
                  *(f"    server {s} backup;" for j, s in enumerate(servers) if j != i),
                  "    keepalive 8;",
                  "}"]
    lines += [
        "",
        "# The cookie names a replica by its port; anything else starts a new session on any replica.",
        "map $cookie_roi_replica $roi_upstream {",
        "    default roi_any;",
        *(f"    {port} roi_{port};" for _, port in replicas),
        "}",
        "",
        "# The port of the replica that answered (the last address when one failed first), or nothing.",
        "map $upstream_addr $roi_served {",
        "    default \"\";",
        "    \"~:(?<port>[0-9]+)$\" $port;",
        "}",
        "",
        "# Set the cookie when the replica that answered is not the one it names.",
        "map \"$cookie_roi_replica:$roi_served\" $roi_cookie {",
        "    default \"roi_replica=$roi_served; Path=/; HttpOnly; SameSite=Lax\";",
        "    \"~:$\" \"\";",
        "    \"~^([0-9]+):\\1$\" \"\";",
        "}",
        "",
        "server {",
        f"    listen {listen};",
        f"    access_log {log_dir}/roi-access.log roi_scrubbed;",
        "    # nginx logs a request error with its request line and referrer, i.e. the scenario: critical ones only.",
        f"    error_log {log_dir}/roi-error.log crit;",
        "",
        f"    client_max_body_size {BODY_LIMIT};",
        f"    limit_req zone=roi_requests burst={REQUEST_BURST} nodelay;",
        "    limit_req_status 429;",
        "    limit_conn_status 429;",
        "",
        "    add_header Set-Cookie $roi_cookie always;",
        "    add_header Referrer-Policy no-referrer always;",
        "    add_header X-Content-Type-Options nosniff always;",
        "",
        "    proxy_http_version 1.1;",
        "    proxy_set_header Host $http_host;  # with its port: Streamlit compares it with the websocket's Origin",
        "    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
        "    proxy_set_header X-Forwarded-Proto $scheme;",
        "    proxy_set_header Upgrade $http_upgrade;",
        "    proxy_set_header Connection $roi_connection;",
        "",
        "    location / {",
        "        proxy_pass http://$roi_upstream;",
        "    }",
        "    location = /_stcore/stream {",
        f"        limit_conn roi_streams {STREAMS_PER_ADDRESS};",
        "        proxy_read_timeout 1h;",
        "        proxy_send_timeout 1h;",
        "        proxy_pass http://$roi_upstream;",
        "    }",
        "    location /_stcore/upload_file/ {",
        f"        client_max_body_size {UPLOAD_LIMIT};",
        f"        limit_req zone=roi_uploads burst={UPLOAD_BURST} nodelay;",
        "        proxy_pass http://$roi_upstream;",
        "    }",
        "    location = /_stcore/metrics {",
        "        return 404;",
        "    }",
        "    location /_stcore/agent/ {",
        "        return 404;",
        "    }",
        "}",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("replicas", nargs="+", help="host:port of each replica, each with its own port")
    parser.add_argument("--listen", default="80", help="nginx's listen parameter (default 80)")
    parser.add_argument("--log-dir", default="/var/log/nginx", help="where the access and error logs go")
    args = parser.parse_args(argv)
    try:
        replicas = parse_replicas(args.replicas)
    except ValueError as exc:
        parser.error(str(exc))
    sys.stdout.write(render(replicas, args.listen, args.log_dir))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
