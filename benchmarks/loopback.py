"""The benchmarks' HTTP server: HTTP/1.1 with keep-alive, one port on several hosts.

Each benchmark that clips from "the web" serves its pages from its own process
on 127.0.0.1 … 127.0.0.N (one port), so that per-host limits see N sites and
the server never competes with the contenders for the GIL. What a request is
answered with is the benchmark's business (``respond``); the wire is this
module's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

# (path, request headers lower-cased, "host:port" the request came to) ->
# (status line's end, header lines each ending in CRLF, body)
Respond = Callable[[str, dict[str, str], str], tuple[str, str, bytes]]

NOT_FOUND = ("404 Not Found", "Content-Type: text/plain\r\n", b"no")


def serve(respond: Respond, hosts: int, ready: Any) -> None:
    """Answer on 127.0.0.1..``hosts`` until killed; put the port on ``ready`` first."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        address, local_port = writer.get_extra_info("sockname")[:2]
        local = f"{address}:{local_port}"
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                path = lines[0].split(" ")[1]
                asked = {
                    name.strip().lower(): value.strip()
                    for name, _, value in (line.partition(":") for line in lines[1:] if line)
                }
                status, headers, body = respond(path, asked, local)
                writer.write(
                    f"HTTP/1.1 {status}\r\n{headers}Content-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        first = await asyncio.start_server(answer, "127.0.0.1", 0, backlog=1024)
        port = first.sockets[0].getsockname()[1]
        others = [
            await asyncio.start_server(answer, f"127.0.0.{n}", port, backlog=1024)
            for n in range(2, hosts + 1)
        ]
        ready.put(port)
        await asyncio.gather(first.serve_forever(), *(s.serve_forever() for s in others))

    asyncio.run(main())
