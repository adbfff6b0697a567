"""gunicorn settings for production: ``gunicorn -c gunicorn.conf.py madoguchi.wsgi``.

Access log lines are JSON and carry the request id the app put in the X-Request-ID header, so
they join the application's own JSON logs.
"""

import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
accesslog = "-"
access_log_format = (
    '{"time":"%(t)s","logger":"gunicorn.access","request_id":"%({x-request-id}o)s",'
    '"method":"%(m)s","path":"%(U)s","status":%(s)s,"bytes":%(B)s,"duration_us":%(D)s}'
)
