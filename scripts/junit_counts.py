#!/usr/bin/env python3
"""Count test results in JUnit/xUnit XML files.

    scripts/junit_counts.py FILE...

Prints one line `PASSED FAILED SKIPPED` summed over every file that exists and parses.
Files that do not exist are ignored: `swift test --xunit-output X.xml` writes XCTest's results
to X.xml and Swift Testing's to X-swift-testing.xml, and either may be missing or empty.
A test case counts as failed when it has a <failure> or <error> child, as skipped when it has
<skipped>, and as passed otherwise. A file that exists but does not parse is reported on stderr.
Exit status: 0 when at least one file was read, 2 when none was (the suite left no results).
"""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def count(path: Path) -> tuple[int, int, int]:
    root = ET.parse(path).getroot()
    passed = failed = skipped = 0
    for case in root.iter("testcase"):
        tags = {child.tag for child in case}
        if "failure" in tags or "error" in tags:
            failed += 1
        elif "skipped" in tags:
            skipped += 1
        else:
            passed += 1
    # Errors outside any test case (a pytest collection error is reported as a test case, but
    # other producers put it on the suite) must not vanish from the count.
    for suite in root.iter("testsuite"):
        cases = sum(1 for _ in suite.iter("testcase"))
        if cases == 0:
            failed += int(suite.get("errors", "0") or 0) + int(suite.get("failures", "0") or 0)
    return passed, failed, skipped


def main(argv: list[str]) -> int:
    total = [0, 0, 0]
    read = 0
    for name in argv:
        path = Path(name)
        if not path.is_file():
            continue
        try:
            counts = count(path)
        except ET.ParseError as error:
            print(f"junit_counts: cannot parse {path}: {error}", file=sys.stderr)
            continue
        read += 1
        total = [a + b for a, b in zip(total, counts)]
    print(*total)
    return 0 if read else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
