"""axe-core (bundled by axe-playwright-python, so it runs offline) and readable reports."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_TAGS},
    "resultTypes": ["violations"],
}
_axe = Axe()


def axe_violations(page) -> list[dict]:
    """Run axe on the page as it is now; return its violations (empty when the page passes)."""
    return _axe.run(page, options=AXE_OPTIONS).response["violations"]


def format_violations(violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe violation(s):"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = node.get("failureSummary", "").replace("\n", "\n      ")
            lines.append(f"    at {target}\n      {node['html'][:200]}\n      {summary}")
    return "\n".join(lines)


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than its viewport (0 when it reflows)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


UNREACHABLE_SCROLLERS = """() => [...document.querySelectorAll('.table-wrap')]
  .filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1)
  .filter((wrap) => {
    const ids = (wrap.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    const name = ids.map((id) => document.getElementById(id)?.textContent || '').join(' ').trim();
    return wrap.tabIndex !== 0 || wrap.getAttribute('role') !== 'region' || !name;
  })
  .map((wrap) => wrap.outerHTML.slice(0, 120))"""


def unreachable_scroll_regions(page) -> list[str]:
    """Table wrappers that scroll sideways but are not a named region reachable by Tab."""
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done()))")
    return page.evaluate(UNREACHABLE_SCROLLERS)
