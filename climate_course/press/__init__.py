"""The press: machinery that builds, edits, packages and checks the book.

Nothing here is imported by a chapter or an exercise. A student's notebook uses the
course modules one level up (data, models, charts, widgets, checks); this subpackage
holds the Sphinx extension and its vendored JavaScript (``static/``), the editions
(student, instructor, release), the course outline read from the book's own files,
and the headless-browser checks.
"""
