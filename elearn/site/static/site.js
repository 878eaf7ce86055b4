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

  // A survey's answers, by question: several choices as a list.
  function surveyAnswers(form) {
    var answers = {};
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.name || input.type === "hidden" || input.type === "submit") return;
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) return;
      if (!input.value.trim()) return;
      if (input.type === "checkbox") {
        (answers[input.name] = answers[input.name] || []).push(input.value);
      } else {
        answers[input.name] = input.value;
      }
    });
    return answers;
  }

  // Offline, a completion, a quiz attempt or a survey's answers go into the queue instead of
  // the network.
  Array.prototype.forEach.call(document.querySelectorAll("form[data-queue]"), function (form) {
    form.addEventListener("submit", function (submitted) {
      if (navigator.onLine) return;
      if (submitted.submitter && submitted.submitter.hasAttribute("data-not-queued")) return;
      submitted.preventDefault();
      var data = form.dataset;
      if (data.queue === "survey") {
        add({ id: form.elements[data.idField].value, type: "survey",
              campaign_id: Number(data.campaign), version: Number(data.version),
              answers: surveyAnswers(form) });
        window.location.assign(data.next);
        return;
      }
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

  // A survey's queued answers go to the survey itself, once each (its id makes a resend
  // harmless); an answer refused for good leaves the queue with the reason shown.
  function sendSurveys(events) {
    return Promise.all(events.map(function (event) {
      return fetch("/api/v1/me/surveys/" + event.campaign_id + "/responses", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token.content },
        body: JSON.stringify({ client_id: event.id, answers: event.answers,
                               version: event.version })
      }).then(function (answer) {
        if (answer.status >= 500) return null;
        return answer.json().then(function (body) {
          store(queued().filter(function (kept) { return kept.id !== event.id; }));
          return answer.ok ? (body.status === "duplicate" ? "duplicate" : "accepted")
                           : "rejected " + (body.detail || body.title || "");
        });
      }).catch(function () { return null; });
    }));
  }

  function sync() {
    var all = queued();
    if (!all.length || !navigator.onLine) return;
    var surveys = all.filter(function (event) { return event.type === "survey"; });
    var events = all.filter(function (event) { return event.type !== "survey"; });
    if (surveys.length) {
      sendSurveys(surveys).then(function (outcomes) {
        var counts = { accepted: 0, duplicate: 0, rejected: 0 }, lines = [];
        outcomes.forEach(function (outcome) {
          if (!outcome) return;
          var kind = outcome.split(" ")[0];
          counts[kind] += 1;
          if (kind === "rejected") lines.push(outcome.slice(9));
        });
        state.textContent = say("sent", counts) + (lines.length ? " " + lines.join(" ") : "");
        state.setAttribute("data-synced", "true");
      });
    }
    if (!events.length) return;
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
