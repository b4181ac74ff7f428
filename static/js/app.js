// Behaviour shared by every page. No inline scripts anywhere: the CSP forbids them.
(function () {
  "use strict";

  // After an htmx swap, announce what the server said in the page's one live region
  // and move the focus where the swapped fragment asks for it.
  document.addEventListener("htmx:afterSettle", function (event) {
    // With hx-swap="outerHTML" the request's target has left the page; the event then fires on
    // the new element that replaced it, so prefer the element the event fired on when attached.
    var target = event.target instanceof Element && event.target.isConnected
      ? event.target : event.detail.target;
    if (!target) return;
    // After an outerHTML swap the old target is detached: look at its replacement instead.
    if (!target.isConnected && target.id) target = document.getElementById(target.id);
    if (!target) return;
    var announcement = target.querySelector("[data-announce]") ||
      (target.matches("[data-announce]") ? target : null);
    var live = document.getElementById("live-region");
    if (announcement && live) {
      live.textContent = "";
      window.setTimeout(function () { live.textContent = announcement.getAttribute("data-announce"); }, 50);
    }
    var focus = target.querySelector("[data-focus]") || (target.matches("[data-focus]") ? target : null);
    if (focus) {
      focus.focus();
    }
  });

  // A page that comes back with a form's errors (a 422 after a plain POST) starts at the error
  // summary, so a screen reader reads the errors first and each links to its field. After an
  // htmx swap, the swapped fragment says where the focus goes (data-focus, above).
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }

  // Copy buttons (representative lists): the button stays hidden without JavaScript, where the
  // readonly textarea is plain selectable text.
  function announce(text) {
    var live = document.getElementById("live-region");
    if (!live) return;
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }
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

  // Forms that end something ask once before they are sent; without JavaScript they just send.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
