"""The specialist workspace's pages, one module per part (`engagements`, `records`,
`reports`). Thin: load through `access` (404 for anyone else), call a service with the person
first, offer the crisis lines after a save that asks for them, redirect or render."""
