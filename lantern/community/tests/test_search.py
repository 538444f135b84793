"""Search: matches with highlighted snippets, and never a post the reader may not see."""

from lantern.community import services
from lantern.community.models import Membership
from lantern.community.search import highlight, search, snippet


def test_search_finds_words_and_highlights_them(early, people, signed_in):
    services.start_thread(
        people.river, early, "Cravings", "Evenings are when the cravings hit hardest."
    )
    services.start_thread(people.sam, early, "Sleep", "I can't sleep since I stopped.")
    page = signed_in(people.sam).get("/groups/search/?q=cravings").content.decode()
    assert "<mark>cravings</mark>" in page
    assert "I can't sleep" not in page
    found, _more = search(people.sam, "evening")  # a prefix matches
    assert [p.thread.title for p in found] == ["Cravings"]


def test_search_never_returns_a_post_the_reader_may_not_see(spaces, early, people):
    opening = services.start_thread(people.river, early, "Open", "secretword in the open").obj
    hidden = services.reply(people.sam, opening.thread, "secretword hidden by a moderator").obj
    services.hide_post(people.morgan, hidden, "test")
    held = services.reply(
        people.sam, opening.thread, "secretword I am going to kill myself tonight, pills ready"
    ).obj
    assert held.status == "held"
    deleted = services.reply(people.river, opening.thread, "secretword I take back").obj
    services.delete_post(people.river, deleted)
    family = spaces["family"]
    Membership.objects.create(space=family, person=people.sam)
    private = services.start_thread(people.sam, family, "Family", "secretword at home").obj

    def found(person):
        return {p.pk for p in search(person, "secretword", limit=50)[0]}

    assert found(people.river) == {opening.pk}
    assert found(people.sam) == {opening.pk, private.pk}
    # Moderators find hidden and held posts in the queue, not in search.
    assert found(people.morgan) == {opening.pk, private.pk}
    assert found(people.casey) == {opening.pk}


def test_search_input_cannot_break_the_query_or_the_page(early, people, signed_in):
    services.start_thread(people.river, early, "Quotes", 'She said "one day at a time" <b>')
    sam = signed_in(people.sam)
    for q in ['"', "AND OR NOT", "NEAR(", "*", 'one" OR "x', "<script>", "día"]:
        response = sam.get("/groups/search/", {"q": q})
        assert response.status_code == 200
        assert "<script>" not in response.content.decode().split("<main")[1]
    page = sam.get("/groups/search/", {"q": "one day"}).content.decode()
    assert "<mark>one</mark> <mark>day</mark>" in page
    assert "<b>" not in page.split("<main")[1]  # escaped (SQLite) or dropped (PostgreSQL)


def test_a_snippet_is_the_text_around_the_match_with_accents_and_prefixes_marked():
    long = " ".join(f"w{i}" for i in range(60)) + " Día de Cravings, " + "x " * 60
    html = highlight(snippet(long, ["dia", "craving"]))
    assert "<mark>Día</mark> de <mark>Cravings</mark>" in html
    assert html.startswith("…") and html.endswith("…") and "w0 " not in html
    marked = str(highlight(snippet("<b>one</b> ⟦x", ["one"])))
    assert marked == "&lt;b&gt;<mark>one</mark>&lt;/b&gt; [x"  # only our own marks become <mark>


def test_search_leaves_out_replies_in_a_hidden_thread(early, people, signed_in):
    opening = services.start_thread(people.sam, early, "Secret title", "Selling, DM me").obj
    services.reply(people.river, opening.thread, "quietword in a reply")
    services.hide_post(people.jo, opening, "selling")
    page = signed_in(people.river).get("/groups/search/?q=quietword").content.decode()
    assert "Secret title" not in page and "quietword" not in page.split("</form>")[-1]
    found, _more = search(people.river, "quietword")
    assert found == []
    assert [p.thread.title for p in search(people.jo, "quietword")[0]] == ["Secret title"]


def test_search_finds_thread_titles_and_marks_them(early, people, signed_in):
    opening = services.start_thread(
        people.river, early, "Insomnia in week two", "Nights are long. Any tips?"
    ).obj
    services.reply(people.sam, opening.thread, "Chamomile helped me.")
    page = signed_in(people.sam).get("/groups/search/?q=insomnia").content.decode()
    assert "<mark>Insomnia</mark> in week two" in page
    found, _more = search(people.sam, "insomnia week")  # every word, in the title
    assert [p.pk for p in found] == [opening.pk]  # the thread once, not each reply
    assert search(people.sam, "insomnia chamomile")[0] == []  # words split across posts


def test_titles_of_threads_the_reader_may_not_see_are_not_found(spaces, early, people):
    hidden = services.start_thread(people.sam, early, "Pillsforsale cheap", "DM me").obj
    services.hide_post(people.jo, hidden, "selling")
    family = spaces["family"]
    Membership.objects.create(space=family, person=people.sam)
    services.start_thread(people.sam, family, "Pillsforsale talk at home", "Private")
    assert search(people.river, "pillsforsale")[0] == []
    assert len(search(people.sam, "pillsforsale")[0]) == 1  # their private group only
