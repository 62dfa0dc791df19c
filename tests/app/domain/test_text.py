from app.domain.text import clean_cell, fold, normalise_digits


def test_clean_cell_treats_ideographic_space_as_empty():
    assert clean_cell("\u3000") == ""
    assert clean_cell(None) == ""
    assert clean_cell(3.0) == "3"
    assert clean_cell("甲 \r\n乙\u3000") == "甲\n乙"


def test_digits_and_folding():
    assert normalise_digits("１２") == "12"
    assert fold("省自然\n资源厅 ") == "省自然资源厅"
