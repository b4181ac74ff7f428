// Injected by Playwright into every page before the page's own scripts (so the page's CSP
// does not apply to it): turns each Content-Security-Policy violation into a console error,
// which the `page` fixture records and fails the test on.
document.addEventListener("securitypolicyviolation", function (event) {
  console.error(
    "CSP violation: " + event.violatedDirective + " blocked " +
    (event.blockedURI || "inline") + " at " + event.sourceFile + ":" + event.lineNumber
  );
});
