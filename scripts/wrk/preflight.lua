-- An allowed preflight: OPTIONS from the origin in $ORIGIN, for the
-- allowed method and header.
scenario = "preflight"
wrk.method = "OPTIONS"
wrk.path = "/api/items/42"
wrk.headers["Origin"] = os.getenv("ORIGIN")
wrk.headers["Access-Control-Request-Method"] = "PUT"
wrk.headers["Access-Control-Request-Headers"] = "x-token"
dofile(os.getenv("WRK_DIR") .. "/report.lua")
