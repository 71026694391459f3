-- An allowed actual CORS request: GET from the origin in $ORIGIN.
scenario = "actual"
wrk.method = "GET"
wrk.path = "/api/items/42"
wrk.headers["Origin"] = os.getenv("ORIGIN")
dofile(os.getenv("WRK_DIR") .. "/report.lua")
