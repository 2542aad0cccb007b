"""What the tests import; pytest fixtures stay in `tests/conftest.py`.

- `project`: the project under test, copies of it, fixture projects, `mkdocs build --strict`, a local server;
- `handbook`: the handbook as data, as upstream ships it and as the site publishes it (a fork's local/ merged);
- `pages`: a built site's pages and editions, axe-core and the HTML checker;
- `brands`: the handbook built with the example agency's brand beside the default;
- `build_loop`: one project built once per fork setting in one process (`python -m tests.support.build_loop`).
"""
