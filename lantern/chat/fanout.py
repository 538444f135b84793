"""A room's events, fanned out inside the process to the sockets it holds there.

Channels' own way, every socket joining the room's group, costs per socket what a room of 500
cannot pay 10 times a second: the channel layer copies the event into 500 queues (and the
in-memory layer scans every queue of the process on each of the 500 receives), then each
socket's consumer wakes, dispatches the event and first hops to the database thread to close
stale connections (`channels.consumer.AsyncConsumer.dispatch`), 500 trips through one thread.
Measured on the benchmark's minimal echo consumer (bench/chat_bench.py, 500 sockets, py-spy):
about 300 µs of CPU per socket per event, a core and a half for 10 messages a second, so
delivery fell further behind every second (docs/benchmarks.md).

Here, one channel per room per process joins the room's group: the layer carries one event per
process (with channels-redis, one per process through Redis, however many sockets each holds),
and a task reads it and hands it to each local socket of the room (`ChatConsumer.push`), with
a cache that the sockets share for the event, so that a message is turned into JSON once per
kind of viewer (own message or not, handles shown or not, language), not once per socket.
Nothing else changes for the sockets: each still keeps its last number and drops or refetches
by it, still filters blocked authors and held messages for its viewer, and a socket that is
closing, or was never let in, is not in the room's list at all.

The state is per event loop: tests run each scenario on a loop of its own.
"""

import asyncio
import logging
import weakref

logger = logging.getLogger(__name__)

# A group membership expires after a day on both layers (group_expiry): a room's channel joins
# again every hour, and on every new socket.
REJOIN_SECONDS = 3600
RETRY_SECONDS = 0.5  # after the layer failed to give the room's channel an event
# Group joins and leaves that a process's sockets make at once. redis-py 8 pools at most 100
# connections a process and fails past that ("Too many connections"): 500 sockets leaving at
# once (a restart, the end of a meeting) or coming back did.
MEMBERSHIP_SLOTS = 32


class Feed:
    """One room in one process: its channel on the layer and the sockets here that are in it
    (in order of arrival: a dict used as an ordered set)."""

    def __init__(self, layer, group: str, channel: str):
        self.layer = layer
        self.group = group
        self.channel = channel
        self.sockets: dict = {}
        self.task: asyncio.Task | None = None

    async def run(self) -> None:
        while True:
            try:
                event = await self.layer.receive(self.channel)
            except Exception:  # Redis timed out or went away: the room must go on after it
                logger.warning("chat fan-out could not read %s", self.group, exc_info=True)
                await asyncio.sleep(RETRY_SECONDS)  # what was missed is refetched by number
                continue
            cache: dict = {}  # shared by the sockets for this one event
            for socket in list(self.sockets):
                try:
                    socket.push(event, cache)
                except Exception:  # one socket's fault must not stop the room
                    logger.exception("chat fan-out could not hand an event to a socket")


class _LoopState:
    def __init__(self):
        self.feeds: dict[str, Feed] = {}
        self.lock = asyncio.Lock()
        self.rejoin: asyncio.Task | None = None
        self.slots = asyncio.Semaphore(MEMBERSHIP_SLOTS)


class Fanout:
    def __init__(self):
        self._states: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def _state(self) -> _LoopState:
        loop = asyncio.get_running_loop()
        state = self._states.get(loop)
        if state is None:
            state = self._states[loop] = _LoopState()
        return state

    async def join(self, layer, group: str, socket) -> None:
        """`socket` receives the group's events from now on (call before reading what it
        missed from the database, so that nothing committed after that read is lost)."""
        state = self._state()
        async with state.lock:
            feed = state.feeds.get(group)
            if feed is None:
                feed = Feed(layer, group, await layer.new_channel())
                feed.task = asyncio.get_running_loop().create_task(feed.run())
                state.feeds[group] = feed
            feed.sockets[socket] = None
            await layer.group_add(group, feed.channel)  # also renews the membership
            if state.rejoin is None or state.rejoin.done():
                state.rejoin = asyncio.get_running_loop().create_task(self._rejoin(state))

    async def leave(self, group: str, socket) -> None:
        state = self._state()
        async with state.lock:
            feed = state.feeds.get(group)
            if feed is None or socket not in feed.sockets:
                return
            del feed.sockets[socket]
            if feed.sockets:
                return
            del state.feeds[group]
            feed.task.cancel()
            if not state.feeds and state.rejoin is not None:
                state.rejoin.cancel()
            try:
                await feed.layer.group_discard(group, feed.channel)
            except Exception:  # Redis away: the membership expires (nothing reads the channel)
                logger.warning("chat fan-out could not leave %s", group, exc_info=True)

    def membership_slot(self) -> asyncio.Semaphore:
        """Hold one while joining or leaving groups on the layer (`MEMBERSHIP_SLOTS`)."""
        return self._state().slots

    def sockets(self, group: str) -> list:
        """The sockets of this process (this event loop) in the group."""
        feed = self._state().feeds.get(group)
        return list(feed.sockets) if feed is not None else []

    async def _rejoin(self, state: _LoopState) -> None:
        while state.feeds:
            await asyncio.sleep(REJOIN_SECONDS)
            for feed in list(state.feeds.values()):
                try:
                    await feed.layer.group_add(feed.group, feed.channel)
                except Exception:  # Redis away: next time
                    logger.warning("chat fan-out could not renew %s", feed.group, exc_info=True)


def run_eagerly(coro) -> asyncio.Task | None:
    """Run `coro` now, in the caller's task, until it finishes or has to wait; if it has to
    wait, a task takes it on from there (Python 3.12's eager tasks, which 3.11 lacks). A frame
    for a socket whose buffer has room is written without waiting, so handing an event to a
    room's 500 sockets costs no task per socket; one whose client stopped reading waits in a
    task of its own, holding up nobody else. None when it finished."""
    try:
        yielded = coro.send(None)
    except StopIteration:
        return None
    return asyncio.get_running_loop().create_task(_finish(coro, yielded))


async def _finish(coro, yielded):
    return await _Resumed(coro, yielded)


class _Resumed:
    """Awaits what a started coroutine waits on, then drives it on, as a task would have."""

    def __init__(self, coro, yielded):
        self.coro = coro
        self.yielded = yielded

    def __await__(self):
        coro, yielded = self.coro, self.yielded
        while True:
            try:
                value = yield yielded
            except BaseException as error:  # thrown in by the task (cancelled): pass it on
                try:
                    yielded = coro.throw(error)
                except StopIteration as stop:
                    return stop.value
                continue
            try:
                yielded = coro.send(value)
            except StopIteration as stop:
                return stop.value


rooms = Fanout()
