"""What the organization map shows, pure (no I/O): tables, headline, and plotly figures drawn
for a screen or for a 16:9 slide.

orgmap.py    `OrgMap`: one assessment scored once; every view, figure and headline from it
views.py     the organization's DataFrames (levels, answers, disagreement, counts, headline)
style.py     colours (colour-blind safe), fonts, titles, and the two media: screen and slide
labels.py    user text escaped and fitted beside and inside cells
frame.py     a figure's frame: legend, size, and a slide's title laid out by hand
grid.py      a use case × question heatmap decided once (`Grid`), whatever draws it
heatmaps.py  plotly draws a grid for slides and files, and function × level
vega.py      the same question grid in Vega-Lite, for the map on screen
bars.py      each use case's level by function, and use cases per level
"""
