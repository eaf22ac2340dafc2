"""Production server settings: `gunicorn -c kurzweg/gunicorn.conf.py kurzweg.wsgi`.

The access log names method, path and status — never the query string, which for the API's
person search carries names and birth dates (%(U)s is the path without the query)."""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = 30
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
