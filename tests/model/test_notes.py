"""The notes table's completion and rules (MODEL.md section 1), on frames as any caller builds them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from planner.model.notes import NOTE_FIELDS, check_notes, complete_notes, normalise_industry

REQUIRED = {"industry": "beauty", "cpm": 100.0, "ctr": 0.05, "interaction_rate": 0.04, "entry_rate": 0.2,
            "cvr": 0.1, "aov": 99.0}


def notes_with(**columns: list[object]) -> pd.DataFrame:
    """A completed notes frame with the given columns and good values in the required others."""
    count = len(next(iter(columns.values())))
    frame = pd.DataFrame({"note_id": [f"N{i}" for i in range(count)]}
                         | {name: [value] * count for name, value in REQUIRED.items()} | columns)
    return complete_notes(frame)


def flagged(notes: pd.DataFrame) -> list[tuple[int, str, object]]:
    return [(p.row, p.column, p.value) for p in check_notes(notes)]


@pytest.mark.parametrize("dtype", [str, object])
def test_ids_are_compared_trimmed_and_an_id_of_spaces_is_missing(dtype):
    notes = notes_with(note_id=pd.Series(["N1", " N1 ", "N2", "   ", "", "N2"], dtype=dtype).tolist())
    assert flagged(notes) == [(3, "note_id", " N1 "), (5, "note_id", "   "), (6, "note_id", ""),
                              (7, "note_id", "N2")]
    assert notes["note_id"].tolist()[:2] == ["N1", " N1 "]  # kept as typed; only the rule trims


def test_unique_trimmed_ids_pass_and_a_missing_id_is_reported_once():
    assert flagged(notes_with(note_id=["A", "B", "C"])) == []
    assert flagged(notes_with(note_id=["A", np.nan, "C"])) == [(3, "note_id", "")]


def test_industries_and_formats_are_normalised_once_per_distinct_value():
    notes = notes_with(industry=[" Beauty ", "美妆", "SPORTS", "宠物", "Pets ", np.nan],
                       format=["图文", " Video", "IMAGE", "", np.nan, "音频"])
    assert notes["industry"].tolist() == ["beauty", "beauty", "sports", "宠物", "Pets", ""]
    assert notes["format"].tolist() == ["image", "video", "image", "", "", "音频"]
    assert notes["industry"].dtype == notes["note_id"].dtype == pd.StringDtype(na_value=np.nan)
    assert flagged(notes) == [(7, "industry", ""), (7, "format", "音频")]


def test_a_normal_column_is_kept_as_it_is_and_an_empty_frame_gets_the_models_dtypes():
    normal = pd.Series(["beauty", "sports", "其他行业"], dtype=str)
    assert normalise_industry(normal) is normal
    empty = complete_notes(pd.DataFrame({"note_id": pd.Series([], dtype=object)}))
    assert list(empty.columns) == list(NOTE_FIELDS) and len(empty) == 0
    assert empty["industry"].dtype == empty["format"].dtype == pd.StringDtype(na_value=np.nan)
    assert check_notes(empty) == []


def test_unknown_columns_follow_the_models_and_the_callers_frame_is_unchanged():
    frame = pd.DataFrame({"备注": ["x"], "note_id": ["N1"]} | {name: [v] for name, v in REQUIRED.items()})
    before = frame.copy()
    notes = complete_notes(frame)
    assert list(notes.columns) == list(NOTE_FIELDS) + ["备注"]
    pd.testing.assert_frame_equal(frame, before)
