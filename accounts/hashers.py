"""Password hashing at the cost OWASP recommends.

Django's Argon2 default (100 MiB, 2 passes, 8 lanes) took about 4 s of CPU per sign-in on a busy
2-core machine, so a wave of sign-ins before a deadline queued behind it. OWASP's Password
Storage Cheat Sheet gives 19 MiB, 2 passes and 1 lane as the minimum for Argon2id. The algorithm
name stays "argon2", so hashes made with other parameters are still checked, and Django rehashes
them with these at the next successful sign-in (`must_update`).
"""

from django.contrib.auth import hashers


class Argon2PasswordHasher(hashers.Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
