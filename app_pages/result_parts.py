"""Parts of the Result page that take more than a line to draw: the team's agreement, the
steps in order and the why of the level. What they say is the core's
(`coordination.report.result_view`, `coordination.workshop.agreed`)."""

from __future__ import annotations

import streamlit as st

from coordination.method.advice import ORDER
from coordination.report.result_view import Gate, Steps
from coordination.text import md_literal
from coordination.workshop.agreed import Agreement, agreed_frame


def agreed_table(agreed: Agreement) -> None:
    with st.expander("What the team agreed, and why", expanded=True):
        st.dataframe(
            agreed_frame(agreed),
            hide_index=True,
            width="stretch",
            key="agreed",
            column_config={
                "Question": st.column_config.TextColumn(width="small"),
                "Why": st.column_config.TextColumn(width="large"),
            },
        )


def next_steps(plan: Steps) -> None:
    """The next useful improvement stands out; the rest follow, numbered from 2."""
    if plan.done:
        st.markdown(md_literal(plan.first))
    else:
        st.success(md_literal(plan.first), icon=":material/arrow_forward:")
    if plan.then:
        st.markdown("**Then**")
        st.markdown("\n".join(f"{i}. {md_literal(step)}" for i, step in enumerate(plan.then, 2)))
        st.caption(ORDER)


def why_this_level(gates: list[Gate]) -> None:
    """Each gate held or not, each condition in place or missing, in words and by icon."""
    for gate in gates:
        mark = ":material/check_circle:" if gate.held else ":material/cancel:"
        lines = [f"{mark} **{md_literal(gate.title)}**"]
        for held, condition in gate.conditions:
            lines.append(f"- {'in place' if held else '**missing**'}: {md_literal(condition)}")
        st.markdown("\n".join(lines))
