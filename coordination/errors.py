"""Every error the core raises for a user's mistake, so pages and the CLI can show one line.

    CoordinationError                 base: str(error) is a message fit to show a person
    ├── QuestionnaireError            the questionnaire file is missing or malformed
    ├── AssessmentError               an assessment (file or edit) breaks the format's rules
    ├── InvalidInput                  a name or value typed in the app breaks a rule
    ├── Forbidden                     the person asking may not read or change this
    ├── StorageError                  the database refused or cannot be reached
    │   ├── NotFound                  a workspace or use case that does not exist
    │   ├── Unavailable               the database cannot be reached right now (try again)
    │   └── SchemaMismatch            the database was written by another version of the app
    ├── ExportError                   a chart or file could not be written
    │   └── BrowserMissing            PNG/SVG export needs Chromium and there is none
    └── ImportProblem                 a survey export cannot be read or mapped, or a row is
                                      invalid (the message names the row, column and value)

Programming errors are not wrapped: they should surface as tracebacks in tests, not as messages.
"""


class CoordinationError(Exception):
    """Base class: the message is written for the person using the app or the CLI."""


class QuestionnaireError(CoordinationError):
    pass


class AssessmentError(CoordinationError):
    """`location` is a path such as ``use_cases[3].responses[0].answers.reach``."""

    def __init__(self, location: str, problem: str) -> None:
        self.location = location
        self.problem = problem
        super().__init__(f"{location}: {problem}" if location else problem)


class StorageError(CoordinationError):
    pass


class NotFound(StorageError):
    pass


class Unavailable(StorageError):
    """A lost connection or a database that is down: nothing was saved, and trying again
    later may work."""


class SchemaMismatch(StorageError):
    """The database's schema is not one this app knows; nothing in it was touched."""


class Forbidden(CoordinationError):
    """The caller's role does not allow this read or write (checked on the server)."""


class ExportError(CoordinationError):
    pass


class BrowserMissing(ExportError):
    pass


class ImportProblem(CoordinationError):
    pass


class InvalidInput(CoordinationError):
    """Something typed in the app: an empty or duplicate name, an out-of-range answer."""
