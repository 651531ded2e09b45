"""Import every command module so each registers itself on ``app``."""
from . import read_cmd  # noqa: F401
from . import diff_cmd  # noqa: F401
from . import ingest_cmd  # noqa: F401
from . import export_cmd  # noqa: F401
from . import failures_cmd  # noqa: F401
from . import extract_cmd  # noqa: F401
from . import eval_cmd  # noqa: F401
from . import compare_cmd  # noqa: F401
from . import targets_cmd  # noqa: F401
from . import report_cmd  # noqa: F401
