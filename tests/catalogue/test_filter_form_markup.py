"""The filter form on /tilbud/ is written in Python (portal.form_markup): the same HTML
as crispy-forms with the Designsystemet template pack, in every language."""

import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.utils import translation

from catalogue.filters import OfferFilter
from portal import form_markup
from tests.catalogue.factories import (
    AccessibilityFeatureFactory,
    CategoryFactory,
    DistrictFactory,
    LanguageFactory,
    OfferFactory,
)

pytestmark = pytest.mark.django_db

CRISPY = Template("{% load crispy_forms_tags %}{% crispy form %}")
QUERIES = [
    "",
    "q=dagsenter",
    "q=%3Cb%3E+%22kaf%C3%A9%22+%26+%27x%27&sortering=navn",
    "dag=tirsdag&dag=fredag&gratis=1&transport=1",
    "kategori=sosial&bydel=nord&sprak=nb&tilrettelegging=heis&maltid=1&ledig=1",
    "deltakelse=open&deltakelse=application&sortering=oppdatert&q=tur",
    "kategori=ukjent&dag=blursdag&gratis=kanskje&sortering=tilfeldig",
]


@pytest.fixture
def taxonomies():
    CategoryFactory(slug="sosial", name="Sosialt", name_nn="Sosialt", name_en="Social")
    CategoryFactory(slug="fysisk", name="Fysisk <aktivitet> & trim", name_en="")
    DistrictFactory(slug="nord", name="Nord", name_en="North")
    AccessibilityFeatureFactory(slug="heis", name="Heis", name_nn="Heis", name_en="Lift")
    LanguageFactory(slug="nb", name="Norsk", name_en="Norwegian")


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
@pytest.mark.parametrize("query", QUERIES)
def test_the_filter_form_is_written_as_crispy_writes_it(taxonomies, query, language):
    with translation.override(language):
        expected = CRISPY.render(Context({"form": OfferFilter(QueryDict(query)).form}))
        for _ in range(2):  # the second time from the kept field markup
            assert str(form_markup.render(OfferFilter(QueryDict(query)).form)) == expected


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_list_page_carries_crispys_markup(client, taxonomies, language):
    OfferFactory()
    client.cookies["django_language"] = language
    query = "q=tur&dag=tirsdag&kategori=sosial"
    html = client.get(f"/tilbud/?{query}").content.decode()
    with translation.override(language):
        expected = CRISPY.render(Context({"form": OfferFilter(QueryDict(query)).form}))
    assert expected in html


def _label(html: str, text: str) -> str:
    """The opening tag of the checkbox label with ``text``."""
    end = html.index(f">{text}</label>")
    return html[html.rindex("<label", 0, end) : end + 1]


@pytest.mark.parametrize("language", ["nn", "en"])
def test_a_term_without_a_name_in_the_readers_language_is_marked_bokmal(
    client, taxonomies, language
):
    OfferFactory()
    client.cookies["django_language"] = language
    html = client.get("/tilbud/").content.decode()
    # Categories, districts and languages: bokmål names marked, translated ones not.
    assert 'lang="nb"' in _label(html, "Fysisk &lt;aktivitet&gt; &amp; trim")
    if language == "nn":
        assert 'lang="nb"' in _label(html, "Nord") and 'lang="nb"' in _label(html, "Norsk")
        assert "lang=" not in _label(html, "Sosialt")
    else:
        assert "lang=" not in _label(html, "North") and "lang=" not in _label(html, "Social")


def test_a_bokmal_page_marks_no_term(client, taxonomies):
    OfferFactory()
    html = client.get("/tilbud/").content.decode()
    assert "lang=" not in _label(html, "Fysisk &lt;aktivitet&gt; &amp; trim")


def test_the_kept_markup_tells_a_bokmal_name_from_the_same_name_translated(taxonomies):
    from catalogue.selectors import taxonomy_choices
    from portal.translated import TranslatedText

    with translation.override("nn"):
        choices = taxonomy_choices()
        marked = {**choices, "district": [("nord", TranslatedText("Nord", fallback=True))]}
        same = {**choices, "district": [("nord", TranslatedText("Nord"))]}  # name_nn "Nord"
        first = str(form_markup.render(OfferFilter(QueryDict(""), choices=marked).form))
        second = str(form_markup.render(OfferFilter(QueryDict(""), choices=same).form))
    assert 'lang="nb">Nord</label>' in first
    assert 'lang="nb">Nord</label>' not in second and ">Nord</label>" in second
