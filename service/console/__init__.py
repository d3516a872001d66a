"""The bureau's dashboard (/console): server-rendered HTML and SVG charts from the same statistics
code as the API; no JavaScript, nothing loaded from outside the app."""
