"""`fanout.run_eagerly`: a coroutine runs at once in the caller's task; if it has to wait, a
task takes it on, and the task behaves as if it had run the coroutine from the start (its
result, its exception, its cancellation)."""

import asyncio

import pytest

from lantern.chat.fanout import run_eagerly

from .sockets import run  # (in a thread: a browser test leaves an event loop in this one)


def test_a_coroutine_that_does_not_wait_is_done_at_once():
    done = []

    async def quick():
        done.append("ran")

    async def scenario():
        assert run_eagerly(quick()) is None
        assert done == ["ran"]  # before anything else ran on the loop

    run(scenario)


def test_one_that_waits_goes_on_in_a_task_in_order():
    steps = []

    async def slow(gate):
        steps.append("before")
        value = await gate
        steps.append(f"after {value}")
        await asyncio.sleep(0)
        steps.append("last")
        return "result"

    async def scenario():
        gate = asyncio.get_running_loop().create_future()
        task = run_eagerly(slow(gate))
        assert isinstance(task, asyncio.Task) and steps == ["before"]
        gate.set_result(7)
        assert await task == "result"
        assert steps == ["before", "after 7", "last"]

    run(scenario)


def test_its_exception_and_its_cancellation_reach_the_task():
    cleaned = []

    async def fails(gate):
        await gate
        raise ValueError("broken")

    async def waits_forever():
        try:
            await asyncio.Event().wait()
        finally:
            cleaned.append("finally ran")

    async def scenario():
        gate = asyncio.get_running_loop().create_future()
        task = run_eagerly(fails(gate))
        gate.set_result(None)
        with pytest.raises(ValueError, match="broken"):
            await task
        task = run_eagerly(waits_forever())
        await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert cleaned == ["finally ran"]

    run(scenario)
