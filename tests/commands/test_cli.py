"""The command line dispatches to subcommand modules and rejects unknown commands."""

import pytest

from geo.cli import main


def test_unknown_subcommand_exits_with_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as excinfo:
        main(["no-such-command"])
    assert excinfo.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
