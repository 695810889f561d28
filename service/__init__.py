"""Read paths, HTTP, CLI and prompts; built from settings in `service.wiring`."""
