"""Files served under ASGI without Django's warning, or a blocked event loop.

WhiteNoise answers every static file (the stylesheet, the scripts, the icon) with a
FileResponse whose content is a plain (synchronous) file iterator. Under ASGI, Django then warns
"StreamingHttpResponse must consume synchronous iterators in order to serve them
asynchronously" once per file, and reads it through a thread one small block at a time.
`async_file_responses`, placed before WhiteNoise in settings.MIDDLEWARE, gives such a response
an asynchronous iterator that reads the file in larger blocks in a worker thread. Under WSGI
(tests, `manage.py runserver`) it changes nothing.
"""

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIRequest

BLOCK = 64 * 1024


def async_file_responses(get_response):
    def middleware(request):
        response = get_response(request)
        if isinstance(request, ASGIRequest) and response.streaming and not response.is_async:
            # What to read is taken now: a new content forgets the file it came from.
            source = getattr(response, "file_to_stream", None)
            items = None if source is not None else iter(response.streaming_content)
            response.streaming_content = _read_in_thread(source, items)
        return response

    return middleware


async def _read_in_thread(source, items):
    """The content, read off the event loop: a file in BLOCK-sized pieces, any other
    synchronous iterator one item at a time. The file is closed with the response (FileResponse
    registered it when it was made)."""
    if source is not None:
        read = sync_to_async(source.read, thread_sensitive=False)
        while chunk := await read(BLOCK):
            yield chunk
        return
    step = sync_to_async(next, thread_sensitive=False)
    done = object()
    while (item := await step(items, done)) is not done:
        yield item
