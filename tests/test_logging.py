"""No personal data in logs: the production access log leaves query strings out."""

from __future__ import annotations

import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parent.parent / "kurzweg" / "gunicorn.conf.py"


def test_the_access_log_leaves_out_the_query_string():
    conf = runpy.run_path(str(CONF))
    fmt = conf["access_log_format"]
    assert "%(U)s" in fmt  # path only
    for with_query in ("%(r)s", "%(q)s", "%(u)s"):
        assert with_query not in fmt
