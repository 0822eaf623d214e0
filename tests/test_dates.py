import datetime

from programmes.dates import LONDON, long_date, long_datetime

UTC = datetime.UTC


def test_long_datetime_close_of_play_in_winter():
    """17:00 on 16 February 2018 reads as people in England write it."""
    value = datetime.datetime(2018, 2, 16, 17, 0, tzinfo=UTC)
    assert long_datetime(value) == "Friday 16 February 2018, 5pm"


def test_long_datetime_converts_to_british_summer_time():
    """A UTC time in summer is shown an hour later, in BST."""
    value = datetime.datetime(2018, 6, 12, 9, 30, tzinfo=UTC)
    assert long_datetime(value) == "Tuesday 12 June 2018, 10:30am"


def test_long_datetime_midday_and_midnight():
    assert long_datetime(datetime.datetime(2018, 3, 12, 12, 0, tzinfo=LONDON)).endswith(", midday")
    assert long_datetime(datetime.datetime(2018, 3, 12, 0, 0, tzinfo=LONDON)).endswith(", midnight")


def test_long_date_has_no_leading_zero():
    assert long_date(datetime.date(2018, 2, 3)) == "Saturday 3 February 2018"


def test_empty_values_render_as_nothing():
    assert long_date(None) == ""
    assert long_datetime(None) == ""
