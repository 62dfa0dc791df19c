"""The 法规库 page on the demo: marking a law flags the items citing it, by county department."""

from ui.pages.laws import MarkDialog

SURVEYING = "《山东省测绘管理条例》"


def select(page, display):
    row = next(n for n, law in enumerate(page.laws) if law.display == display)
    page.table.selectRow(row)
    return page.laws[row]


def test_marking_in_the_window_flags_items_and_filters_the_catalogue(window, qtbot):
    page = window.laws
    window.show_page(page)
    law = select(page, SURVEYING)
    assert page.citing.rowCount() == 7
    page.mark_current(law.status.IN_FORCE)
    assert select(page, SURVEYING).status == "现行"
    departments = [page.review.topLevelItem(n).text(0) for n in range(page.review.topLevelItemCount())]
    assert not any(d.startswith("县自然资源和规划局") for d in departments)

    page.mark_current(law.status.REPEALED, "2019年11月29日", "省人大常委会第十五次会议")
    law = select(page, SURVEYING)
    assert (law.status, law.repealed) == ("已废止", "2019-11-29")
    tops = {page.review.topLevelItem(n).text(0): page.review.topLevelItem(n)
            for n in range(page.review.topLevelItemCount())}
    surveying = tops["县自然资源和规划局（7项）"]
    assert {surveying.child(n).text(2) for n in range(7)} == {SURVEYING}
    assert page.tabs.currentIndex() == 1

    catalogue = window.catalogue
    catalogue.basis_flag.setCurrentText("依据已废止")
    assert catalogue.model.rowCount() == 11
    catalogue.basis_flag.setCurrentText("需核对")
    assert catalogue.model.rowCount() == 16
    item_id = surveying.child(0).data(0, 0x0100)
    page.review.itemDoubleClicked.emit(surveying.child(0), 0)
    assert window.stack.currentWidget() is catalogue and catalogue.current_id() == item_id


def test_mark_dialog_offers_the_known_date(window, qtbot):
    page = window.laws
    law = select(page, "《山东省生猪屠宰管理办法》")
    dialog = MarkDialog(law, law.status.REPEALED, page)
    assert dialog.date.text() == "2019-12-16"
    assert dialog.changed_by.text() == "省政府第57次常务会议"
