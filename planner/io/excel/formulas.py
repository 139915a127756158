"""The Excel plan's formulas (MODEL.md sections 2-4 and 11): each computed column of the notes and Funding
sheets as a template over its row's cells, and the pieces the other sheets' formulas share.

Every formula is written in a form that Excel, WPS, LibreOffice and Gnumeric evaluate alike (README, "Workbook
formulas"), and computes what planner.model computes, in the same order, so that a recalculated workbook
agrees with the app to 1e-9.
"""

from __future__ import annotations

import re

from planner.io.excel.labels import FUNDING_LETTER, NOTE_LETTER, quoted, sheet_name
from planner.model.lifts import LIFTS
from planner.model.limits import MAX_LIFT


def template(formula: str, letters: dict[str, str]) -> str:
    """`[key]` -> the cell of column `key` in the same row ($Q{r}), the whole as escaped XML (`{r}` = row)."""
    formula = re.sub(r"\[(\w+)\]", lambda match: f"${letters[match.group(1)]}{{r}}", formula)
    return formula.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def lift_row_of(industry: str) -> str:
    """The row of the lift table whose industry is exactly `industry` (a cell or a quoted text), 0 if none.

    EXACT, not MATCH, VLOOKUP or COUNTIF, which read `*`, `?` and `~` as wildcards, and not `=`, which
    ignores case. EXACT compares one text at a time: it goes over a range only where the engine gives it
    array context. Nested in SUMPRODUCT, Excel and LibreOffice do, Gnumeric does not (nor need any engine
    without dynamic arrays); in an array formula (`{=...}`, which is how this must be written) every
    engine does, Excel long before dynamic arrays. MAX: the last row, should someone type an industry twice.
    """
    return f"MAX(EXACT(lift_industry,{industry})*ROW(lift_industry))"


# Columns of the notes sheet whose formula is an array formula, one per cell: see lift_row_of.
ARRAY_COLUMNS = frozenset({"lift_row"})


def impressions_of(budget: str, cpm: str, cap: str) -> str:
    """MODEL.md section 3's impressions of a budget: cells, or whole columns in an array formula."""
    reach = f"({budget}*1000/{cpm}/{cap})"
    # 1 - EXP(-x) loses digits for tiny x, where the model's expm1 does not: a short series serves there.
    fraction = f"IF({reach}<0.0001,{reach}*(1-{reach}/2*(1-{reach}/3*(1-{reach}/4))),1-EXP(-{reach}))"
    return f'IF({cap}="",{budget}*1000/{cpm},{cap}*{fraction})'


def scaled(lift: str, scale: str = "lift_scale") -> str:
    """A lift times the scenario's lift scale, kept from -1 to MAX_LIFT as the model keeps it (a cell's value).

    With a scale of 1 the lift is as typed: the lift table holds lifts within those bounds.
    """
    return f"MIN({MAX_LIFT:g},MAX(-1,{lift}*{scale}))"


def note_templates(lang: str) -> dict[str, str]:
    """The per-note formulas of MODEL.md sections 2 and 3 over the row's inputs and the Assumptions sheet.

    The lift row is the row of the note's industry (lift_row_of), or the default row when it has none;
    the note's lifts are that row's, and its rates take them times the scenario's lift scale (section 8).
    Those of ARRAY_COLUMNS are array formulas.
    """
    return {key: template(formula, NOTE_LETTER) for key, formula in _note_formulas(lang).items()}


def _note_formulas(lang: str) -> dict[str, str]:
    """note_templates' formulas, `[key]` not yet a cell."""
    lifts = quoted(sheet_name("assumptions", lang))
    columns = dict(zip(LIFTS, ("B", "E", "H"), strict=True))  # each lift's column of the lift table
    return {
        "eligible": "AND(joint_on=TRUE,[taobao_link]=TRUE)",
        "lift_row": f"IF(OR(EXACT(lift_industry,[industry])),{lift_row_of('[industry]')},lift_default_row)",
        **{lift: f"INDEX({lifts}!${letter}:${letter},[lift_row])" for lift, letter in columns.items()},
        "ctr_eff": f"IF([eligible],MIN(1,[ctr]*(1+{scaled('[ctr_lift]')})),[ctr])",
        "interaction_eff": f"IF([eligible],MIN(1,[interaction_rate]*(1+{scaled('[interaction_lift]')})),"
                           "[interaction_rate])",
        "entry_eff": f"IF([eligible],MIN(1,[entry_rate]*(1+{scaled('[entry_lift]')})),[entry_rate])",
        "impressions": impressions_of("[budget]", "[cpm]", "[audience_cap]"),
        "clicks": "[impressions]*[ctr_eff]", "interactions": "[impressions]*[interaction_eff]",
        "store_visits": "[clicks]*[entry_eff]", "orders": "[store_visits]*[cvr]", "gmv": "[orders]*[aov]",
        "roi": 'IF([budget]=0,"",[gmv]/[budget])', "cpa": 'IF([orders]=0,"",[budget]/[orders])',
        "marginal_roi": marginal_roi_of(),
        # MODEL.md section 11: the brand's money for a note is its part of the budget (section 4) and its creator fee.
        "total_cost": "[budget]+[creator_fee]", "total_roi": 'IF([total_cost]=0,"",[gmv]/[total_cost])',
        "brand_total_roi": f'IF({_BRAND_COST}+[creator_fee]=0,"",[gmv]/({_BRAND_COST}+[creator_fee]))',
    }


