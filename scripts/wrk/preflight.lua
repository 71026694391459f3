-- An allowed preflight: OPTIONS with the allowed origin, method and header.
scenario = "allowed preflight"
wrk.method = "OPTIONS"
wrk.path = "/api/items/42"
wrk.headers["Origin"] = "https://app.example.com"
wrk.headers["Access-Control-Request-Method"] = "PUT"
wrk.headers["Access-Control-Request-Headers"] = "x-token"
dofile(os.getenv("WRK_DIR") .. "/report.lua")
