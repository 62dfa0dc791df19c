"""责任事项 and 追责情形 for each published item.

A department's own responsibility list (责任清单) is used when one of its
duties plainly concerns the item; otherwise the standard text Shandong lists
print for the item's type stands in, so no row is published blank.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.responsibility import Duty, ResponsibilityList
from app.domain.text import fold

STANDARD_DUTIES = {
    "行政许可": (
        "1.受理阶段责任：公示依法应当提交的材料，一次性告知补正材料，依法受理或不予受理（不予受理的告知理由）。"
        "2.审查阶段责任：对申请材料进行审查，需要实地核查的组织核查。"
        "3.决定阶段责任：作出准予或不予许可的决定（不予许可的告知理由）。"
        "4.送达阶段责任：制发并送达证照或决定书，信息公开。"
        "5.事后监管责任：开展事中事后监管。"
        "6.其他法律法规规章文件规定应履行的责任。"),
    "行政处罚": (
        "1.立案责任：对发现的违法行为予以审查，决定是否立案。"
        "2.调查责任：全面、客观、公正调查取证，执法人员不少于两人并出示证件。"
        "3.审查责任：对案件事实、证据、程序、法律适用、处罚种类和幅度等进行审查。"
        "4.告知责任：作出处罚决定前告知当事人事实、理由、依据及依法享有的权利。"
        "5.决定责任：依法作出处罚决定，制作行政处罚决定书。"
        "6.送达责任：依法送达行政处罚决定书。"
        "7.执行责任：监督当事人履行处罚决定。"
        "8.其他法律法规规章文件规定应履行的责任。"),
    "行政强制": (
        "1.决定责任：实施前向行政机关负责人报告并经批准。"
        "2.执行责任：由两名以上执法人员实施，出示证件，通知当事人到场，告知理由、依据和权利，听取陈述申辩，"
        "制作现场笔录。3.事后处置责任：依法及时解除或作出处理决定。"
        "4.其他法律法规规章文件规定应履行的责任。"),
    "行政检查": (
        "1.检查责任：按照“双随机、一公开”要求制定并实施检查计划，执法人员不少于两人并出示证件。"
        "2.处置责任：对检查中发现的问题依法处理。"
        "3.信息公开责任：依法公开检查结果。"
        "4.其他法律法规规章文件规定应履行的责任。"),
}
GENERAL_DUTIES = (
    "1.受理或启动责任：依法受理申请或依职权启动。2.审查责任：依法审查。3.决定责任：依法作出决定。"
    "4.送达及公开责任：依法送达并公开。5.监管责任：加强事中事后监管。"
    "6.其他法律法规规章文件规定应履行的责任。")
STANDARD_ACCOUNTABILITY = (
    "因不履行或不正确履行行政职责，有下列情形的，行政机关及相关工作人员应承担相应责任："
    "1.应当依法履行职责而未履行的；2.违反法定权限、条件和程序履行职责的；"
    "3.履行职责中滥用职权、玩忽职守、徇私舞弊的；4.在履行职责中索取或者收受他人财物或者谋取其他利益的；"
    "5.其他违反法律法规规章文件规定的行为。")


@dataclass(frozen=True)
class DutyText:
    duties: str
    accountability: str
    source: str


def _bigrams(text: str) -> set[str]:
    folded = fold(text)
    return {folded[n:n + 2] for n in range(len(folded) - 1)}


def _best_duty(name: str, rlist: ResponsibilityList) -> Duty | None:
    wanted = _bigrams(name.split("——")[0])
    if not wanted:
        return None
    scored = [(len(wanted & _bigrams(" ".join([d.duty, *d.tasks]))) / len(wanted), d)
              for d in rlist.duties]
    score, duty = max(scored, key=lambda s: s[0], default=(0.0, None))
    return duty if score >= 0.5 else None


def duty_text(name: str, item_type: str, rlist: ResponsibilityList | None) -> DutyText:
    """From the department's responsibility list when a duty matches, else the standard text."""
    duty = _best_duty(name, rlist) if rlist else None
    if duty is not None and rlist is not None:
        return DutyText("\n".join(duty.tasks) or duty.duty,
                        duty.accountability or STANDARD_ACCOUNTABILITY,
                        f"{rlist.department}责任清单：{duty.duty}")
    return DutyText(STANDARD_DUTIES.get(item_type, GENERAL_DUTIES), STANDARD_ACCOUNTABILITY,
                    "通用")
