/* Call display: polls the calls of this service point every second, shows the newest big,
   chimes and announces it. Recovers by itself after a network cut or a server restart, and
   reloads once a day (after midnight) to pick up new code.

   Sound: browsers allow audio only after a click on the page. Press "Activate sound" once, or
   run Chromium in kiosk mode with --autoplay-policy=no-user-gesture-required. */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("display-config").textContent);
  var calls = config.calls.slice(); // newest first
  var lastId = calls.length ? calls[0].id : 0;
  var MAX_CALLS = 8;
  var POLL_MS = 1000;
  var MAX_BACKOFF_MS = 2000;
  var FETCH_TIMEOUT_MS = 4000;

  var newest = document.getElementById("display-newest");
  var previous = document.getElementById("display-previous");
  var live = document.getElementById("display-live");
  var offline = document.getElementById("display-offline");
  var soundButton = document.getElementById("display-sound");
  var clock = document.getElementById("display-clock");

  // --- Sound -------------------------------------------------------------------------------
  var AudioContextClass = window.AudioContext || window.webkitAudioContext;
  var audio = AudioContextClass ? new AudioContextClass() : null;

  function soundReady() {
    return audio !== null && audio.state === "running";
  }

  function updateSoundButton() {
    soundButton.hidden = soundReady() || audio === null;
  }

  soundButton.addEventListener("click", function () {
    if (audio) {
      audio.resume().then(updateSoundButton);
    }
    if (window.speechSynthesis) {
      // Speaking once inside the click unlocks speech as well.
      window.speechSynthesis.speak(new SpeechSynthesisUtterance(""));
    }
    soundButton.hidden = true;
  });
  if (audio) {
    audio.onstatechange = updateSoundButton;
  }
  updateSoundButton();

  function chime() {
    if (!soundReady()) return;
    var start = audio.currentTime + 0.05;
    [[659.25, 0], [880, 0.3], [1318.5, 0.6]].forEach(function (tone) {
      var oscillator = audio.createOscillator();
      var gain = audio.createGain();
      var at = start + tone[1];
      oscillator.type = "sine";
      oscillator.frequency.value = tone[0];
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.5, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.9);
      oscillator.connect(gain);
      gain.connect(audio.destination);
      oscillator.start(at);
      oscillator.stop(at + 1);
    });
  }

  function fill(template, call) {
    return template
      .replace("{ticket}", call.ticket)
      .replace("{room}", call.room)
      .replace("{desk}", call.desk);
  }

  function spoken(call) {
    // "B-047" is read as "B 0 4 7", "E.12" as "E 12".
    return {
      ticket: call.ticket.replace(/[^0-9A-Za-z]/g, "").split("").join(" "),
      room: call.room.replace(/[.\-_/]+/g, " ").replace(/([A-Za-z])(\d)/g, "$1 $2"),
      desk: call.desk,
    };
  }

  function announce(call) {
    if (!window.speechSynthesis || !config.announce.length || !soundReady()) return;
    var parts = spoken(call);
    var voices = window.speechSynthesis.getVoices();
    config.announce.forEach(function (announcement) {
      var utterance = new SpeechSynthesisUtterance(fill(announcement.text, parts));
      utterance.lang = announcement.lang;
      utterance.rate = 0.9;
      var prefix = announcement.lang.split("-")[0];
      var voice = voices.find(function (v) { return v.lang === announcement.lang; }) ||
        voices.find(function (v) { return v.lang.split("-")[0] === prefix; });
      if (voice) utterance.voice = voice;
      window.speechSynthesis.speak(utterance);
    });
  }

  // --- Rendering ---------------------------------------------------------------------------
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function callNode(call, big) {
    var box = element("div", "kurzweg-call" + (big ? " kurzweg-call--big" : ""));
    box.appendChild(element("span", "kurzweg-call__ticket", call.ticket));
    var where = element("span", "kurzweg-call__where");
    where.appendChild(element("span", "kurzweg-call__label", config.labels.room));
    where.appendChild(document.createTextNode(" "));
    where.appendChild(element("span", "kurzweg-call__room", call.room));
    if (call.floor) {
      where.appendChild(document.createTextNode(" "));
      where.appendChild(element("span", "kurzweg-call__floor",
        "(" + config.labels.floor.replace("%(floor)s", call.floor) + ")"));
    }
    where.appendChild(document.createTextNode(" · "));
    where.appendChild(element("span", "kurzweg-call__desk", call.desk));
    box.appendChild(where);
    return box;
  }

  function render(fresh) {
    newest.replaceChildren();
    if (calls.length) {
      var big = callNode(calls[0], true);
      if (fresh) big.classList.add("kurzweg-call--new");
      newest.appendChild(big);
    }
    previous.replaceChildren();
    calls.slice(1).forEach(function (call) {
      var item = document.createElement("li");
      item.appendChild(callNode(call, false));
      previous.appendChild(item);
    });
  }

  function receive(fresh) {
    if (!fresh.length) return;
    // The server sends newest first; announce in the order they were called.
    fresh.slice().reverse().forEach(function (call) {
      calls = [call].concat(calls.filter(function (c) { return c.id !== call.id; }));
      lastId = Math.max(lastId, call.id);
      live.textContent = fill(config.labels.live, call);
      chime();
      announce(call);
    });
    calls = calls.slice(0, MAX_CALLS);
    render(true);
  }

  // --- Polling with recovery -----------------------------------------------------------------
  var failures = 0;

  function poll() {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, FETCH_TIMEOUT_MS) : null;
    fetch("calls/?after=" + lastId, {
      cache: "no-store",
      headers: { Accept: "application/json" },
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        failures = 0;
        offline.hidden = true;
        receive(data.calls);
        setTimeout(poll, POLL_MS);
      })
      .catch(function () {
        failures += 1;
        if (failures >= 2) offline.hidden = false;
        // Retry soon: 250 ms, 500 ms, 1 s, then every 2 s until the server answers again.
        setTimeout(poll, Math.min(MAX_BACKOFF_MS, 125 * Math.pow(2, failures)));
      })
      .finally(function () {
        if (timer) clearTimeout(timer);
      });
  }

  // --- Clock and the daily reload ------------------------------------------------------------
  var loadedOn = new Date().toDateString();
  var reloading = false;
  var timeFormat = new Intl.DateTimeFormat(document.documentElement.lang || "de", {
    hour: "2-digit",
    minute: "2-digit",
  });

  function tick() {
    var now = new Date();
    clock.textContent = timeFormat.format(now);
    clock.setAttribute("datetime", now.toISOString());
    if (!reloading && now.toDateString() !== loadedOn) {
      // A new day: reload to pick up new code, but only when the server answers (a reload
      // while it is down would leave the screen on the browser's error page).
      reloading = true;
      fetch(window.location.href, { cache: "no-store" })
        .then(function (response) {
          if (response.ok) window.location.reload();
          else reloading = false;
        })
        .catch(function () { reloading = false; });
    }
  }

  tick();
  setInterval(tick, 1000);
  poll();
})();
