"""What the tests share: the project under test and its builds (`project`), a built site's pages and axe-core (`pages`).

Tests import these modules; pytest fixtures stay in `tests/conftest.py`.
"""
