-- wrk script: POSTs one body (BENCH_BODY_FILE) to each target of BENCH_TARGETS ("host|path,host|path,…") in turn,
-- so per-tenant rate limits see the load spread over a few shops. Requests are built once, in init.
local requests, next_request = {}, 0

function init(args)
  local file = assert(io.open(os.getenv("BENCH_BODY_FILE"), "rb"))
  local body = file:read("*a")
  file:close()
  local content_type = os.getenv("BENCH_CONTENT_TYPE") or "application/x-www-form-urlencoded"
  for host, path in string.gmatch(os.getenv("BENCH_TARGETS") or "", "([^,|]+)|([^,]+)") do
    requests[#requests + 1] = wrk.format("POST", path, { ["Host"] = host, ["Content-Type"] = content_type }, body)
  end
  assert(#requests > 0, "BENCH_TARGETS names no host|path")
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end
