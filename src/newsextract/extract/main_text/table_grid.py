"""A table's grid as trafilatura lays it out: rows of cells padded to the widest row, column and
row spans as empty cells, captions as header rows (main_extractor.handle_table's bookkeeping)."""

from __future__ import annotations

from newsextract.extract.main_text.tree import DONE, Element

MAX_SPAN = 100


def span(cell: Element, attr: str) -> int:
    """A cell's colspan or rowspan: 1 unless a plain number, at most 100."""
    value = cell.attrs.get(attr) or "1"
    return min(int(value), MAX_SPAN) if value.isdecimal() else 1


def new_cell(row: Element, *, header: bool = False) -> Element:
    cell = row.sub("cell")
    if header:
        cell.attrs["role"] = "head"
    return cell


def flush_rowspan(rowspans: dict[int, int], row: Element) -> None:
    """Empty cells where a cell of a row above still spans the column."""
    while (column := len(row.children)) in rowspans:
        new_cell(row)
        rowspans[column] -= 1
        if rowspans[column] == 0:
            del rowspans[column]


def finish_row(table: Element, row: Element, rowspans: dict[int, int], max_cols: int) -> None:
    flush_rowspan(rowspans, row)
    while len(row.children) < max_cols:
        new_cell(row)
    if any(cell.text or cell.children for cell in row.children):
        table.append(row)


def table_rows(table: Element) -> tuple[list[list[Element]], list[str], int]:
    """The rows of cells (cells outside any row join the one before), the captions, the widest row."""
    rows: list[list[Element]] = [[]]
    captions: list[str] = []
    max_cols = 0
    for child in list(table.children):
        if child.tag == "tr":
            rows.append([cell for cell in child.children if cell.tag in ("td", "th")])
            max_cols = max(max_cols, sum(span(cell, "colspan") for cell in rows[-1]))
        elif child.tag in ("td", "th"):
            rows[-1].append(child)
            continue
        elif child.tag == "caption":
            captions.append(" ".join(child.text_pieces()).strip())
            for sub in child.descendants():
                sub.tag = DONE
        elif child.tag == "table":
            continue
        child.tag = DONE
    return rows, captions, min(max_cols, MAX_SPAN)
