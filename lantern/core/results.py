"""The one result a service returns when saving words a person wrote: the saved record, and
what the safety net said the writer should see next.

    saved = services.reply(actor, thread, body)
    safety.crisis.offer_after_save(request, saved)   # the view: crisis lines on the next page
    return redirect(saved.obj.get_absolute_url())

Services that save no words return the saved object itself.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Saved:
    obj: Any
    show_crisis_resources: bool = False  # the writer sees crisis lines now
    held: bool = False  # kept from others until a moderator looks
