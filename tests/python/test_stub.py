"""The type stub (charter/__init__.pyi) is in step with the module."""

import ast
import dataclasses
import inspect
import pathlib

import charter
import charter._charter

PACKAGE = pathlib.Path(charter.__file__).parent
STUB = PACKAGE / "__init__.pyi"

# Special methods worth declaring in the stub when a class defines them.
CHECKED_DUNDERS = {"__len__", "__iter__", "__enter__", "__exit__", "__eq__", "__hash__", "__init__"}


def stub_tree():
    tree = ast.parse(STUB.read_text(), filename=str(STUB))
    names, classes = set(), {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            members = set()
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    members.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    members.add(item.target.id)
                elif isinstance(item, ast.Assign):
                    members.update(t.id for t in item.targets if isinstance(t, ast.Name))
            classes[node.name] = members
            names.add(node.name)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names, classes


def public_members(cls):
    own = set()
    for klass in cls.__mro__:
        if klass.__module__ != "charter":
            continue
        for name, value in vars(klass).items():
            if isinstance(value, type(object.__init__)):
                continue  # inherited slot (a class with no constructor)
            if not name.startswith("_") or name in CHECKED_DUNDERS:
                own.add(name)
    return own


def test_stub_and_marker_are_installed():
    assert STUB.is_file()
    assert (PACKAGE / "py.typed").is_file()


def test_the_package_exports_the_whole_module():
    module_public = {n for n in dir(charter._charter) if not n.startswith("_")} | {"__version__"}
    assert module_public <= set(charter.__all__)
    for name in charter.__all__:
        assert hasattr(charter, name), name


def test_every_public_name_is_in_the_stub():
    names, _ = stub_tree()
    missing = sorted(set(charter.__all__) - names)
    assert not missing, f"not in {STUB.name}: {missing}"


def test_every_member_of_every_class_is_in_the_stub():
    _, classes = stub_tree()
    for name in charter.__all__:
        obj = getattr(charter, name)
        if not inspect.isclass(obj):
            continue
        missing = sorted(public_members(obj) - classes[name])
        assert not missing, f"{name}: not in {STUB.name}: {missing}"


def test_the_stub_names_nothing_that_does_not_exist():
    names, classes = stub_tree()
    for name in names:
        if name.startswith("_") and name not in ("__version__", "__all__"):
            continue  # the stub's own type aliases
        assert hasattr(charter, name), f"{STUB.name} names charter.{name}, which does not exist"
    for cls_name, members in classes.items():
        cls = getattr(charter, cls_name)
        instance_fields = ({"problems", "kind", "id", "file", "line", "column", "reason"}
                           if issubclass(cls, BaseException) else set())
        if dataclasses.is_dataclass(cls):  # ImportSummary...: fields of instances
            instance_fields = {f.name for f in dataclasses.fields(cls)}
        for member in members - instance_fields:
            assert hasattr(cls, member), f"{STUB.name} names {cls_name}.{member}, which does not exist"
