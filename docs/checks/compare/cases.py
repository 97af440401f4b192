"""What the comparison scripts share: reading a cases file and keeping the
generated table of a check's page up to date.

A cases file marks each case with "// CASE: bug|ok | title" and the end of
the last one with "// END"; a case runs to the line before the next marker.
"""
import re
import sys


def parse_cases(path):
    """[{kind, title, first, last}] of the cases in \\p path."""
    cases = []
    with open(path) as f:
        for number, line in enumerate(f, 1):
            m = re.match(r"// CASE: (bug|ok) \| (.*)", line)
            if (m or line.startswith("// END")) and cases:
                cases[-1]["last"] = number - 1
            if m:
                cases.append({"kind": m.group(1), "title": m.group(2).strip(),
                              "first": number, "last": None})
    if not cases or cases[-1]["last"] is None:
        sys.exit(f"{path}: no cases, or no '// END' line after the last")
    return cases


def publish(table, doc_path, begin, end, script, write, check):
    """Prints \\p table, or writes it between \\p begin and \\p end in
    \\p doc_path, or (check) exits non-zero if the page's copy differs."""
    if not (write or check):
        print(table)
        return
    with open(doc_path) as f:
        doc = f.read()
    start = doc.index(begin) + len(begin)
    stop = doc.index(end, start)
    updated = doc[:start] + "\n" + table + "\n" + doc[stop:]
    if check:
        if updated != doc:
            sys.exit(f"{script}: the table in {doc_path} is out of date; "
                     f"run {script} --write")
        print(f"{script}: table up to date")
        return
    with open(doc_path, "w") as f:
        f.write(updated)
