"""Every shell block of README.md and docs/cli.md runs as written, in order.

The rules (docs/testing.md, "Examples that run"):

- A block fenced ``sh`` or ``console`` is a shell block; any other fence
  (``text`` for output shown alone, ``cpp``, ``python``...) is not run. A
  shell block fenced with ``skip`` after its language (``sh skip``) is not
  run either: only for commands that build or test charter itself.
- In ``sh``, every line is a command but blank lines and ``#`` comments; in
  ``console``, a line starting with ``$ `` is one, and the lines up to the
  next are its output as shown (not compared). A line ending in ``\\``
  goes on on the next.
- A command must exit 0, or N when it ends with the comment ``# exit N``;
  a pipeline fails when any of its commands does (``pipefail``).
- A file is one session: its blocks run in order in one temporary folder
  that holds a copy of ``examples/``, each block in its own bash with
  ``charter`` (the program built) first on PATH, ``USER=staff``, no
  ``CHARTER_*`` variable but those the blocks before it exported, in the
  folder the block before it left.
"""

from __future__ import annotations

import dataclasses
import os
import pathlib
import re
import shlex
import shutil
import subprocess

import pytest

from conftest import SOURCE_DIR

DOCUMENTS = ["README.md", "docs/cli.md"]
SHELLS = {"sh", "console"}
EXIT = re.compile(r"\s#\s*exit\s+(\d+)\s*$")


@dataclasses.dataclass
class Command:
    line: int  # in the document, 1-based
    text: str
    status: int


@dataclasses.dataclass
class Block:
    line: int  # its opening fence, 1-based
    commands: list[Command]


def command(line: int, text: str) -> Command:
    found = EXIT.search(text)
    return Command(line, text, int(found.group(1)) if found else 0)


def shell_blocks(text: str) -> list[Block]:
    """The shell blocks of a Markdown text, with their commands."""
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        fence = re.match(r"^(`{3,})(.*)$", lines[i])
        if not fence:
            i += 1
            continue
        marks, info = fence.group(1), fence.group(2).split()
        start = i + 1
        i += 1
        body: list[tuple[int, str]] = []
        while i < len(lines) and not lines[i].startswith(marks):
            body.append((i + 1, lines[i]))
            i += 1
        i += 1  # the closing fence
        if not info or info[0] not in SHELLS or "skip" in info[1:]:
            continue
        blocks.append(Block(start, commands_of(info[0], body)))
    return blocks


def commands_of(language: str, body: list[tuple[int, str]]) -> list[Command]:
    commands: list[Command] = []
    pending: tuple[int, str] | None = None  # a command continued with \
    for number, line in body:
        if pending is not None:
            first, text = pending
            text += "\n" + line
            pending = (first, text) if line.endswith("\\") else None
            if pending is None:
                commands.append(command(first, text))
            continue
        if language == "console":
            if not line.startswith("$ "):
                continue  # its output
            line = line[2:]
        elif not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.endswith("\\"):
            pending = (number, line)
        else:
            commands.append(command(number, line))
    assert pending is None, f"line {pending[0]}: a command continued past the end of its block"
    return commands


def script(block: Block, state: pathlib.Path) -> str:
    """A bash script that runs the block's commands, one after the other,
    and stops at the first whose status is not the one documented."""
    out = [
        "set -o pipefail",
        f". {shlex.quote(str(state / 'env'))}",
        "__check() {",
        '  if [ "$1" -ne "$2" ]; then',
        f'    echo "$3 $1" > {shlex.quote(str(state / "failed"))}',
        "    exit 0",
        "  fi",
        '  return "$1"  # $? as the command left it, for the next',
        "}",
    ]
    for c in block.commands:
        # The command alone on its lines, so that a comment ends with it.
        out += [
            "{",
            c.text,
            f"}} > {shlex.quote(str(state / 'output'))} 2>&1 < /dev/null",
            f"__check $? {c.status} {c.line}",
        ]
    out += [
        f"export -p > {shlex.quote(str(state / 'env'))}",
        f'echo "cd $(printf %q "$PWD")" >> {shlex.quote(str(state / "env"))}',
    ]
    return "\n".join(out) + "\n"


