"""gunicorn for Peer Learning, behind nginx (deploy/nginx/peerlearning.conf).

Started by deploy/systemd/peerlearning-web.service:
    gunicorn --config deploy/gunicorn.conf.py peerlearning.wsgi
Every value can be changed in the environment file without editing this one.
"""

import multiprocessing
import os

# Only nginx, on the same machine, talks to gunicorn.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Sync workers: every page is short work against the database; uploads arrive through nginx,
# which buffers them, so a slow client never holds a worker.
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# A worker is replaced after this many requests (with jitter), which bounds any slow leak.
max_requests = 2000
max_requests_jitter = 200
# nginx sets X-Forwarded-Proto and X-Forwarded-For; trust them from nginx only.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# The access log: no query strings (a search can hold what someone typed), with nginx's request
# id so it matches the app's JSON log lines. Errors go to the journal with the app's logs.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}i)s'
errorlog = "-"
