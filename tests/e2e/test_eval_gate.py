"""The quality gate: the seed evaluation set must stay at or above its pinned floors, so a regression fails CI."""

import json

import pytest

from qa.evaluation import evaluate
from tests.conftest import ROOT

FLOORS = json.loads((ROOT / "tests" / "eval_floors.json").read_text())


@pytest.mark.parametrize("name", [k for k in FLOORS if not k.startswith("_")])
def test_eval_set_stays_above_its_floors(settings, name):
    report = evaluate(ROOT / name, settings)
    summary = report.summary
    for metric, floor in FLOORS[name].items():
        value = getattr(summary, metric)
        assert value is not None and value >= floor, f"{name}: {metric} {value:.1%} is below its floor {floor:.0%}"
