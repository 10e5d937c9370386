"""The hook's old address, for journals made by an earlier `kith init` (the adapter is
`kithbook.adapter.hook`): their hooks/kithbook_hook.py still names this module."""

from .adapter.hook import *  # noqa: F403
from .adapter.hook import __all__ as __all__
