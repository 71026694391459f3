-- An allowed actual CORS request: GET from the allowed origin.
scenario = "allowed GET"
wrk.method = "GET"
wrk.path = "/api/items/42"
wrk.headers["Origin"] = "https://app.example.com"
dofile(os.getenv("WRK_DIR") .. "/report.lua")
