"""Subject access, retention and disposal, equality reporting (reads every app).

Its audit log moved to ``waymark.audit``; the migrations here keep that move's history.
"""
