"""The people an import names as authors: found by name, created when new, gaps filled."""

from core.models import Person


def load_people(documents):
    """{name.casefold(): Person} for every author of the documents."""
    names = {a.name.casefold(): a for document in documents for a in document.authors}
    if not names:
        return {}
    people = {}
    for person in Person.objects.all():
        people.setdefault(person.name.casefold(), person)
    for key, author in names.items():
        person = people.get(key)
        if person is None:
            people[key] = Person.objects.create(
                name=author.name,
                credentials=author.credentials,
                affiliation=author.affiliation,
            )
            continue
        # Fill gaps only: an editor's corrections to a person are never overwritten.
        changed = []
        for attribute in ("credentials", "affiliation"):
            if getattr(author, attribute) and not getattr(person, attribute):
                setattr(person, attribute, getattr(author, attribute))
                changed.append(attribute)
        if changed:
            person.save(update_fields=changed)
    return people
