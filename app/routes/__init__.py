"""HTTP routes, one module per resource; they parse parameters and call `app.services`."""
