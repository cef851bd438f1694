#!/usr/bin/env python3
"""Gateway throughput benchmark (loopback only, bounded in time).

Measures requests/s, p50/p99 latency and the server's CPU time per request with wrk against:
  direct   - an nginx upstream that returns a fixed chat completion
  nginx    - nginx proxy_pass in front of it (the floor for any proxy)
  portkey  - the Portkey gateway from npm (@portkey-ai/gateway)
  bare     - a bare ASP.NET Core forwarder on HttpClient that parses request and response JSON (the .NET floor)
  parity   - `parity gateway` (Release) with a virtual key, limits and the SQLite ledger on
  parity x2 on PostgreSQL - with --postgres: two `parity gateway` nodes on one PostgreSQL (a scratch
             database the run creates and drops) behind an nginx `upstream` block, one hot key with a
             budget and rpm/tpm limits, leased limits (the default) and `limits: exact`, and one exact
             node alone (the setup before leases). Nodes sharing this machine take its cores between them as
             socket threads (`--io-threads`); the leased pair also runs with .NET's default, one per core
             each, for comparison; and the leased pair without the balancer, wrk's threads split
             between the nodes (the balancer's nginx otherwise shares the same cores), and behind a
             balancer of one nginx worker instead of one per core. Then a short
             run against a small budget on the leased nodes, through the balancer and spread: the
             spend the ledger records against the documented bound
all in the same run, several runs each, medians reported; then the same targets at one connection, for the
latency a single client sees without queueing. Needs wrk and nginx (apt), node/npm.

  python3 bench/gateway/run.py [--baseline GIT_REF] [--runs 3] [--duration 10] [--connections 32] [--threads 2] [--skip portkey]
"""
import argparse, json, os, re, shutil, signal, socket, statistics, subprocess, sys, tempfile, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
CLK = os.sysconf("SC_CLK_TCK")
ANSWER = json.dumps({
    "id": "chatcmpl-bench", "object": "chat.completion", "created": 1700000000, "model": "gpt-4o-mini",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello! How can I help you today?"}, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 11, "completion_tokens": 9, "total_tokens": 20},
}, separators=(",", ":"))


def stream_answer(chunks):
    """A streamed chat completion as one SSE body: `chunks` content events, a finish event, a usage event, [DONE]."""
    def event(choices, usage=None):
        return "data: " + json.dumps({"id": "chatcmpl-bench", "object": "chat.completion.chunk", "created": 1700000000, "model": "gpt-4o-mini",
                                      "choices": choices, "usage": usage}, separators=(",", ":"), ensure_ascii=False) + "\n\n"
    words = ["Hello", "!", " How", " can", " I", " help", " you", " today", "?", " 你好"]
    body = "".join(event([{"index": 0, "delta": {"content": words[i % len(words)]}, "finish_reason": None}]) for i in range(chunks))
    body += event([{"index": 0, "delta": {}, "finish_reason": "stop"}])
    body += event([], {"prompt_tokens": 11, "completion_tokens": chunks, "total_tokens": 11 + chunks})
    return body + "data: [DONE]\n\n"


