"""Spreadsheet exports that cannot run a formula.

A page title such as ``=HYPERLINK("https://evil.example", "Click")`` is data on our site but a
formula in a spreadsheet (CSV injection, OWASP). Cells starting with a character a spreadsheet
treats as the start of a formula get a leading apostrophe, which every spreadsheet shows as text.
Wagtail already stores XLSX cells as text.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeSpreadsheetMixin:
    """For a ReportView (Wagtail's SpreadsheetExportMixin)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise(value) if export_format == self.FORMAT_CSV else value
