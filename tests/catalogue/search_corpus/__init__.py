"""An independent search test set: offers written from real municipal pages
(``offers``), queries with the offers a citizen expects on the first page
(``queries``), and the code that builds the offers with the catalogue factories
(``build``). Used by tests/catalogue/test_search_independent.py."""
