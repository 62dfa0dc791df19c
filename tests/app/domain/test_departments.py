from app.domain.departments import Department, DepartmentRegistry, Level


def test_registry_resolves_aliases_and_line_broken_names():
    registry = DepartmentRegistry([
        Department("市住房城乡建设局", Level.CITY, ["市住建局"], id=1),
        Department("省自然资源厅", Level.PROVINCE, [], id=2),
    ])
    assert registry.resolve("市住建局").id == 1
    assert registry.resolve(" 市住房城乡建设局\u3000").id == 1
    assert registry.resolve("省自然\n资源厅").id == 2
    assert registry.resolve("市审批服务局") is None
    assert registry.canonical_name("市住建局") == "市住房城乡建设局"
