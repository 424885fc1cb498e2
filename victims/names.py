"""People's names as the search and the duplicate check compare them: without accents, case or
punctuation, word order aside.

One definition, in Python, for both databases: the folded name is written into
`Victim.search_name` when a record is saved (Victim.clean(), and the importer), and what a user
types is folded the same way, so that SQLite and PostgreSQL find the same people.
"""

import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent (NFKD leaves them
# whole), folded as PostgreSQL's `unaccent` folds them.
_LETTERS = str.maketrans(
    {
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
    }
)


def fold(text: str) -> list[str]:
    """The words of `text`, folded: "María-José  PÉREZ" -> ["maria", "jose", "perez"].

    Accents and case go (NFKD, combining marks dropped, casefold: "ß" -> "ss"); anything that is
    not a letter or a digit separates words (hyphens, apostrophes, zero-width characters).
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().translate(_LETTERS)
    return "".join(c if c.isalnum() else " " for c in bare).split()


def search_key(*parts: str) -> str:
    """The folded words of a person's names in alphabetical order ("Díaz Olga" and "Olga Diaz"
    give "diaz olga"): the value of Victim.search_name."""
    return " ".join(sorted(word for part in parts for word in fold(part or "")))
