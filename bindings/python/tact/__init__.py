"""tact: coach customer-support messages, from Python.

A thin binding of libtact (include/tact.h): it flags discouraged phrasing
in a message («но», «Вы должны», «Sunteţi sigur…?», "you must"), explains
why it hurts, suggests polite rewrites and applies them, in ru, ro, kk and
en. All the rules live in the library and its YAML packs; this package only
converts arguments and results.

    import tact
    checker = tact.Checker()                 # the built-in packs
    for f in checker.check("Товар хороший, но дорогой.", lang="ru"):
        print(f.rule, f.span, f.match, f.suggestions, f.message)
    checker.rewrite("You must fill in the form.")
    report = checker.check("Заказ у курьера.", lang="ru", age=67,
                           client_name="Анна", wait_seconds=3600,
                           customer_message="Где мой заказ?!")
    report.score, report.lost, report.questions, report.profile

Spans are str indices for str texts (text[f.span[0]:f.span[1]] ==
f.match) and byte offsets for bytes texts. Errors are tact.Error
subclasses, one per TACT_E* code. See docs/python.md.
"""

from typing import Optional, Union

from ._tact import (
    HEADER_VERSION,
    HEADER_VERSION_NUMBER,
    MAX_TEXT,
    SEVERITIES,
    Band,
    Checker,
    EncodingError,
    Error,
    Example,
    Finding,
    InternalError,
    InvalidArgumentError,
    LimitError,
    NoMemoryError,
    NotFoundError,
    PackError,
    PackReadError,
    ProfileEntry,
    Question,
    Report,
    Rule,
    Status,
    TooBigError,
    VersionError,
    detect_language,
    strerror,
    version,
    version_number,
)

#: The version of libtact this binding was built against (and its own).
#: tact.version() is the version of the library loaded at run time.
__version__ = HEADER_VERSION

__all__ = [
    "Checker", "Report", "Finding", "Rule", "Example", "Status",
    "Band", "Question", "ProfileEntry",
    "Error", "InternalError", "NoMemoryError", "InvalidArgumentError",
    "EncodingError", "PackError", "PackReadError", "TooBigError",
    "LimitError", "VersionError", "NotFoundError",
    "detect_language", "strerror", "version", "version_number",
    "HEADER_VERSION", "HEADER_VERSION_NUMBER", "MAX_TEXT", "SEVERITIES",
]

_default: Optional[Checker] = None


def default_checker() -> Checker:
    """A shared Checker with the built-in packs, created on first use.

    Do not add packs to it: build your own Checker for that.
    """
    global _default
    if _default is None:
        # Two threads may both build one: harmless, one of them is kept.
        _default = Checker()
    return _default


def check(text: Union[str, bytes], **options: object) -> Report:
    """default_checker().check(text, **options): see Checker.check."""
    return default_checker().check(text, **options)  # type: ignore[arg-type]


def rewrite(text: Union[str, bytes], **options: object) -> Union[str, bytes]:
    """default_checker().rewrite(text, **options): see Checker.rewrite."""
    return default_checker().rewrite(text, **options)  # type: ignore[arg-type]


__all__ += ["default_checker", "check", "rewrite"]