def upstream_server(port, folder, content_type, answer):
    """nginx answering every request with `answer`: from the config (`return 200`, the cheapest), or for a
    stream too long for a config string, from the file answer.body (a POST to a static file is a 405,
    which error_page turns into the file itself; this costs nginx more per request)."""
    if len(answer) < 3000:
        escaped = answer.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
        location = f"default_type {content_type}; return 200 '{escaped}';"
    else:
        location = f"root {folder}; default_type {content_type}; try_files /answer.body =404; error_page 405 =200 /answer.body;"
    return f"""
  server {{ listen 127.0.0.1:{port} reuseport backlog=4096;
    location / {{ {location} }} }}"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url, method="GET", timeout=60, headers=None, body=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            req = urllib.request.Request(url, method=method, headers=headers or {}, data=body)
            with urllib.request.urlopen(req, timeout=2) as r:
                if r.status < 500:
                    return r.read()
        except Exception:
            time.sleep(0.2)
    raise SystemExit(f"bench: {url} did not come up")


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except FileNotFoundError:
            pass
    return total / CLK


def process_tree(pid):
    pids = [pid]
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout.split()
    for child in out:
        pids.extend(process_tree(int(child)))
    return pids


def parse_latency(text, pct):
    m = re.search(rf"^\s*{pct}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value * {"us": 1, "ms": 1e3, "s": 1e6}[unit]


LEASED_LB = "parity x2 on PostgreSQL, leased, behind nginx"
LB_ONE_WORKER = "parity x2 on PostgreSQL, leased, behind nginx with one worker"
SPREAD = "parity x2 on PostgreSQL, leased, wrk spreading its connections over the two nodes (no balancer)"


def node_requests(hostport):
    """The requests a gateway node has answered so far: the sum of its `parity_gateway_requests_total` counters."""
    with urllib.request.urlopen(f"http://{hostport}/metrics", timeout=10) as r:
        text = r.read().decode()
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith("parity_gateway_requests_total{"))


def run_wrk(url, env, args, pids):
    before = cpu_seconds(pids)
    out = subprocess.run(["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency", "-s", os.path.join(HERE, "post.lua"), url],
                         capture_output=True, text=True, env={**os.environ, **env}, timeout=args.duration + 30).stdout
    cpu = cpu_seconds(pids) - before
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_us": parse_latency(out, 50), "p99_us": parse_latency(out, 99),
        "cpu_us_per_request": cpu / requests * 1e6 if requests else float("inf"),  # inf: nothing was served
        "requests": requests, "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


def nginx_conf(folder, name, body, workers="auto"):
    path = os.path.join(folder, name + ".conf")
    with open(path, "w") as f:
        f.write(f"""
worker_processes {workers};
pid {folder}/{name}.pid;
error_log {folder}/{name}.error.log warn;
daemon off;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path {folder}/{name}-body;
  proxy_temp_path {folder}/{name}-proxy;
  {body}
}}
""")
    return path


def gateway_config(path, upstream_port, ledger):
    """Writes the benchmark's gateway.yaml: keys required, one priced model on the upstream, and LEDGER (the `ledger:` entry)."""
    with open(path, "w") as f:
        f.write(f"""ledger:
  {ledger}
keys:
  required: true
providers:
  - {{ name: local, baseUrl: "http://127.0.0.1:{upstream_port}/v1", apiKeyEnv: BENCH_UPSTREAM_KEY }}
models:
  - {{ name: gpt-4o-mini, provider: local, vendor: OpenAI, origin: US, openWeights: false, prices: {{ input: 0.15, output: 0.6 }} }}
""")


def create_key(parity, config, env, name):
    """Issues a virtual key with a budget and limits far above what a run sends; returns its secret."""
    created = subprocess.run(parity + ["gateway", "keys", "create", "--config", config, "--name", name, "--budget", "1000000", "--rpm", "100000000", "--tpm", "2000000000"],
                             check=True, capture_output=True, text=True, env=env)
    return json.loads(created.stdout)["key"]


def npgsql_to_libpq(connection):
    """An Npgsql connection string (Host=...;Username=...) as libpq keywords for psql."""
    names = {"host": "host", "port": "port", "username": "user", "user id": "user", "password": "password", "database": "dbname"}
    parts = dict(p.split("=", 1) for p in connection.split(";") if "=" in p)
    return " ".join(f"{names[k.strip().lower()]}={v.strip()}" for k, v in parts.items() if k.strip().lower() in names)


def psql(connection, sql):
    return subprocess.run(["psql", npgsql_to_libpq(connection), "-Atqc", sql], check=True, capture_output=True, text=True, timeout=60).stdout.strip()


def scratch_database(connection, name):
    """Creates database NAME on the server of CONNECTION; returns its connection string."""
    psql(connection, f"CREATE DATABASE {name}")
    parts = [p for p in connection.split(";") if p and not p.lower().startswith("database=")]
    return ";".join(parts + [f"Database={name}"])


