"""HTTP API: thin routers over the flow functions, one module per resource."""
