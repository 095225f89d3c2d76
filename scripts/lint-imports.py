#!/usr/bin/env python3
"""Checks that the dependencies point one way: each target's `import` statements against the table of
docs/ARCHITECTURE.md ("Layers"), the part of `make lint` that is not formatting.

The table has one row per library target, bottom-up: its name in backquotes, then the modules it may import
(commas between them; text in parentheses is commentary, `—` is none, `the C library` is Glibc or Darwin).
Rows whose name is not a target state a rule for a group of targets:

  `<Library>Tests`  a library's test target: the library, what the library may import (all the way down),
                    TestSupport, Testing, Foundation and the C library; never a library above it
  `ToolTests`       the tools' tests: anything the tools may import
  tools             every folder of Tools/ that is not a row of its own
  plugins           every folder of Plugins/

It fails (exit 1, one line per problem, `file:line: …`) on
  - an import the target's row does not allow: above the target, sideways, or not listed;
  - a row that imports a target of a later row (an arrow pointing up: the table is bottom-up);
  - `@_exported import` anywhere (a module re-exporting another to whoever imports it);
  - a target in Package.swift that depends on a library it never imports (what it does not need);
  - a folder of Swift sources that no row or rule covers.

Usage: scripts/lint-imports.py [--root DIR]   (run by `make lint`; Tests/ToolTests/LintImportsTests.swift shows
it failing on each kind of problem)
"""
import argparse
import os
import re
import subprocess
import sys

IMPORT = re.compile(
    r"^\s*((?:@\w+\s+)*)(?:(?:public|package|internal|fileprivate|private)\s+)?import\s+"
    r"(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?([A-Za-z_]\w*)")
C_LIBRARY = {"Glibc", "Darwin"}
FOLDERS = ["Packages", "Tools", "Tests", "Benchmarks", "Plugins"]


