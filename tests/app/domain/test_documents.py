from app.domain.documents import (
    Annex,
    Document,
    check_document_number,
    iso_date,
)


def test_attachment_lines_follow_the_annexes():
    doc = Document(number="嘉政发〔2021〕2号", title="通知", annexes=[
        Annex(title="取消行政权力事项（18项）", layout="cancel"),
        Annex(title="省级取消后需市县加强监管的事项（7项）", layout="cancelled_above"),
    ])
    assert doc.attachment_lines() == ["附件：1.取消行政权力事项（18项）",
                                      "2.省级取消后需市县加强监管的事项（7项）"]
    doc.annexes.pop()
    assert doc.attachment_lines() == ["附件：取消行政权力事项（18项）"]


def test_counted_title_replaces_a_stale_count():
    annex = Annex(title="取消行政权力事项（17项）", layout="cancel")
    assert annex.stated_count() == 17
    assert annex.counted_title() == "取消行政权力事项（0项）"


def test_document_number_form():
    assert check_document_number("嘉政发〔2021〕2号") is None
    assert "六角括号" in check_document_number("嘉政发[2021]2号")
    assert "六角括号" in check_document_number("嘉政发【2021】2号")
    assert check_document_number("嘉政发〔2021〕02号") is not None
    assert check_document_number("嘉政发〔2021〕第2号") is not None


def test_iso_date_reads_chinese_dates_without_leading_zeros():
    assert iso_date("2021年2月20日") == "2021-02-20"
    assert iso_date("2021年02月20日") == ""
