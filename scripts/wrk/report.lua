-- Shared by actual.lua and preflight.lua: prints one line when wrk is done,
-- "result <requests/s> <p50 ms> <p99 ms> <max ms> <non-2xx> <errors>", for
-- scripts/wrk.sh to tabulate. Errors count socket errors and every response
-- outside 2xx-3xx (summary.errors.status).
function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout + e.status
  io.write(string.format("result %.0f %.3f %.3f %.3f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, errors))
end