def run_document(name: str, text: str, tmp_path: pathlib.Path, exe: str) -> int:
    """Runs the shell blocks of the document `name`, whose text is `text`;
    returns how many commands ran."""
    blocks = shell_blocks(text)
    assert blocks, f"{name} has no shell block"
    folder = tmp_path / "session"
    shutil.copytree(SOURCE_DIR / "examples", folder / "examples")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "charter").symlink_to(exe)
    state = tmp_path / "state"
    state.mkdir()
    (state / "env").write_text(f"cd {shlex.quote(str(folder))}\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHARTER_")}
    env.update({"PATH": f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", "USER": "staff", "LC_ALL": "C.UTF-8",
                "HOME": str(tmp_path)})
    ran = 0
    for block in blocks:
        result = subprocess.run(["bash", "--noprofile", "--norc"], input=script(block, state), cwd=folder,
                                env=env, capture_output=True, text=True, timeout=300)
        failed = state / "failed"
        if failed.exists():
            line, status = failed.read_text().split()
            c = next(c for c in block.commands if c.line == int(line))
            output = (state / "output").read_text()
            pytest.fail(f"{name}, line {line}: `{c.text}` exited {status}, not {c.status}"
                        f" (mark a command that fails with '# exit N')\n{output}")
        assert result.returncode == 0, (name, block.line, result.stderr)
        ran += len(block.commands)
    return ran


def program() -> str:
    exe = os.environ.get("CHARTER_EXE")
    if not exe:
        pytest.fail("CHARTER_EXE must name the built charter program (ctest sets it)")
    return exe


@pytest.mark.parametrize("name", DOCUMENTS)
def test_shell_blocks_run_as_written(name: str, tmp_path: pathlib.Path) -> None:
    if shutil.which("jq") is None:
        pytest.fail("the documents pipe into jq: install it (scripts/run does)")
    assert run_document(name, (SOURCE_DIR / name).read_text(), tmp_path, program()) > 0


def test_a_session_carries_on_from_block_to_block(tmp_path: pathlib.Path) -> None:
    text = "\n".join([
        "```console",
        "$ charter init --db registry.db",
        "$ export CHARTER_DB=registry.db",
        "$ charter membrs  # exit 2",
        "$ test $? -eq 2",  # as the command left it
        "$ mkdir sub && cd sub",
        "```",
        "```sh",
        'test "$CHARTER_DB" = registry.db && test "${PWD##*/}" = sub && test -d ../examples/data',
        "charter export --db ../registry.db | jq -e '.organizations == []'",
        "```",
    ])
    assert run_document("a.md", text, tmp_path, program()) == 7


def test_a_command_that_fails_unmarked_fails_the_test(tmp_path: pathlib.Path) -> None:
    text = "```console\n$ charter init --db r.db\n$ charter members nobody --db r.db\n```\n"
    with pytest.raises(pytest.fail.Exception) as failed:
        run_document("b.md", text, tmp_path, program())
    assert "b.md, line 3: `charter members nobody --db r.db` exited 2, not 0" in str(failed.value)
    assert "charter: members: no foundation 'nobody'" in str(failed.value)


def test_the_rules() -> None:
    text = "\n".join([
        "```sh",
        "# a comment",
        "charter init",
        "charter join x y \\",
        "  --on today  # exit 2",
        "```",
        "```console",
        "$ charter members f",
        "TIER ORG",
        "$ charter membrs  # exit 2",
        "charter: 'membrs' is not a charter command",
        "```",
        "```text",
        "$ not run",
        "```",
        "```console skip",
        "$ cmake --build build",
        "```",
        "```cpp",
        "int main() {}",
        "```",
    ])
    blocks = shell_blocks(text)
    assert [b.line for b in blocks] == [1, 7]  # their fences
    assert [(c.line, c.text, c.status) for c in blocks[0].commands] == [
        (3, "charter init", 0), (4, "charter join x y \\\n  --on today  # exit 2", 2)]
    assert [(c.line, c.text, c.status) for c in blocks[1].commands] == [
        (8, "charter members f", 0), (10, "charter membrs  # exit 2", 2)]
