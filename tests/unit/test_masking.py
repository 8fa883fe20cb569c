"""What the encoder reads: identifiers, addresses, amounts and dates masked, meaning kept."""

from __future__ import annotations

import pytest

from smart_support.masking import mask_volatile, model_text


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Order 48213 not delivered", "Order 99812 not delivered"),
        ("Ref REF8K2LQ: login fails", "Ref X7PQ2M4Z: login fails"),
        ("Write to jo.smith@example.org", "Write to a.b@shop.example.co.uk"),
        ("See https://status.example.com/i/123", "See http://www.example.org/x?y=1"),
        ("Charged $1,249.00 twice", "Charged €35 twice"),
        ("Down since 06:30 on 2024-05-01", "Down since 7:45pm on 05/09/2019"),
        ("Call +44 20 7946 0958", "Call (555) 123-4567"),
    ],
)
def test_tickets_differing_only_in_volatile_details_read_the_same(first: str, second: str) -> None:
    assert mask_volatile(first) == mask_volatile(second)


@pytest.mark.parametrize(
    "text",
    [
        "HTTP 503 on the checkout page",
        "Magento 2.4 with PHP 8.1",
        "2 users on Windows 10",
        "broken since 2019",
        "Is urgent delivery available?",
    ],
)
def test_words_and_short_numbers_that_carry_meaning_stay(text: str) -> None:
    assert mask_volatile(text) == text


def test_masking_twice_changes_nothing_more() -> None:
    text = "Invoice INV-7712 for $49.99 sent to ap@corp.example on 2024-05-01, ref A7F3K9Q2"
    assert mask_volatile(mask_volatile(text)) == mask_volatile(text)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "Login broken\nHello Tom,\nThe login page fails.\nThanks,\nMaria",
            "Login broken\nHi Priya,\nThe login page fails.\nBest regards\nJean-Luc O'Neill",
        ),
        ("Site down\nIt is down since noon.\nAnna Kowalska", "Site down\nIt is down since noon."),
    ],
)
def test_greetings_and_sign_offs_name_the_sender_not_the_problem(first: str, second: str) -> None:
    assert mask_volatile(first) == mask_volatile(second)


@pytest.mark.parametrize(
    "text",
    [
        "Export\nThanks for the fix, but the export is broken again",
        "URGENT\nProduction Down",
        "Dear Sir/Madam, we dispute the invoice.",
    ],
)
def test_a_closing_or_greeting_word_inside_the_message_stays(text: str) -> None:
    assert mask_volatile(text) == text


def test_model_text_joins_stripped_subject_and_body() -> None:
    assert model_text("  Refund ", " I was charged twice.\n") == "Refund\nI was charged twice."


def test_model_text_of_body_only_has_no_leading_newline() -> None:
    assert model_text("", "Body only") == "Body only"
