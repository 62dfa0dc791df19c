from app.domain.measures import Measures


def test_parse_lead_and_numbered_items_in_every_numbering_style():
    text = ("取消许可后，公安机关要通过以下措施加强监管：\n1. 纳入日常监管。\n2．开展检查，\n发现问题依法查处。\n"
            "3、依法实施信用监管。\n（4）公开结果。\n⑤ 其他。")
    measures = Measures.parse(text)
    assert measures.lead == "取消许可后，公安机关要通过以下措施加强监管："
    assert measures.items == ["纳入日常监管。", "开展检查，发现问题依法查处。", "依法实施信用监管。",
                              "公开结果。", "其他。"]


def test_to_text_numbers_items_from_one():
    measures = Measures(lead="要通过以下措施加强监管：", items=["甲。", "乙。"])
    assert measures.to_text() == "要通过以下措施加强监管：\n1. 甲。\n2. 乙。"
    assert Measures.parse(measures.to_text()) == measures
