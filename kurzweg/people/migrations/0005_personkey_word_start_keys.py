# The search while typing looks name fragments up in the key index: every person gets one
# word-start key ("B:" + folded word) per distinct word of its spellings (see
# matching_store.word_keys). This writes them for the persons already stored; new and changed
# persons get them from matching_store.keys_of. Self-contained on purpose (historical models,
# the prefix and length as they are now), so it still runs after the models change.

from django.db import migrations

from kurzweg.people.names import fold_name

PREFIX = "B:"
MAX_LENGTH = 64
CHUNK = 5000


def _keys(names):
    return {(PREFIX + word)[:MAX_LENGTH] for text in names if text for word in fold_name(text).split()}


def write_word_keys(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    AlternativeName = apps.get_model("people", "AlternativeName")
    PersonKey = apps.get_model("people", "PersonKey")
    PersonKey.objects.filter(key__gte=PREFIX, key__lt="C:").delete()
    persons = Person.objects.order_by("pk").values_list(
        "pk", "agency_id", "given_names", "family_name", "given_names_original", "family_name_original"
    )
    chunk = []

    def flush():
        ids = [row[0] for row in chunk]
        other = {}
        for pid, given, family in AlternativeName.objects.filter(person_id__in=ids).values_list(
            "person_id", "given_names", "family_name"
        ):
            other.setdefault(pid, []).extend((given, family))
        rows = [
            PersonKey(agency_id=agency_id, person_id=pk, key=key)
            for pk, agency_id, *names in chunk
            for key in _keys([*names, *other.get(pk, [])])
        ]
        PersonKey.objects.bulk_create(rows, batch_size=CHUNK, ignore_conflicts=True)
        chunk.clear()

    for row in persons.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) >= CHUNK:
            flush()
    if chunk:
        flush()


def remove_word_keys(apps, schema_editor):
    PersonKey = apps.get_model("people", "PersonKey")
    PersonKey.objects.filter(key__gte=PREFIX, key__lt="C:").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_personkey_covering_index"),
    ]

    operations = [migrations.RunPython(write_word_keys, remove_word_keys)]
