"""A/B benchmark for gateway builds and settings (loopback only, bounded in time).

Serves one nginx upstream (the same fixed chat completion as run.py) and runs wrk against each
variant in turn, several interleaved runs, so that every variant is measured in the same spell of
the machine; prints each run and the medians of requests/s, p50, p99 and the process's CPU time per
request (user and system). A variant is NAME=KIND[@BINARY][:ENV=VALUE,...]:

  parity     `parity gateway` with the SQLite ledger (BINARY: a built `parity`, default a Release build of this checkout)
  paritypg   the same with its ledger, keys and limits on PostgreSQL (--postgres)
  parityshm  the same as parity, with the config and ledger on /dev/shm (tmpfs)
  bare       the bare .NET forwarder (BINARY: a built BareForwarder, default a Release build)

  python3 bench/gateway/ab.py --runs 5 old=parity@/tmp/old/parity new=parity
  python3 bench/gateway/ab.py on=parity off=parity:DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run as R  # noqa: E402  (the same upstream, wrk runner and CPU accounting as run.py)


def build(project, out):
    subprocess.run(["dotnet", "build", project, "-c", "Release", "-o", out, "-v", "q", "-nologo"], check=True, capture_output=True, timeout=600)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--duration", type=int, default=8)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--stream", type=int, default=0, metavar="N", help="streamed responses of N content chunks")
    ap.add_argument("--postgres", metavar="CONNECTION", help="PostgreSQL connection string for paritypg variants")
    ap.add_argument("variants", nargs="+", metavar="NAME=KIND[@BINARY][:ENV=VALUE,...]")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="parity-ab-")
    shm = tempfile.mkdtemp(prefix="parity-ab-", dir="/dev/shm") if any("=parityshm" in v for v in args.variants) else None
    procs, built = [], {}

    def start(cmd, env, name):
        p = subprocess.Popen(cmd, stdout=open(os.path.join(work, f"{name}.log"), "w"), stderr=subprocess.STDOUT, env=env)
        procs.append(p)
        return p

    def default_binary(kind):
        if kind not in built:
            if kind == "bare":
                build(os.path.join(HERE, "BareForwarder"), os.path.join(work, "bare-bin"))
                built[kind] = os.path.join(work, "bare-bin", "BareForwarder")
            else:
                build(os.path.join(R.REPO, "src", "Parity.Cli"), os.path.join(work, "parity-bin"))
                built[kind] = os.path.join(work, "parity-bin", "parity")
        return built[kind]

    try:
        up = R.free_port()
        answer, content_type = (R.stream_answer(args.stream), "text/event-stream") if args.stream else (R.ANSWER, "application/json")
        if args.stream:
            os.environ["BENCH_STREAM"] = "1"
        with open(os.path.join(work, "answer.body"), "w") as f:
            f.write(answer)
        os.chmod(work, 0o755)
        upstream = start(["nginx", "-c", R.nginx_conf(work, "upstream", R.upstream_server(up, work, content_type, answer))], None, "upstream")
        R.wait_http(f"http://127.0.0.1:{up}/v1/chat/completions", "POST", body=b"{}")

        targets = []
        for variant in args.variants:
            name, spec = variant.split("=", 1)
            kind, _, envs = spec.partition(":")
            kind, _, binary = kind.partition("@")
            env = dict(os.environ)
            for kv in filter(None, envs.split(",")):
                k, v = kv.split("=", 1)
                env[k] = v
            port = R.free_port()
            binary = binary or default_binary("bare" if kind == "bare" else "parity")
            if kind == "bare":
                p = start([binary, f"http://127.0.0.1:{port}", f"http://127.0.0.1:{up}/v1/chat/completions"], env, name)
                R.wait_http(f"http://127.0.0.1:{port}/v1/chat/completions", "POST", body=b'{"model":"m","messages":[]}', headers={"Content-Type": "application/json"})
                targets.append((name, f"http://127.0.0.1:{port}/v1/chat/completions", {}, R.process_tree(p.pid)))
                continue
            if kind not in ("parity", "paritypg", "parityshm"):
                raise SystemExit(f"ab: unknown kind '{kind}' in '{variant}'")
            if kind == "paritypg" and not args.postgres:
                raise SystemExit("ab: paritypg needs --postgres CONNECTION")
            folder = os.path.join(shm if kind == "parityshm" else work, name)
            os.makedirs(folder)
            config = os.path.join(folder, "gateway.yaml")
            R.gateway_config(config, up, "postgresEnv: BENCH_POSTGRES" if kind == "paritypg" else "sqlite: ledger.db")
            env.update(BENCH_UPSTREAM_KEY="sk-upstream-bench", BENCH_POSTGRES=args.postgres or "")
            key = R.create_key([binary], config, env, "ab")
            p = start([binary, "gateway", "--config", config, "--urls", f"http://127.0.0.1:{port}"], env, name)
            R.wait_http(f"http://127.0.0.1:{port}/healthz")
            targets.append((name, f"http://127.0.0.1:{port}/v1/chat/completions", {"BENCH_AUTH": key}, R.process_tree(p.pid)))

        def user_system(pids):
            u = s = 0
            for pid in pids:
                fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
                u, s = u + int(fields[11]), s + int(fields[12])
            return u, s

        for name, url, env, pids in targets:  # warm-up
            R.run_wrk(url, env, argparse.Namespace(**{**vars(args), "duration": 3}), pids)
        results = {t[0]: [] for t in targets}
        for run in range(args.runs):
            for name, url, env, pids in targets:
                u0, s0 = user_system(pids)
                r = R.run_wrk(url, env, args, pids)
                u1, s1 = user_system(pids)
                r["user_us"] = (u1 - u0) / R.CLK / max(r["requests"], 1) * 1e6
                r["sys_us"] = (s1 - s0) / R.CLK / max(r["requests"], 1) * 1e6
                results[name].append(r)
                print(f"run {run + 1} {name}: {r['rps']:.0f} req/s, p50 {r['p50_us']:.0f} us, {r['cpu_us_per_request']:.1f} us CPU/req "
                      f"(user {r['user_us']:.1f}, system {r['sys_us']:.1f}), non-2xx {r['non2xx']}", file=sys.stderr)
        print(f"\nwrk -t{args.threads} -c{args.connections} -d{args.duration}s, median of {args.runs} interleaved runs\n")
        print("| variant | requests/s | p50 | p99 | CPU per request | user | system |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, rs in results.items():
            m = {k: statistics.median(r[k] for r in rs) for k in ("rps", "p50_us", "p99_us", "cpu_us_per_request", "user_us", "sys_us")}
            print(f"| {name} | {m['rps']:,.0f} | {m['p50_us'] / 1000:.3f} ms | {m['p99_us'] / 1000:.3f} ms | {m['cpu_us_per_request']:.1f} µs | {m['user_us']:.1f} µs | {m['sys_us']:.1f} µs |")
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)
        if shm:
            shutil.rmtree(shm, ignore_errors=True)


if __name__ == "__main__":
    main()
