"""Nothing in game/ can run code a pack (or a save) smuggles in, and pack files stay in the pack.

The scan reads Python *tokens*, so words in comments and docstrings ("JSON, not pickle") do not
count and a call split across lines still does. The scanner is tested on planted code first, so
a silent scanner cannot pass the real scan.
"""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parents[2] / "game"
BANNED_MODULES = {"pickle", "cPickle", "marshal", "shelve", "dill", "cloudpickle", "jsonpickle"}
BANNED_CALLS = {"eval", "exec", "compile", "__import__", "execfile"}
BANNED_ATTRS = {("os", "system"), ("os", "popen"), ("os", "execv"), ("os", "execvp"), ("os", "execl"),
                ("subprocess", "getoutput"), ("subprocess", "getstatusoutput"), ("yaml", "unsafe_load"),
                ("yaml", "full_load"), ("yaml", "full_load_all"), ("yaml", "unsafe_load_all"), ("yaml", "Loader"),
                ("yaml", "UnsafeLoader"), ("yaml", "FullLoader"), ("yaml", "CLoader"), ("yaml", "CUnsafeLoader"),
                ("yaml", "CFullLoader")}
SAFE_LOADERS = {"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"}


def problems(source: str) -> list[str]:
    """Every banned construct in the code tokens of one source text, as 'line: what'."""
    toks = [t for t in tokenize.generate_tokens(io.StringIO(source).readline)
            if t.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
                              tokenize.STRING, tokenize.ENCODING)]
    out: list[str] = []
    for i, tok in enumerate(toks):
        nxt = toks[i + 1].string if i + 1 < len(toks) else ""
        prev = toks[i - 1].string if i else ""
        line = tok.start[0]
        if tok.type != tokenize.NAME:
            continue
        if tok.string in BANNED_MODULES:
            out.append(f"{line}: uses {tok.string}")
        builtin = prev == "." and i >= 2 and toks[i - 2].string == "builtins"
        if tok.string in BANNED_CALLS and nxt == "(" and (prev not in (".", "def") or builtin):
            out.append(f"{line}: calls {tok.string}()")
        if tok.string == "shell" and nxt == "=" and i + 2 < len(toks) and toks[i + 2].string != "False":
            out.append(f"{line}: shell={toks[i + 2].string}")
        if prev == "." and i >= 2 and (toks[i - 2].string, tok.string) in BANNED_ATTRS:
            out.append(f"{line}: uses {toks[i - 2].string}.{tok.string}")
        is_yaml_attr = prev == "." and i >= 2 and toks[i - 2].string == "yaml"
        if tok.string in ("load", "load_all") and is_yaml_attr and nxt == "(":
            depth, j, args = 0, i + 1, []
            while j < len(toks):
                depth += toks[j].string == "("
                depth -= toks[j].string == ")"
                args.append(toks[j].string)
                if depth == 0:
                    break
                j += 1
            if not SAFE_LOADERS & set(args):
                out.append(f"{line}: yaml.{tok.string}() without a safe loader")
    return out


@pytest.mark.parametrize("code", [
    "x = eval(text)",
    "exec(\n  code)",
    "import pickle",
    "from pickle import loads",
    "import marshal as m",
    "data = yaml.load(fh)",
    "data = yaml.load(fh, Loader=yaml.Loader)",
    "data = yaml.load_all(fh, Loader=yaml.FullLoader)",
    "yaml.unsafe_load(s)",
    "subprocess.run(cmd, shell=True)",
    "subprocess.run(cmd,\n    shell = flag)",
    "os.system('ls')",
    "__import__('os')",
    "builtins.eval('1')",
    "code = compile(src, 'x', 'exec')",
])
def test_the_scanner_catches_planted_code(code: str) -> None:
    assert problems(code + "\n"), f"the scanner missed: {code!r}"


