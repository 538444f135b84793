"""How many requests one web process works on at once.

Django runs each request's (synchronous) view in a thread of its own under ASGI. Left alone, a
process under load starts a thread for every request that arrives: hundreds of threads share
one interpreter lock, each holds a database connection (PostgreSQL runs out of them), and on
SQLite the thread that holds the write lock waits its turn for the interpreter behind all the
others, so the rest give up with "database is locked". `limit_http` lets at most
`LANTERN_HTTP_CONCURRENCY` requests into Django at a time per process; the others wait their turn
in the event loop, which costs almost nothing, and nobody gets an error. WebSockets are not
counted: a live room holds its socket for an hour. The database pool of each process
(`LANTERN_DB_POOL_SIZE`) is at least this size, so a request in Django never waits for a
connection.
"""

import asyncio


def limit_http(app, concurrency: int):
    """Wrap an ASGI app so that at most `concurrency` HTTP requests run in it at once."""
    if concurrency <= 0:
        return app
    gate: asyncio.Semaphore | None = None

    async def limited(scope, receive, send):
        nonlocal gate
        if scope["type"] != "http":
            return await app(scope, receive, send)
        if gate is None:  # made in the server's event loop, not at import
            gate = asyncio.Semaphore(concurrency)
        async with gate:
            return await app(scope, receive, send)

    return limited
