"""Date formats per language (settings.FORMAT_MODULE_PATH), over Django's own.

Templates name a format (``{{ day|date:"DATE_FORMAT" }}``) instead of spelling one out,
so each language writes dates its own way: «4. desember 2026» in bokmål and nynorsk,
"4 December 2026" in English.
"""
