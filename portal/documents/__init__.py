"""Documents the portal hands out: PDFs rendered with WeasyPrint from its own
templates and static files, and the responses that hand over stored files and bytes.
Shared by the catalogue (offer sheets, brochures) and the letters of casework."""
