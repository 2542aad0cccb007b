"""The model as Markdown and HTML for the site: pages, the flowchart drawing, the personaliser, page gate and CSP."""
