"""Small briefs and meeting files for the packet tests: a sources folder in tmp_path."""

from __future__ import annotations

from pathlib import Path

BRIEF_TITLES = {
    "CO 23-41": ("Sanctions Enforcement After the Summit", "정상회담 이후의 제재 이행"),
    "CO 23-42": ("Food Prices in North Korean Markets", "북한 시장의 식량 가격"),
    "CO 23-43": ("Reading the Party Plenum", "당 전원회의 읽기"),
}


BRIEF_AUTHORS = {"CO 23-41": ("Kim, Minsu", "김민수"), "CO 23-42": ("Park, Jiyoung", "박지영"),
                 "CO 23-43": ("Choi, Hyun", "최현")}


def url_of(number: str) -> str:
    return f"https://www.kinu.or.kr/briefs/{number.replace(' ', '-').lower()}"


def brief_text(number: str, *, editions: tuple[str, ...] = ("en", "ko"),
               summary: bool = True, points: int = 3, point_length: int = 1) -> str:
    """A small valid brief numbered `number` (CO 23-NN), with key points and a url."""
    title_en, title_ko = BRIEF_TITLES.get(number, (f"Brief {number}", f"브리프 {number}"))
    name_en, name_ko = BRIEF_AUTHORS.get(number, ("Kim, Minsu", "김민수"))
    year_number = number.split()[1]
    lines = [f"number: {number}", f"date: 2023-09-{10 + int(year_number[3:]) % 10:02d}",
             f"url: {url_of(number)}",
             "title:", f"  en: {title_en}", f"  ko: {title_ko}",
             "authors:", f"  - name: {{en: '{name_en}', ko: {name_ko}}}",
             "    position: {en: Research Fellow, ko: 연구위원}",
             "    division: {en: North Korean Research Division, ko: 북한연구실}"]
    if summary:
        lines.append("summary:")
        for language in editions:
            lines.append(f"  {language}:")
            point = "A key point of the brief." if language == "en" else "브리프의 핵심 내용이다."
            lines.extend(f"    - {' '.join([point] * point_length)}" for _ in range(points))
    lines.append("body:")
    for language in editions:
        lines.append(f"  {language}: |")
        lines.append("    A paragraph." if language == "en" else "    한 문단.")
    return "\n".join(lines) + "\n"


def meeting_text(*entries: str, language: str = "ko", extra: str = "") -> str:
    """A meeting file whose `briefs` are `entries`, each a YAML list item's text."""
    items = "\n".join(f"  - {entry}" for entry in entries)
    return (f"kind: meeting\n"
            f"title: {{en: Sanctions Working Group, ko: 제재 실무회의}}\n"
            f"date: 2023-09-20\n"
            f"time: \"14:00\"\n"
            f"venue: {{en: KINU Conference Room 1, ko: 통일연구원 제1회의실}}\n"
            f"language: {language}\n"
            f"{extra}"
            f"briefs:\n{items}\n")


def sources_folder(root: Path, numbers: tuple[str, ...] = tuple(BRIEF_TITLES)) -> Path:
    """`root/sources` with one brief per number (`co-23-41.yaml`, …) and `meetings/`."""
    folder = root / "sources"
    (folder / "meetings").mkdir(parents=True)
    for number in numbers:
        (folder / f"{number.replace(' ', '-').lower()}.yaml").write_text(
            brief_text(number), encoding="utf-8")
    return folder


def write_meeting(folder: Path, name: str, text: str) -> Path:
    path = folder / "meetings" / name
    path.write_text(text, encoding="utf-8")
    return path