def table(architecture):
    """The rows of the Layers table: [(names, allowed modules, line)] in order."""
    rows, inside = [], False
    for number, line in enumerate(open(architecture, encoding="utf-8"), 1):
        if line.startswith("| target | imports |"):
            inside = True
            continue
        if inside and not line.startswith("|"):
            break
        if not inside or line.startswith("|---"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        names = re.findall(r"`([^`]+)`", cells[0]) or [cells[0]]
        text = re.sub(r"\([^)]*\)", "", cells[1])
        allowed = set()
        if "C library" in cells[1]:
            allowed |= C_LIBRARY
        for word in text.split(","):
            word = word.strip().strip("`")
            if re.fullmatch(r"[A-Za-z_]\w*", word):
                allowed.add(word)
        rows.append((names, allowed, number))
    if not rows:
        sys.exit(f"lint-imports: {architecture}: no '| target | imports |' table")
    return rows


def sources(root):
    """The Swift files git knows of (tracked, or new and not ignored), relative to `root`."""
    output = subprocess.run(
        ["git", "-C", root, "ls-files", "--cached", "--others", "--exclude-standard", "*.swift"],
        check=True, capture_output=True, text=True).stdout
    return [path for path in output.splitlines() if os.path.exists(os.path.join(root, path))]


def imports(path):
    """[(line, module, attributes)] of a file's import statements."""
    found = []
    for number, line in enumerate(open(path, encoding="utf-8"), 1):
        match = IMPORT.match(line)
        if match:
            found.append((number, match.group(2), match.group(1)))
    return found


def declared_dependencies(package):
    """{target: [(dependency, line)]} from Package.swift's library/tool/tests helpers and .target calls."""
    text = open(package, encoding="utf-8").read()
    aliases = {"numerics": "RealModule", "argumentParser": "ArgumentParser"}
    result = {}
    pattern = re.compile(
        r'(?:\b(?:library|tool|tests)\(\s*"([^"]+)"\s*,\s*\[|'
        r'\.(?:target|executableTarget|testTarget)\(\s*name:\s*"([^"]+)"\s*,\s*dependencies:\s*\[)')
    for match in pattern.finditer(text):
        name = match.group(1) or match.group(2)
        depth, end = 1, match.end()
        while depth and end < len(text):
            depth += {"[": 1, "]": -1}.get(text[end], 0)
            end += 1
        body = text[match.end():end - 1]
        line = text.count("\n", 0, match.start()) + 1
        names = re.findall(r'"([^"]+)"|\b([a-z]\w*)\b(?!\s*:)', body)
        result[name] = [(quoted or aliases.get(bare, bare), line) for quoted, bare in names
                        if quoted or bare in aliases]
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    root = os.path.abspath(parser.parse_args().root)
    architecture = os.path.join(root, "docs", "ARCHITECTURE.md")
    rows = table(architecture)
    problems = []

    # Targets: a folder directly under one of FOLDERS (Tests/Fuzz is its own package; Fixtures hold no code).
    files_by_target = {}
    for path in sources(root):
        parts = path.split("/")
        if len(parts) < 3 or parts[0] not in FOLDERS or parts[:2] in (["Tests", "Fuzz"], ["Tests", "Fixtures"]):
            continue
        files_by_target.setdefault((parts[0], parts[1]), []).append(path)
    targets = {name for _, name in files_by_target}
    allowed, order = {}, {}
    for index, (names, modules, line) in enumerate(rows):
        for name in names:
            allowed[name] = modules
            order[name] = (index, line)

    # The table itself points one way: a row imports only targets of earlier rows.
    row_targets = set(order)
    for names, modules, line in rows:
        for name in names:
            for module in modules & row_targets:
                if order[module][0] >= order[name][0]:
                    problems.append(
                        f"docs/ARCHITECTURE.md:{line}: {name} may import {module}, which is not below it "
                        f"(row at line {order[module][1]})")

    def below(library):
        """Everything `library` may import, all the way down."""
        seen, stack = set(), [library]
        while stack:
            for module in allowed.get(stack.pop(), set()):
                if module not in seen:
                    seen.add(module)
                    stack.append(module)
        return seen

    tools_rule = allowed.get("tools", set())
    libraries = [name for name in row_targets if name not in ("tools", "plugins", "ToolTests")
                 and not name.endswith("Tests")]
    for (folder, name), paths in sorted(files_by_target.items()):
        if name in allowed and not name.endswith("Tests"):
            permitted, rule = allowed[name], f"its row in docs/ARCHITECTURE.md (line {order[name][1]})"
        elif folder == "Tests" and name == "ToolTests":
            permitted = set(libraries) | tools_rule | allowed.get("ToolTests", set())
            rule = "the ToolTests rule (what the tools may import)"
        elif folder == "Tests" and name.endswith("Tests") and name[:-5] in allowed:
            library = name[:-5]
            permitted = {library} | below(library) | allowed.get("<Library>Tests", set())
            rule = f"the <Library>Tests rule ({library} and what it may import)"
        elif folder == "Tools":
            permitted, rule = tools_rule | set(libraries), "the tools rule"
        elif folder == "Plugins":
            permitted, rule = allowed.get("plugins", set()), "the plugins rule"
        else:
            problems.append(f"{folder}/{name}: no row of docs/ARCHITECTURE.md's table covers this target")
            continue
        for path in paths:
            for line, module, attributes in imports(os.path.join(root, path)):
                if "@_exported" in attributes:
                    problems.append(f"{path}:{line}: @_exported import {module}: import it where it is used")
                if module not in permitted:
                    problems.append(f"{path}:{line}: {name} imports {module}, which {rule} does not allow")

    # Package.swift: a library dependency the target never imports is one it does not need.
    imported = {}
    for (folder, name), paths in files_by_target.items():
        imported[name] = {module for path in paths for _, module, _ in imports(os.path.join(root, path))}
    executables = {name for (folder, name) in files_by_target if folder in ("Tools", "Benchmarks")}
    for name, dependencies in declared_dependencies(os.path.join(root, "Package.swift")).items():
        for dependency, line in dependencies:
            if name in imported and dependency in targets | {"RealModule"} and dependency not in executables \
                    and dependency not in imported[name] and dependency != "ArgumentParser":
                problems.append(f"Package.swift:{line}: {name} depends on {dependency} but never imports it")

    for problem in problems:
        print(f"lint-imports: {problem}", file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"lint-imports: {sum(map(len, files_by_target.values()))} files of {len(files_by_target)} targets "
          f"import only what docs/ARCHITECTURE.md allows")


if __name__ == "__main__":
    main()
