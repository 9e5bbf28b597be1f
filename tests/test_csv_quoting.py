"""Form exports' CSV quoting (issue 15): a doubled quote inside an answer is a quote, always
(RFC 4180), and a row with more or fewer fields than the header is refused by its number,
never read with its answers shifted into other columns."""

from __future__ import annotations

import pytest

from coordination.errors import ImportProblem
from coordination.files.tables import table_from_bytes

SAID = 'They call it "good enough" in review, but sales rewrites it'
HEADER = "Timestamp,Why this tool?,Who uses it?,Owner\r\n"


def test_a_doubled_quote_before_the_question_columns_stays_in_its_answer():
    row = '2026/12/01 10:02:03,"They call it ""good enough"" in review, but sales rewrites it",'
    row += "A team,Named\r\n"
    table = table_from_bytes((HEADER + row + row).encode(), "form.csv")
    assert table.headers == ["Timestamp", "Why this tool?", "Who uses it?", "Owner"]
    assert table.rows[0] == ["2026/12/01 10:02:03", SAID, "A team", "Named"]


@pytest.mark.parametrize("separator", [";", "\t"])
def test_semicolons_and_tabs_are_found_from_the_header(separator):
    header = HEADER.replace(",", separator)
    row = separator.join(["2026/12/01", '"a ""quoted"" word, and a comma"', "A team", "x"])
    table = table_from_bytes((header + row + "\r\n").encode(), "form.csv")
    assert table.rows[0][1] == 'a "quoted" word, and a comma'


def test_a_row_with_a_field_too_many_is_refused_by_its_number():
    good = '2026/12/01,"fine",A team,Named\r\n'
    bad = '2026/12/02,They call it "good enough", in review,A team,Named\r\n'  # unquoted comma
    with pytest.raises(ImportProblem, match=r"row 3 has 5 fields where the header has 4"):
        table_from_bytes((HEADER + good + bad).encode(), "form.csv")


def test_a_row_with_a_field_too_few_is_refused_and_empty_trailing_fields_are_not():
    with pytest.raises(ImportProblem, match=r"row 2 has 3 fields where the header has 4"):
        table_from_bytes((HEADER + "2026/12/01,x,A team\r\n").encode(), "form.csv")
    table = table_from_bytes((HEADER + "2026/12/01,x,A team,Named,,\r\n").encode(), "form.csv")
    assert table.rows[0][:4] == ["2026/12/01", "x", "A team", "Named"]
