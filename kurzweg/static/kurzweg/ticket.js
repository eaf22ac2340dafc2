/* Live ticket: when the status changes to "called", make it hard to miss — vibrate the phone
   and put the news in the tab title (the page itself shows an alert, announced by screen
   readers through its live region). */
(function () {
  "use strict";
  var title = document.title;

  function state() {
    var status = document.getElementById("ticket-status");
    return status ? status.getAttribute("data-state") : null;
  }

  var last = state();
  document.addEventListener("htmx:afterSettle", function () {
    var now = state();
    if (now === "called" && last !== "called") {
      if (navigator.vibrate) navigator.vibrate([400, 200, 400, 200, 400]);
      var alert = document.querySelector(".kurzweg-ticket__called .kern-title");
      document.title = "▶ " + (alert ? alert.textContent : "") + " – " + title;
    } else if (now !== "called") {
      document.title = title;
    }
    last = now;
  });
})();