@pytest.mark.parametrize("code", [
    '"""We save JSON, not pickle; never eval( or exec( anything."""',
    "# yaml.load(fh) would be unsafe; shell=True too",
    "value = evaluate(tree, env)",
    "pattern = re.compile(r'x')",
    "data = yaml.load(fh, Loader=yaml.CSafeLoader)",
    "for ev in yaml.parse(text, Loader=_Loader): pass",
    "subprocess.run(cmd, shell=False)",
    "def exec(self): pass",
    "cursor.execute(sql)",
])
def test_the_scanner_ignores_harmless_code(code: str) -> None:
    assert problems(code + "\n") == []


def test_game_has_no_eval_exec_pickle_unsafe_yaml_or_shell() -> None:
    found = []
    files = sorted(GAME.rglob("*.py"))
    assert len(files) > 20  # the scan really covers the package
    for path in files:
        for problem in problems(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(GAME.parent)}:{problem}")
    assert found == [], "\n".join(found)


# Files that may call PyYAML's own loaders, and why the input there is harmless.
YAML_ALLOWED = {
    "game/content/yamlsrc.py": "the guarded reader itself (event by event, never the composer)",
    "game/content/routes.py": "yaml.safe_load of one id (letters, digits, _ and -) to decide on quotes",
}


def test_pack_files_are_read_through_the_guarded_reader_only() -> None:
    """yaml.safe_load still expands alias bombs and crashes on deep nesting: only yamlsrc parses files."""
    offenders = []
    for path in sorted(GAME.rglob("*.py")):
        if str(path.relative_to(GAME.parent)) in YAML_ALLOWED:
            continue
        toks = [t.string for t in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
                if t.type == tokenize.NAME]
        for i in range(len(toks) - 1):
            if toks[i] == "yaml" and toks[i + 1] in ("safe_load", "safe_load_all", "load", "load_all", "compose",
                                                     "compose_all"):
                offenders.append(f"{path.relative_to(GAME.parent)}: yaml.{toks[i + 1]}")
    assert offenders == [], offenders


# -- files a pack refers to stay inside the pack folder ------------------------------------------
PACK = """id: contained
title: Contained
version: 1.0.0
start: a
"""
SCENE = "scenes:\n  - id: a\n    title: A\n    text: Hi.\n    ending: {title: End}\n"


def test_a_linked_folder_out_of_the_pack_is_not_read(tmp_path: Path) -> None:
    from game.content import load_pack

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "stolen.yaml").write_text(SCENE.replace("id: a", "id: stolen"), encoding="utf-8")
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(PACK, encoding="utf-8")
    (pack / "scenes.yaml").write_text(SCENE, encoding="utf-8")
    (pack / "more").symlink_to(outside, target_is_directory=True)
    result = load_pack(pack)
    assert result.ok and "stolen" not in result.story.scenes


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "..", "a/../../b", "x\x00y"])
def test_art_names_cannot_be_paths(tmp_path: Path, name: str) -> None:
    from game.content import load_pack

    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(PACK, encoding="utf-8")
    scene = SCENE.replace("    text: Hi.", f"    art: {name!r}\n    text: Hi.".replace("'", '"').replace("\x00", "\\0"))
    (pack / "scenes.yaml").write_text(scene, encoding="utf-8")
    result = load_pack(pack)
    assert not result.ok
    assert {d.code for d in result.diagnostics} & {"E105", "E001"}, [d.text() for d in result.diagnostics]


def test_art_with_terminal_escape_codes_is_refused(tmp_path: Path) -> None:
    from game.content import load_pack

    pack = tmp_path / "pack"
    (pack / "art").mkdir(parents=True)
    (pack / "pack.yaml").write_text(PACK, encoding="utf-8")
    (pack / "scenes.yaml").write_text(SCENE.replace("    text: Hi.", "    art: rocket\n    text: Hi."),
                                      encoding="utf-8")
    (pack / "art" / "rocket.txt").write_text(" /\\\n/__\\\x1b]0;pwned\x07\n", encoding="utf-8")
    result = load_pack(pack)
    assert [d.code for d in result.diagnostics] == ["E403"]
    assert "control characters" in result.diagnostics[0].message
