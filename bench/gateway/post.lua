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
