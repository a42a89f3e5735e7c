"""render.py: template mistakes name the template file and line; escaping and fallback marking."""

from __future__ import annotations

import json

import pytest

from benn_site.errors import RenderError
from benn_site.rendering.render import bdi, localized_html, ltr, make_environment, render_template, script_json, text_helper
from benn_site.texts import Text

TEMPLATES = {
    "base.html": "<html>\n{% block main %}{% endblock %}\n</html>\n",
    "good.html": '{% extends "base.html" %}\n{% block main %}<p>{{ name }}</p>{% endblock %}\n',
    "broken.html": "<p>\n{% if open %}\n<b>\n",
    "typo.html": '{% extends "base.html" %}\n{% block main %}\n<p>{{ name }}</p>\n<p>{{ nmae }}</p>\n{% endblock %}\n',
    "attr.html": "<p>\n{{ location.phone }}\n</p>\n",
    "includes.html": '<main>\n{% include "parts/missing.html" %}\n</main>\n',
    "uses_broken.html": '{% extends "base.html" %}\n{% block main %}\n{% include "broken.html" %}\n{% endblock %}\n',
    "divide.html": "{{ 1 }}\n{{ total // count }}\n",
    "macro_user.html": '{% import "macros.html" as m %}\n{{ m.card(event) }}\n',
    "macros.html": "{% macro card(event) %}\n<h3>{{ event.title }}</h3>\n<p>{{ event.when }}</p>\n{% endmacro %}\n",
}


@pytest.fixture
def site(tmp_path):
    for name, text in TEMPLATES.items():
        path = tmp_path / "templates" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def render(site, template, **context):
    return render_template(make_environment(site / "templates"), template, context, site)


def error(site, template, **context) -> str:
    with pytest.raises(RenderError) as info:
        render(site, template, **context)
    return str(info.value)


def test_renders_and_autoescapes(site):
    # trim_blocks eats the newline after {% endblock %}.
    expected = "<html>\n<p>&lt;b&gt;Café &amp; Co&lt;/b&gt;</p></html>\n"
    assert render(site, "good.html", name="<b>Café & Co</b>") == expected


def test_syntax_error_names_the_template_and_line(site):
    assert error(site, "broken.html") == (
        "templates/broken.html:3: template syntax error: Unexpected end of template. Jinja was looking for the "
        "following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'. "
        "(check the {% %} and {{ }} tags on this line)")


def test_syntax_error_in_an_included_template_names_that_template(site):
    assert error(site, "uses_broken.html").startswith("templates/broken.html:3: template syntax error: ")


def test_undefined_variable_names_file_and_line(site):
    assert error(site, "typo.html", name="A") == (
        "templates/typo.html:4: undefined template variable 'nmae' "
        "(check the spelling, or what this page passes to the template)")


def test_undefined_attribute_names_file_and_line(site):
    assert error(site, "attr.html", location={}) == (
        "templates/attr.html:2: undefined template variable: 'dict object' has no attribute 'phone' "
        "(check the spelling, or what this page passes to the template)")


def test_undefined_inside_a_macro_names_the_macro_file(site):
    assert error(site, "macro_user.html", event={"title": "x"}) == (
        "templates/macros.html:3: undefined template variable: 'dict object' has no attribute 'when' "
        "(check the spelling, or what this page passes to the template)")


def test_missing_template(site):
    assert error(site, "nope.html") == (
        "templates/nope.html: template 'nope.html' not found "
        "(create templates/nope.html: pages of this kind are made with it)")


def test_missing_included_template_names_the_including_line(site):
    assert error(site, "includes.html") == (
        "templates/includes.html:2: template 'parts/missing.html' not found "
        "(create templates/parts/missing.html or fix the name in this line)")


def test_a_failing_expression_names_file_and_line(site):
    assert error(site, "divide.html", total=1, count=0) == (
        "templates/divide.html:2: ZeroDivisionError: integer division or modulo by zero "
        "(the template uses a value in a way the data does not allow)")


def test_fallback_text_is_marked_with_its_language_and_direction():
    directions = {"de": "ltr", "ar": "rtl"}
    tx = text_helper("ar", directions)
    text = Text.of({"de": "Café <Mitte>"}, "de")
    assert tx(text) == '<span lang="de" dir="ltr">Café &lt;Mitte&gt;</span>'
    assert tx(Text.of({"de": "x", "ar": "مقهى & شاي"}, "de")) == "مقهى &amp; شاي"
    assert tx(None) == ""
    assert tx("<i>") == "&lt;i&gt;"
    assert localized_html(text.get("de"), "de", directions) == "Café &lt;Mitte&gt;"


def test_bdi_and_ltr_escape():
    assert bdi("pad <gGmbH>") == "<bdi>pad &lt;gGmbH&gt;</bdi>"
    assert ltr("+49 30 1234567") == '<span dir="ltr">+49 30 1234567</span>'


def test_json_in_a_script_element_cannot_end_it():
    text = script_json({"name": "</script><!-- & -->", "ar": "مكتب"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><!-- & -->", "ar": "مكتب"}
