/* What JavaScript adds to pages that work without it: keeping a course for offline use,
   a queue of completions and quiz answers made offline, and sending that queue to
   /api/v1/sync when the connection returns. Every sentence shown comes translated from the
   page (data-* attributes of #sync-state). */
(function () {
  "use strict";
  var QUEUE = "elearn-queue";
  var state = document.getElementById("sync-state");
  var token = document.querySelector('meta[name="csrf-token"]');
  if (!state || !token || !("serviceWorker" in navigator) || !window.localStorage) return;

  function say(name, values) {
    var text = state.getAttribute("data-" + name) || "";
    Object.keys(values || {}).forEach(function (key) {
      text = text.replace("%(" + key + ")d", String(values[key]))
                 .replace("%(" + key + ")s", String(values[key]));
    });
    return text;
  }
  function queued() { return JSON.parse(localStorage.getItem(QUEUE) || "[]"); }
  function store(events) { localStorage.setItem(QUEUE, JSON.stringify(events)); }
  function showWaiting() {
    var waiting = queued().length;
    state.textContent = waiting ? say("waiting", { num: waiting }) : "";
  }
  function add(event) {
    var events = queued().filter(function (kept) { return kept.id !== event.id; });
    events.push(event);
    store(events);
  }

  navigator.serviceWorker.register("/sw.js", { scope: "/" });

  // Keep for offline: the page lists what to keep.
  Array.prototype.forEach.call(document.querySelectorAll("[data-keep]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      state.textContent = say("keeping");
      navigator.serviceWorker.ready.then(function (worker) {
        worker.active.postMessage({ type: "keep", paths: JSON.parse(button.getAttribute("data-keep")) });
      });
    });
  });
  navigator.serviceWorker.addEventListener("message", function (message) {
    if (message.data && message.data.type === "kept") {
      state.textContent = say("kept", { num: message.data.count });
    }
  });

  // Offline, a completion or a quiz attempt goes into the queue instead of the network.
  Array.prototype.forEach.call(document.querySelectorAll("form[data-queue]"), function (form) {
    form.addEventListener("submit", function (submitted) {
      if (navigator.onLine) return;
      submitted.preventDefault();
      var data = form.dataset;
      var event = { id: form.elements[data.idField].value, type: data.queue,
                    enrollment_id: Number(data.enrollment), occurred_at: new Date().toISOString() };
      if (data.queue === "progress") {
        event.lesson_id = Number(data.lesson);
        event.kind = "completed";
      } else {
        event.quiz_id = Number(data.quiz);
        event.answers = {};
        Array.prototype.forEach.call(form.querySelectorAll("input:checked"), function (input) {
          var question = input.name.replace("question-", "");
          (event.answers[question] = event.answers[question] || []).push(input.value);
        });
      }
      add(event);
      if (data.next) {
        window.location.assign(data.next);
      } else {
        showWaiting();
        state.textContent += " " + say(data.queue === "progress" ? "saved" : "answers-saved");
      }
    });
  });

  function sync() {
    var events = queued();
    if (!events.length || !navigator.onLine) return;
    state.textContent = say("sending", { num: events.length });
    fetch("/api/v1/sync", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token.content },
      body: JSON.stringify({ events: events })
    }).then(function (answer) {
      if (!answer.ok) throw new Error(String(answer.status));
      return answer.json();
    }).then(function (body) {
      var sent = {}, lines = [], counts = { accepted: 0, duplicate: 0, rejected: 0 };
      body.results.forEach(function (result) {
        sent[result.id] = true;
        counts[result.status] = (counts[result.status] || 0) + 1;
        if (result.status === "rejected" && result.reason) {
          lines.push(result.reason.detail || result.reason.title || "");
        }
      });
      store(queued().filter(function (event) { return !sent[event.id]; }));
      state.textContent = say("sent", counts) + (lines.length ? " " + lines.join(" ") : "");
      state.setAttribute("data-synced", "true");
    }).catch(function () { showWaiting(); });
  }

  // Signing out forgets the kept pages of this person.
  Array.prototype.forEach.call(document.querySelectorAll("form[data-sign-out]"), function (form) {
    form.addEventListener("submit", function () {
      navigator.serviceWorker.ready.then(function (worker) {
        worker.active.postMessage({ type: "forget" });
      });
    });
  });

  window.addEventListener("online", sync);
  window.addEventListener("offline", showWaiting);
  showWaiting();
  sync();
})();
