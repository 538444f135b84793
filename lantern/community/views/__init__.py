"""Community pages, one module per part: `spaces` (the groups and their settings), `posts`
(threads, replies, reactions, reports, search, the welcome list), `conversations` (private
messages, blocks, message settings) and `moderation`. Each view is thin: load what the person
may see (`community.access` loaders answer 404 otherwise) → call a service → render or redirect.
Everything works without JavaScript; htmx only swaps the reactions in place."""
