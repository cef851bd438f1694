-- wrk script: POST one small chat completion request; extra headers come from the environment.
wrk.method = "POST"
local stream = os.getenv("BENCH_STREAM") == "1" and ',"stream":true' or ''
wrk.body = '{"model":"' .. (os.getenv("BENCH_MODEL") or "gpt-4o-mini") .. '","messages":[{"role":"user","content":"Say hello."}],"max_tokens":16' .. stream .. '}'
wrk.headers["Content-Type"] = "application/json"
local auth = os.getenv("BENCH_AUTH")
if auth and auth ~= "" then wrk.headers["Authorization"] = "Bearer " .. auth end
local provider = os.getenv("BENCH_PORTKEY_PROVIDER")
if provider and provider ~= "" then
  wrk.headers["x-portkey-provider"] = provider
  wrk.headers["x-portkey-custom-host"] = os.getenv("BENCH_PORTKEY_HOST")
end

-- BENCH_NODES=host:port,host:port: wrk's threads go to these nodes in turn (thread 1 to the first, thread 2 to the
-- second, ...), each with its share of the connections, instead of all to the URL's host: a client-side spread over
-- gateway nodes with no balancer in between.
local nodes = os.getenv("BENCH_NODES")
if nodes and nodes ~= "" then
  local addrs, next_node = {}, 0
  for host, port in nodes:gmatch("([^,:]+):(%d+)") do
    addrs[#addrs + 1] = wrk.lookup(host, port)[1]
  end
  function setup(thread)
    thread.addr = addrs[next_node % #addrs + 1]
    next_node = next_node + 1
  end
end
