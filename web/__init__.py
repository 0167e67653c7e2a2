"""web: one server, one port — the HTTP API, the Gradio chat and policy browser, the widget."""
