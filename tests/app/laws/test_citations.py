"""Reading citations from the bases real notices write."""

from app.laws.citations import guess_issuer, parse_citations


def cited(text):
    return [(c.key, c.number, c.articles, c.hint, c.hint_date) for c in parse_citations(text)]


def test_repeal_written_after_the_title_with_the_date_later_in_the_sentence():
    text = ("原设定依据为原《山东省测绘管理条例》。\n《山东省测绘管理条例》已废止，2019年11月29日山东省"
            "第十三届人民代表大会常务委员会第十五次会议通过的《山东省测绘地理信息条例》中已无相关规定。")
    assert cited(text) == [("山东省测绘管理条例", "", [], "废止", "2019-11-29"),
                           ("山东省测绘地理信息条例", "", [], "", "")]
    assert parse_citations(text)[0].former


def test_repeal_and_amendment_written_before_the_title():
    assert cited("2019年12月16日省政府第57次常务会议废止了《山东省生猪屠宰管理办法》，新通过的"
                 "《山东省畜禽屠宰管理办法》中已无相关规定。")[0] == (
        "山东省生猪屠宰管理办法", "", [], "废止", "2019-12-16")
    assert cited("原设定依据为《山东省民族工作条例》原第六条。\n2020年6月12日山东省第十三届人民代表大会"
                 "常务委员会第二十次会议修订后的《山东省民族工作条例》中已无相关规定。") == [
        ("山东省民族工作条例", "", ["第六条"], "修订", "2020-06-12")]


def test_document_numbers_articles_and_written_forms():
    assert cited("《国务院关于取消和下放一批行政许可事项的决定》（国发〔2020〕13号）取消该事项。") == [
        ("国务院关于取消和下放一批行政许可事项的决定", "国发〔2020〕13号", [], "", "")]
    assert cited("依据《中华人民共和国行政许可法》第十二条第一款、第十四条和国发[2020]13号。") == [
        ("中华人民共和国行政许可法", "", ["第十二条第一款", "第十四条"], "", ""),
        ("国发〔2020〕13号", "国发〔2020〕13号", [], "", "")]
    assert cited("《山东省国有土地上房屋征收与补偿条例》原四十七条。")[0][2] == ["第四十七条"]
    assert [c.key for c in parse_citations("根据鲁政发【2021】 1号、济政发〔2021〕5号")] == [
        "鲁政发〔2021〕1号", "济政发〔2021〕5号"]
    assert parse_citations("无依据") == []


def test_issuer_guessed_only_when_the_name_gives_it_away():
    assert guess_issuer("", "国办发〔2019〕5号") == "国务院办公厅"
    assert guess_issuer("国务院关于取消和下放一批行政许可事项的决定", "") == "国务院"
    assert guess_issuer("山东省测绘管理条例", "") == "山东省人民代表大会常务委员会"
    assert guess_issuer("某某规定", "") == ""