def pg_cluster(start, parity, env, work, upstream_port, nodes, limits, name, share_cores=True):
    """NODES `parity gateway` processes on one config with `ledger.limits: LIMITS`, behind an nginx upstream
    block when more than one; returns (url, key, pids, config, members): members is [(port, pids)] per node,
    for a client that spreads its own connections over them or another balancer. With SHARE_CORES, nodes that share this machine
    each take their share of its cores as socket threads (`--io-threads`, as docs/gateway.md tells an operator
    to); without, each has .NET's default of one per core."""
    config = os.path.join(work, f"gateway-{name}.yaml")
    gateway_config(config, upstream_port, f"postgresEnv: BENCH_POSTGRES\n  limits: {limits}\n  spool: spool-{name}")
    key = create_key(parity, config, env, "bench")
    ports = [free_port() for _ in range(nodes)]
    threads = ["--io-threads", str(max(1, os.cpu_count() // nodes))] if share_cores and nodes > 1 else []
    gateways = [start(parity + ["gateway", "--config", config, "--urls", f"http://127.0.0.1:{port}"] + threads, env=env) for port in ports]
    for port in ports:
        wait_http(f"http://127.0.0.1:{port}/healthz")
    members = [(port, process_tree(g.pid)) for port, g in zip(ports, gateways)]
    pids = [pid for _, node_pids in members for pid in node_pids]
    if nodes == 1:
        return f"http://127.0.0.1:{ports[0]}/v1/chat/completions", key, pids, config, members
    url, balancer_pids = balancer(start, work, name, ports)
    return url, key, pids + balancer_pids, config, members


def balancer(start, work, name, ports, workers="auto"):
    """An nginx load balancer with WORKERS worker processes over the gateway nodes on PORTS; returns (url, pids)."""
    lb = free_port()
    servers = " ".join(f"server 127.0.0.1:{port};" for port in ports)
    process = start(["nginx", "-c", nginx_conf(work, f"lb-{name}", f"""
  upstream gw {{ {servers} keepalive 128; }}
  server {{ listen 127.0.0.1:{lb} backlog=4096;
    location / {{ proxy_pass http://gw; proxy_http_version 1.1; proxy_set_header Connection ""; }} }}""", workers)])
    wait_http(f"http://127.0.0.1:{lb}/healthz")
    return f"http://127.0.0.1:{lb}/v1/chat/completions", process_tree(process.pid)


def overspend_run(parity, env, config, url, database, budget, nodes, slice_, args, name, spread=""):
    """A key NAME with a small daily budget, loaded past it (through URL, or spread over the nodes SPREAD, as
    BENCH_NODES): the ledger's spend for it against the documented bound budget x (1 + nodes x slice) +
    in-flight overrun (none here: the upstream reports fewer tokens than reserved)."""
    created = subprocess.run(parity + ["gateway", "keys", "create", "--config", config, "--name", name, "--budget", str(budget), "--period", "day"],
                             check=True, capture_output=True, text=True, env=env)
    key = json.loads(created.stdout)["key"]
    r = run_wrk(url, {"BENCH_AUTH": key, **({"BENCH_NODES": spread} if spread else {})},
                argparse.Namespace(**{**vars(args), "duration": args.overspend_duration}), [])
    time.sleep(3)  # the nodes' last batches
    spent, served, largest = psql(database, "SELECT COALESCE(SUM(l.cost_usd), 0), COUNT(*) FILTER (WHERE l.status = 200), COALESCE(MAX(l.cost_usd), 0) "
                                            f"FROM gateway_ledger l JOIN gateway_keys k ON k.id = l.key_id WHERE k.name = '{name}'").split("|")
    bound = budget * (1 + nodes * slice_)
    return {"budget": budget, "spent": float(spent), "served": int(served), "refused": r["non2xx"], "largest": float(largest), "bound": bound,
            "requests": r["requests"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--skip", action="append", default=[])
    ap.add_argument("--warmup", type=int, default=10,
                    help="seconds of load per target before the runs: .NET's tiered JIT is still compiling after 3 s, the more so "
                         "on two nodes that each see half the requests (its thread took 7 %% of their CPU in the first runs)")
    ap.add_argument("--latency-duration", type=int, default=5,
                    help="seconds per run of the one-connection latency pass (0: skip it)")
    ap.add_argument("--json", help="also write the results here")
    ap.add_argument("--postgres", metavar="CONNECTION",
                    help="also run Parity with its ledger, keys and limits on this PostgreSQL (a connection string, e.g. "
                         "'Host=127.0.0.1;Username=parity_ci;Password=parity_ci;Database=parity_ci'); its CPU per request is the "
                         "gateway's own, without the PostgreSQL server's")
    ap.add_argument("--overspend-budget", type=float, default=0.05, help="USD budget of the overspend run on the leased PostgreSQL nodes")
    ap.add_argument("--overspend-duration", type=int, default=5, help="seconds of the overspend run")
    ap.add_argument("--baseline", metavar="GIT_REF",
                    help="also run the one-node SQLite gateway built from this commit (git archive of the repository), "
                         "in the same run, to compare a change against the build before it")
    ap.add_argument("--stream", type=int, default=0, metavar="N",
                    help="streamed responses of N content chunks (SSE) instead of whole ones; skips the bare forwarder (it cannot stream) "
                         "and Portkey (1.15.2 answered this upstream's streams with 500 'Something went wrong')")
    args = ap.parse_args()
    args.skip = [name for value in args.skip for name in value.split(",") if name]  # --skip a,b or --skip a --skip b
    for tool in ("wrk", "nginx", "dotnet"):
        if not shutil.which(tool):
            raise SystemExit(f"bench: {tool} is missing (apt-get install wrk nginx-light)")

    work = tempfile.mkdtemp(prefix="parity-bench-")
    procs = []
    scratch = None  # the PostgreSQL database the run creates (--postgres) and drops

    def start(cmd, **kw):
        p = subprocess.Popen(cmd, stdout=open(os.path.join(work, f"proc{len(procs)}.log"), "w"), stderr=subprocess.STDOUT, **kw)
        procs.append(p)
        return p

    try:
        up, px, pk, pa, pb = free_port(), free_port(), free_port(), free_port(), free_port()
        answer, content_type = (stream_answer(args.stream), "text/event-stream") if args.stream else (ANSWER, "application/json")
        if args.stream:
            args.skip += ["bare", "portkey"]
            os.environ["BENCH_STREAM"] = "1"
        with open(os.path.join(work, "answer.body"), "w") as f:
            f.write(answer)
        os.chmod(work, 0o755)  # nginx's workers (user nobody when started as root) read the answer from here
        upstream = start(["nginx", "-c", nginx_conf(work, "upstream", upstream_server(up, work, content_type, answer))])
        proxy = start(["nginx", "-c", nginx_conf(work, "proxy", f"""
  upstream up {{ server 127.0.0.1:{up}; keepalive 128; }}
  server {{ listen 127.0.0.1:{px} backlog=4096;
    location / {{ proxy_pass http://up; proxy_http_version 1.1; proxy_set_header Connection ""; }} }}""")])
        wait_http(f"http://127.0.0.1:{up}/v1/chat/completions", "POST", body=b"{}")
        wait_http(f"http://127.0.0.1:{px}/v1/chat/completions", "POST", body=b"{}")

        targets = [("direct", f"http://127.0.0.1:{up}/v1/chat/completions", {}, process_tree(upstream.pid)),
                   ("nginx proxy_pass", f"http://127.0.0.1:{px}/v1/chat/completions", {}, process_tree(proxy.pid))]

        if "portkey" not in args.skip:
            portkey_dir = os.path.join(HERE, "node_modules", "@portkey-ai", "gateway")
            if not os.path.isdir(portkey_dir):
                subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", HERE, "@portkey-ai/gateway@1.15.2"], check=True, capture_output=True, timeout=600)
            portkey = start(["node", os.path.join(portkey_dir, "build", "start-server.js"), f"--port={pk}", "--headless"])
            env = {"BENCH_AUTH": "sk-bench", "BENCH_PORTKEY_PROVIDER": "openai", "BENCH_PORTKEY_HOST": f"http://127.0.0.1:{up}/v1"}
            wait_http(f"http://127.0.0.1:{pk}/v1/chat/completions", "POST", body=b'{"model":"m","messages":[],"stream":true}' if args.stream else b'{"model":"m","messages":[]}',
                      headers={"Content-Type": "application/json", "Authorization": "Bearer sk-bench", "x-portkey-provider": "openai", "x-portkey-custom-host": env["BENCH_PORTKEY_HOST"]})
            targets.append(("portkey", f"http://127.0.0.1:{pk}/v1/chat/completions", env, process_tree(portkey.pid)))

        if "bare" not in args.skip:
            bare_out = os.path.join(work, "bare-bin")
            subprocess.run(["dotnet", "build", os.path.join(HERE, "BareForwarder"), "-c", "Release", "-o", bare_out, "-v", "q", "-nologo"], check=True, capture_output=True, timeout=600)
            bare = start([os.path.join(bare_out, "BareForwarder"), f"http://127.0.0.1:{pb}", f"http://127.0.0.1:{up}/v1/chat/completions"])
            wait_http(f"http://127.0.0.1:{pb}/v1/chat/completions", "POST", body=b'{"model":"m","messages":[]}', headers={"Content-Type": "application/json"})
            targets.append(("bare .NET forwarder (floor)", f"http://127.0.0.1:{pb}/v1/chat/completions", {}, process_tree(bare.pid)))

        if "parity" not in args.skip:
            out = os.path.join(work, "parity-bin")
            subprocess.run(["dotnet", "build", os.path.join(REPO, "src", "Parity.Cli"), "-c", "Release", "-o", out, "-v", "q", "-nologo"], check=True, capture_output=True, timeout=600)
            parity = [os.path.join(out, "parity")]
            env = parity_env = {**os.environ, "BENCH_UPSTREAM_KEY": "sk-upstream-bench"}
            if args.postgres:
                scratch = scratch_database(args.postgres, f"parity_bench_{os.getpid()}")
                env["BENCH_POSTGRES"] = scratch
            ledgers = [("parity (keys, limits, ledger)", "sqlite: ledger.db", pa, parity)]
            if args.baseline:
                source = os.path.join(work, "baseline-src")
                os.makedirs(source)
                archive = subprocess.run(["git", "-C", REPO, "archive", args.baseline], check=True, capture_output=True, timeout=120).stdout
                subprocess.run(["tar", "-x", "-C", source], input=archive, check=True, timeout=120)
                base_out = os.path.join(work, "baseline-bin")
                subprocess.run(["dotnet", "build", os.path.join(source, "src", "Parity.Cli"), "-c", "Release", "-o", base_out, "-v", "q", "-nologo"], check=True, capture_output=True, timeout=900)
                ledgers.append((f"parity @{args.baseline} (baseline, SQLite)", "sqlite: ledger-baseline.db", free_port(), [os.path.join(base_out, "parity")]))
            for name, ledger, port, binary in ledgers:
                config = os.path.join(work, f"gateway-{port}.yaml")
                gateway_config(config, up, ledger)
                key = create_key(binary, config, env, "bench")
                gateway = start(binary + ["gateway", "--config", config, "--urls", f"http://127.0.0.1:{port}"], env=env)
                wait_http(f"http://127.0.0.1:{port}/healthz")
                targets.append((name, f"http://127.0.0.1:{port}/v1/chat/completions", {"BENCH_AUTH": key}, process_tree(gateway.pid)))
            if args.postgres:
                clusters = {}
                for label, nodes, limits, share in [(LEASED_LB, 2, "leased", True),
                                                    ("parity x2 on PostgreSQL, leased, behind nginx, default socket threads", 2, "leased", False),
                                                    ("parity x2 on PostgreSQL, exact, behind nginx", 2, "exact", True),
                                                    ("parity x1 on PostgreSQL, exact", 1, "exact", True)]:
                    url, key, pids, config, members = pg_cluster(start, parity, env, work, up, nodes, limits, f"{limits}{nodes}{'' if share else 'd'}", share)
                    spread = ",".join(f"127.0.0.1:{port}" for port, _ in members)
                    clusters[label] = (url, config, nodes, spread)
                    targets.append((label, url, {"BENCH_AUTH": key}, pids))
                    if label == LEASED_LB:
                        # The same two nodes without the balancer: wrk's threads split between them (post.lua, BENCH_NODES),
                        # as clients behind DNS round robin or a balancer on other hardware would. On this machine the
                        # balancer's nginx takes its share of the same 2 cores; this row measures the nodes alone.
                        if args.threads % nodes:
                            raise SystemExit(f"bench: --threads {args.threads} cannot split evenly over {nodes} nodes")
                        node_pids = [pid for _, ps in members for pid in ps]
                        targets.append((SPREAD, f"http://127.0.0.1:{members[0][0]}/v1/chat/completions",
                                        {"BENCH_AUTH": key, "BENCH_NODES": spread}, node_pids))
                        # And behind a balancer of one nginx worker instead of one per core: whether its cost on the
                        # shared cores is its worker count or its work per request.
                        one_url, one_pids = balancer(start, work, "leased2-1w", [port for port, _ in members], workers=1)
                        targets.append((LB_ONE_WORKER, one_url, {"BENCH_AUTH": key}, node_pids + one_pids))

        results = {name: [] for name, *_ in targets}
        for name, url, env, pids in targets:  # warm-up (JIT, connection pools)
            run_wrk(url, env, argparse.Namespace(**{**vars(args), "duration": args.warmup}), pids)
        for run in range(args.runs):
            # Every other run goes through the targets backwards, so that no target always follows the same one
            # (a target's last ledger batches, or the machine warming, would otherwise weigh on its neighbour).
            for name, url, env, pids in (targets if run % 2 == 0 else targets[::-1]):
                spread_nodes = env["BENCH_NODES"].split(",") if env.get("BENCH_NODES") else []
                before = [node_requests(n) for n in spread_nodes]
                r = run_wrk(url, env, args, pids)
                if spread_nodes:  # each node's share of the requests, printed with the run: the split is wrk's, not assumed
                    r["per_node"] = [node_requests(n) - b for n, b in zip(spread_nodes, before)]
                results[name].append(r)
                print(f"run {run + 1} {name}: {r['rps']:.0f} req/s, p50 {r['p50_us']:.0f} us, p99 {r['p99_us']:.0f} us, "
                      f"{r['cpu_us_per_request']:.1f} us CPU/req, non-2xx {r['non2xx']} {r['socket_errors']}"
                      + (f", per node {' / '.join(f'{n:,.0f}' for n in r['per_node'])}" if "per_node" in r else ""), file=sys.stderr)

        # Latency a single client sees (one connection, no queueing): what the proxy itself adds to a request.
        # At 32 connections on 2 cores, p50 is mostly queueing: about connections / throughput (Little's law).
        single = {name: [] for name, *_ in targets}
        if args.latency_duration > 0:
            one = argparse.Namespace(**{**vars(args), "threads": 1, "connections": 1, "duration": args.latency_duration})
            for run in range(args.runs):
                for name, url, env, pids in targets:
                    r = run_wrk(url, env, one, pids)
                    single[name].append(r)
                    print(f"run {run + 1} {name}, 1 connection: p50 {r['p50_us']:.0f} us, p99 {r['p99_us']:.0f} us", file=sys.stderr)

        overspend = {}  # by how the load reached the leased pair: through the balancer, or spread by wrk
        if args.postgres and "parity" not in args.skip:
            url, config, nodes, spread = clusters[LEASED_LB]
            for how, name, nodes_env in [("behind nginx", "overspend", ""), ("spread by wrk", "overspend_spread", spread)]:
                overspend[how] = overspend_run(parity, parity_env, config, url, scratch, args.overspend_budget, nodes, 0.02, args, name, nodes_env)
                print(f"overspend run (parity x2 on PostgreSQL, leased, {how}): {overspend[how]}", file=sys.stderr)

        med = {name: {k: statistics.median(r[k] for r in rs) for k in ("rps", "p50_us", "p99_us", "cpu_us_per_request")} for name, rs in results.items()}
        for name, rs in single.items():
            if rs:
                med[name]["p50_1c_us"] = statistics.median(r["p50_us"] for r in rs)
                med[name]["p99_1c_us"] = statistics.median(r["p99_us"] for r in rs)
        base = med["direct"]["p50_us"]
        print(f"\n{'streamed, ' + str(args.stream) + ' content chunks per response; ' if args.stream else ''}wrk -t{args.threads} -c{args.connections} -d{args.duration}s, median of {args.runs} runs, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n")
        print("| target | requests/s | p50 | p99 | added p50 vs direct | server CPU per request | p50, 1 connection | added p50, 1 connection |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        base1 = med["direct"].get("p50_1c_us")
        for name, m in med.items():
            added = "" if name == "direct" else f"{(m['p50_us'] - base) / 1000:+.3f} ms"
            p50_1c = f"{m['p50_1c_us'] / 1000:.3f} ms" if "p50_1c_us" in m else ""
            added_1c = "" if name == "direct" or "p50_1c_us" not in m else f"{(m['p50_1c_us'] - base1) / 1000:+.3f} ms"
            print(f"| {name} | {m['rps']:,.0f} | {m['p50_us'] / 1000:.3f} ms | {m['p99_us'] / 1000:.3f} ms | {added} | {m['cpu_us_per_request']:.1f} µs | {p50_1c} | {added_1c} |")
        baseline_name = next((name for name in results if "(baseline" in name), None)
        if baseline_name and "parity (keys, limits, ledger)" in results:
            # Paired within each run (the two builds back to back): drift of the shared machine moves both.
            pairs = list(zip(results["parity (keys, limits, ledger)"], results[baseline_name]))
            rps = [a["rps"] / b["rps"] for a, b in pairs]
            cpu = [a["cpu_us_per_request"] / b["cpu_us_per_request"] for a, b in pairs]
            this, that = med["parity (keys, limits, ledger)"], med[baseline_name]
            print(f"\nthis build against {baseline_name}, per run: requests/s ratio " + ", ".join(f"{r:.3f}" for r in rps)
                  + f" (median {statistics.median(rps):.3f}); CPU per request ratio " + ", ".join(f"{c:.3f}" for c in cpu)
                  + f" (median {statistics.median(cpu):.3f}); ratio of the medians: requests/s {this['rps'] / that['rps']:.3f}, "
                  + f"CPU per request {this['cpu_us_per_request'] / that['cpu_us_per_request']:.3f}")
        print(f"\nnon-2xx responses per target (all runs): " + ", ".join(f"{name} {sum(r['non2xx'] for r in rs)}" for name, rs in results.items()))
        for how, o in overspend.items():
            print(f"\noverspend, leased nodes {how}: budget ${o['budget']:.6f}, ledger spend ${o['spent']:.6f} ({o['served']:,} served, {o['refused']:,} refused of "
                  f"{o['requests']:,}), bound budget x (1 + 2 x 0.02) = ${o['bound']:.6f}; largest request ${o['largest']:.8f}")
        if args.json:
            with open(args.json, "w") as f:
                json.dump({"median": med, "runs": results, "single_connection_runs": single, "overspend": overspend, "args": vars(args)}, f, indent=2)
    finally:
        for p in reversed(procs):
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)
        if scratch:
            try:
                psql(args.postgres, f"DROP DATABASE IF EXISTS parity_bench_{os.getpid()} WITH (FORCE)")
            except subprocess.CalledProcessError as e:
                print(f"bench: could not drop the scratch database: {e.stderr.strip()}", file=sys.stderr)


if __name__ == "__main__":
    main()
