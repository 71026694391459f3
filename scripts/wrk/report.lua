-- Shared by actual.lua and preflight.lua: prints one Markdown table row
-- (requests/s, latency percentiles, errors) when wrk is done. Errors count
-- socket errors and every response outside 2xx-3xx (summary.errors.status).
function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout + e.status
  io.write(string.format("| %s | %s | %.0f | %.2f | %.2f | %.2f | %d | %d |\n",
    os.getenv("FRAMEWORK") or "?", scenario,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, errors))
end