# MODEL.md section 10: each effective rate's observed form, over its (events, exposures) counts; cvr, never
# lifted, is the Notes plan's input column itself.
OBSERVED_RATES = {"ctr_eff": ("clicks", "impressions"), "interaction_eff": ("interactions", "impressions"),
                  "entry_eff": ("store_visits", "clicks"), "cvr": ("orders", "store_visits")}


def observed_of(planned: str, events: str, exposures: str, prior: str = "observed_prior") -> str:
    """planner.model.observed's rate: clip((k*planned + events) / (k + exposures), 0, 1), the planned rate where
    either count is unknown (an empty cell), in the model's order of operations.

    Only IF and comparisons: the same text works on cells and on whole columns in an array formula, where
    OR, MIN and MAX would take the whole array rather than each note's value.
    """
    rate = f"(({prior}*{planned}+{events})/({prior}+{exposures}))"
    return f'IF({events}="",{planned},IF({exposures}="",{planned},IF({rate}<0,0,IF({rate}>1,1,{rate}))))'


def observed_templates(lang: str, counts: dict[str, str]) -> dict[str, str]:
    """The formulas of a scenario on observed rates that differ from note_templates', over the columns `counts`
    (count -> letter) of each note's actual counts: the effective rates, and the conversion rate of orders and
    marginal ROI."""
    planned = _note_formulas(lang)
    cvr = observed_of("[cvr]", "[actual_orders]", "[actual_store_visits]")
    formulas = {key: observed_of(f"({planned[key]})", f"[actual_{events}]", f"[actual_{exposures}]")
                for key, (events, exposures) in OBSERVED_RATES.items() if key != "cvr"}
    formulas.update(orders=f"[store_visits]*{cvr}", marginal_roi=marginal_roi_of(cvr))
    letters = {**NOTE_LETTER, **{f"actual_{key}": letter for key, letter in counts.items()}}
    return {key: template(formula, letters) for key, formula in formulas.items()}


# A note's brand money (MODEL.md section 4), as the Funding sheet computes it, over the note's own row.
_BRAND_COST = "([budget]-IF([eligible],IF(eligible_total=0,0,[budget]*(platform_total/eligible_total)),0))"


def marginal_roi_of(cvr: str = "[cvr]") -> str:
    """MODEL.md section 3's marginal ROI of a note at its budget: d(gmv)/d(budget) per yuan of brand money.

    d(impressions)/d(budget) is 1000/cpm, times e^(-budget/(cap*cpm/1000)) under an audience cap; each yuan
    of an eligible note costs the brand 1 - share of it until the platform cap is reached, and nothing when
    the share is 100% (empty then, as the model's NaN). The same terms in the same order as
    planner.model.funnel.estimate, so that the two agree to the last digits.
    """
    per_yuan = "(1000/[cpm])"
    slope = f'IF([audience_cap]="",{per_yuan},{per_yuan}*EXP(-[budget]*{per_yuan}/[audience_cap]))'
    co_funded = "AND([eligible],NOT(cap_reached))"  # the platform pays its share of the next yuan
    return (f'IF(AND({co_funded},platform_share=1),"",{slope}*[ctr_eff]*[entry_eff]*{cvr}*[aov]'
            f"/IF({co_funded},1-platform_share,1))")


def funding_templates(lang: str) -> dict[str, str]:
    """Each note's platform and brand money (MODEL.md section 4); `{n}` is the note's row on the notes sheet."""
    notes = quoted(sheet_name("notes", lang))
    note = {key: f"{notes}!${NOTE_LETTER[key]}{{n}}" for key in ("note_id", "title", "eligible", "budget")}
    formulas = {
        "note_id": f'{note["note_id"]}&""', "title": f'{note["title"]}&""',
        "eligible": note["eligible"], "budget": note["budget"],
        "platform_cost": "IF([eligible],IF(eligible_total=0,0,[budget]*(platform_total/eligible_total)),0)",
        "brand_cost": "[budget]-[platform_cost]", "platform_part": 'IF([budget]=0,"",[platform_cost]/[budget])',
    }
    return {key: template(formula, FUNDING_LETTER) for key, formula in formulas.items()}
