package doctest

// The packages the docs' blocks import beyond the adapters and their
// frameworks: the libraries the migration pages start from and the
// WebSocket libraries adapters.md plugs into. Importing them here keeps
// them in this module's go.mod, where the generated packages find them.
import (
	_ "github.com/coder/websocket"
	_ "github.com/gin-contrib/cors"
	_ "github.com/go-chi/cors"
	_ "github.com/gofiber/fiber/v2/middleware/cors"
	_ "github.com/gofiber/fiber/v3/middleware/cors"
	_ "github.com/gorilla/websocket"
	_ "github.com/labstack/echo/v4/middleware"
	_ "github.com/labstack/echo/v5/middleware"
	_ "github.com/rs/cors"
)
