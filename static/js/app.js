// Behaviour shared by every page. No inline scripts anywhere: the CSP forbids them.
(function () {
  "use strict";

  // The one focus rule for every htmx swap (docs/architecture.md, "htmx"):
  // 1. the live region is emptied, then given the fragment's message (data-announce), or, when
  //    the fragment has an error summary, the summary's text;
  // 2. the focus goes to the error summary when there is one (it links to each field), else to the
  //    element marked data-focus, else, when the swap took the focused element away, to the
  //    updated part's first heading, or the updated part itself.
  function swappedRoot(event) {
    // With hx-swap="outerHTML" the request's target has left the page; the event then fires on
    // the new element that replaced it, so prefer the element the event fired on when attached.
    var target = event.target instanceof Element && event.target.isConnected
      ? event.target : event.detail.target;
    if (!target) return null;
    if (!target.isConnected && target.id) target = document.getElementById(target.id);
    return target && target.isConnected ? target : null;
  }

  function within(root, selector) {
    return root.matches(selector) ? root : root.querySelector(selector);
  }

  function focusOn(element) {
    if (!element.matches("a[href], button, input, select, textarea, [tabindex]")) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus();
  }

  function announce(text) {
    var live = document.getElementById("live-region");
    if (!live) return;
    live.textContent = "";
    if (!text) return;
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  function focusLost() {
    var active = document.activeElement;
    return !active || active === document.body || !active.isConnected;
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var root = swappedRoot(event);
    if (!root) return;
    var summary = within(root, ".error-summary");
    var announcement = within(root, "[data-announce]");
    var text = announcement ? announcement.getAttribute("data-announce") : "";
    if (summary && !text) text = summary.textContent.replace(/\s+/g, " ").trim();
    announce(text);
    var focus = summary || within(root, "[data-focus]");
    if (!focus && focusLost()) focus = root.querySelector("h1, h2, h3, h4") || root;
    if (focus) focusOn(focus);
  });

  // A page that comes back with a form's errors (a 422 after a plain POST) starts at the error
  // summary, so a screen reader reads the errors first and each links to its field. After an
  // htmx swap, the swapped fragment says where the focus goes (data-focus, above).
  // A page reached with a message after a redirect (e.g. after publishing, which htmx answers with
  // a full-page redirect) starts at the message, so it is read out and the next Tab continues
  // from there.
  var summary = document.querySelector(".error-summary");
  var pageMessages = document.querySelector("main .messages");
  if (summary) {
    summary.focus();
  } else if (pageMessages) {
    focusOn(pageMessages);
  }

  // Copy buttons (representative lists): the button stays hidden without JavaScript, where the
  // readonly textarea is plain selectable text.
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy-target"));
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function () { announce(button.getAttribute("data-copied-text") || ""); };
      source.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(source.value).then(done, function () {
          document.execCommand("copy");
          done();
        });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  });

  // A table wider than the page scrolls sideways inside its .table-wrap. While it does, the wrap
  // is a named region the keyboard can reach (tabindex="0"), so it can be scrolled with the arrow
  // keys in every browser; named by the table's own label or caption, else by the heading of the
  // section it is in. A wrap that does not scroll stays out of the Tab order.
  function labelOf(wrap) {
    var table = wrap.querySelector("table");
    if (table && table.getAttribute("aria-labelledby")) return table.getAttribute("aria-labelledby");
    var label = table && table.caption;
    if (!label) {
      var section = wrap.closest("section[aria-labelledby], article[aria-labelledby]");
      if (section) return section.getAttribute("aria-labelledby");
      var before = wrap.previousElementSibling;
      while (before && !/^H[1-6]$/.test(before.tagName)) before = before.previousElementSibling;
      label = before;
    }
    if (!label) return "";
    if (!label.id) label.id = "table-label-" + Math.random().toString(36).slice(2, 10);
    return label.id;
  }

  function markScrollRegions() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      var marked = wrap.hasAttribute("data-scroll-region");
      if (scrolls && !marked) {
        var label = labelOf(wrap);
        if (!label) return;
        wrap.setAttribute("data-scroll-region", "");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("aria-labelledby", label);
      } else if (!scrolls && marked) {
        ["data-scroll-region", "role", "tabindex", "aria-labelledby"].forEach(function (name) {
          wrap.removeAttribute(name);
        });
      }
    });
  }
  markScrollRegions();
  window.addEventListener("resize", markScrollRegions);
  document.addEventListener("htmx:afterSettle", markScrollRegions);

  // Forms that end something ask once before they are sent; without JavaScript they just send.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
