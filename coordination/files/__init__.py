"""Files in and out. Reading and writing go through `output.py` (a failed write leaves nothing).

fileformat.py     the assessment's JSON format, checked against the questionnaire
pack.py           what a deck or PDF says, worked out once for both
deck.py           the PowerPoint deck (slide_layout.py: what fits; slide_xml.py: text as XML)
pdf.py            the PDF pack and the one-page result (ReportLab)
images.py         charts as PNG, SVG, HTML and a zip (kaleido, one browser per process)
spreadsheets.py   CSV and XLSX, formula cells neutralized
tables.py         CSV and XLSX read (encodings, Forms workbooks)
survey.py         survey rows → an assessment, every row checked
survey_mapping.py which column holds what, and what the form's answers mean
survey_values.py  the form's own answers a value mapping must name, and a guess
row_ids.py        the label a row without a respondent goes by (timestamps to the minute)
workbook.py       an XLSX read as a stream (workbook_parts.py, workbook_sheet.py)
form_template.py  the questionnaire as text to paste into a form
brand.py, colours.py   the deck's look: accent, font, logo; colour arithmetic
"""
