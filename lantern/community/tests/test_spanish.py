"""The groups speak Spanish to people who chose it."""

from lantern.community import services


def test_a_spanish_speaker_reads_the_groups_in_spanish(early, people, signed_in):
    services.start_thread(people.sam, early, "Hola", "Primer día.")
    people.river.language = "es"
    people.river.save()
    river = signed_in(people.river)
    page = river.get("/groups/early-days/").content.decode()
    assert "Iniciar un hilo" in page and "Hilos" in page and "Salir" in page
    page = river.get(early.threads.get().get_absolute_url()).content.decode()
    assert "Me identifico" in page and "Te mando fuerza" in page and "recién llegado" in page
