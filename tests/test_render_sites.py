"""The site a training page is grouped by, so that no site is in two cross-validation folds."""

from __future__ import annotations

import pytest

from training.render import site_group, site_of


@pytest.mark.parametrize(("host", "page_id", "site"), [
    ("www.bbc.co.uk", "1", "bbc.co.uk"),
    ("news.bbc.co.uk", "2", "bbc.co.uk"),
    ("www2.rizospastis.gr", "3", "rizospastis.gr"),
    ("rizospastis.gr", "4", "rizospastis.gr"),
    ("finance.ifeng.com", "5", "ifeng.com"),
    ("example.com", "6", "example.com"),
])
def test_hosts_of_one_registered_domain_are_one_site(host: str, page_id: str,
                                                     site: str) -> None:
    assert site_group(host, page_id) == site


def test_a_page_without_a_url_is_grouped_by_the_host_its_id_names() -> None:
    page_id = "20111128_www.aif.ru_" + "e1" * 28
    assert site_group("", page_id) == "aif.ru"
    # Pages cached before the grouping carried a "page:<id>" placeholder as their site.
    assert site_group(f"page:{page_id}", page_id) == "aif.ru"


def test_a_page_with_no_host_anywhere_is_a_site_of_its_own() -> None:
    assert site_group("", "0551") == "page:0551"
    assert site_group("localhost", "7") == "page:7"


def test_site_of_reads_the_url_then_the_canonical_link() -> None:
    assert site_of({"id": "1", "url": "https://www.nytimes.com/a", "html": ""}) == "nytimes.com"
    html = '<link rel="canonical" href="https://blog.example.org/post">'
    assert site_of({"id": "2", "html": html}) == "example.org"
