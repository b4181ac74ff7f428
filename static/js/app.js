// Behaviour shared by every page. No inline scripts anywhere: the CSP forbids them.
(function () {
  "use strict";

  // After an htmx swap, announce what the server said in the page's one live region
  // and move the focus where the swapped fragment asks for it.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (!target) return;
    // After an outerHTML swap the event names the element that was replaced; its successor
    // carries the same id.
    if (!target.isConnected && target.id) {
      target = document.getElementById(target.id);
      if (!target) return;
    }
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
})();
