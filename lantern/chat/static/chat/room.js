/* Keeps a live room's page live over its WebSocket (lantern/chat/consumers.py). Progressive
   enhancement only: without it the page works by posting forms and refreshing.

   The page knows the last sequence number it shows (data-last-seq); the socket is opened with
   ?since=<that>, so the server sends exactly what came after it. Each message has a number one
   higher than the one before; a number already shown is ignored. When the connection drops,
   the script reconnects with backoff (1 s, 2 s, 4 s … 30 s, with jitter) from the last number
   it showed: nothing is lost and nothing is shown twice. */
(function () {
  "use strict";
  var root = document.getElementById("chat");
  if (!root || !("WebSocket" in window)) return;

  var log = document.getElementById("messages");
  var statusLine = document.getElementById("live-status");
  var errorLine = document.getElementById("chat-error");
  var form = document.getElementById("post-form");
  var handForm = document.getElementById("hand-form");
  var lastSeq = parseInt(root.dataset.lastSeq, 10) || 0;
  var wasOpen = root.dataset.open === "1";
  var messageUrl = root.dataset.messageUrl;
  var socket = null;
  var attempts = 0;
  var finished = false;
  var pingTimer = null;
  var refs = 0;
  var pausedUntil = 0;

  Array.prototype.forEach.call(log.querySelectorAll("li[data-seq]"), function (li) {
    lastSeq = Math.max(lastSeq, parseInt(li.dataset.seq, 10) || 0);
  });

  function say(text) { statusLine.textContent = text; }
  function words(key) { return root.dataset[key] || ""; }

  function scrollToEnd() {
    var last = log.lastElementChild;
    if (last && last.scrollIntoView) last.scrollIntoView({block: "nearest"});
  }

  function addMessage(frame) {
    if (frame.seq <= lastSeq || document.getElementById("m" + frame.seq)) {
      lastSeq = Math.max(lastSeq, frame.seq);
      return;
    }
    lastSeq = frame.seq;
    var li = document.createElement("li");
    li.id = "m" + frame.seq;
    li.dataset.seq = frame.seq;
    li.dataset.id = frame.id;
    if (frame.kind === "notice") {
      li.className = "notice";
      var em = document.createElement("em");
      em.textContent = frame.body;
      li.appendChild(em);
    } else {
      if (frame.mine) li.className = "mine";
      var who = document.createElement("strong");
      who.textContent = frame.author;
      li.appendChild(who);
      li.appendChild(document.createTextNode(" "));
      var time = document.createElement("time");
      time.className = "small";
      time.setAttribute("datetime", frame.at);
      var at = new Date(frame.at);
      time.textContent = at.toLocaleTimeString([], {hour: "numeric", minute: "2-digit"});
      li.appendChild(time);
      if (frame.held) {
        var tag = document.createElement("span");
        tag.className = "tag warn";
        tag.textContent = words("heldLabel");
        li.appendChild(document.createTextNode(" "));
        li.appendChild(tag);
      }
      li.appendChild(document.createElement("br"));
      var body = document.createElement("span");
      body.className = "body";
      body.textContent = frame.body;
      li.appendChild(body);
      if (messageUrl) {
        var more = document.createElement("a");
        more.className = "small";
        more.href = messageUrl.replace(/\/0\/$/, "/" + frame.id + "/");
        more.textContent = "…";
        more.setAttribute("aria-label", words("moreLabel") + ": " + frame.author);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(more);
      }
    }
    log.appendChild(li);
    scrollToEnd();
  }

  function fillList(id, people, countId) {
    var list = document.getElementById(id);
    if (!list) return;
    list.textContent = "";
    people.forEach(function (person) {
      var li = document.createElement("li");
      li.dataset.id = person.id;
      li.textContent = person.name;
      list.appendChild(li);
    });
    var count = document.getElementById(countId);
    if (count) count.textContent = people.length;
  }

  function applyState(state) {
    if (state.open !== wasOpen) {
      // The meeting opened or ended: the page's controls change, so load it afresh.
      window.location.reload();
      return;
    }
    fillList("queue", state.queue, "queue-count");
    fillList("present", state.present, "present-count");
    var here = document.getElementById("present-count");
    if (here && typeof state.present_count === "number") here.textContent = state.present_count;
    var floor = document.getElementById("floor");
    if (floor) {
      floor.textContent = state.floor
        ? words("floorTemplate").replace("%s", state.floor.name)
        : (state.open ? words("chairFloor") : "");
    }
    if (form) {
      var disabled = !state.can_post;
      Array.prototype.forEach.call(form.querySelectorAll("textarea, button"), function (el) {
        el.disabled = disabled;
      });
      var whyNot = document.getElementById("why-not");
      if (whyNot) whyNot.textContent = disabled ? words("cannotPost") : "";
    }
    var button = document.getElementById("hand-button");
    if (button && handForm) {
      var up = state.hand_raised ? "0" : "1";
      button.dataset.up = up;
      handForm.querySelector("input[name=up]").value = up;
      var hasFloor = state.floor && String(state.floor.id) === root.dataset.me;
      button.textContent = hasFloor
        ? words("doneLabel")
        : (state.hand_raised ? words("lowerLabel") : words("raiseLabel"));
    }
  }

  function updatePresence(frame) {
    var list = document.getElementById("present");
    if (!list) return;
    var existing = list.querySelector('li[data-id="' + frame.id + '"]');
    if (frame.present && !existing) {
      var li = document.createElement("li");
      li.dataset.id = frame.id;
      li.textContent = frame.name;
      list.appendChild(li);
    } else if (!frame.present && existing) {
      list.removeChild(existing);
    }
    document.getElementById("present-count").textContent = list.children.length;
  }

  function showCrisis(lines) {
    var box = document.getElementById("crisis-box");
    if (!box || !lines.length) return;
    box.textContent = "";
    box.className = "card notice";
    var heading = document.createElement("p");
    heading.textContent = words("crisisIntro");
    box.appendChild(heading);
    var ul = document.createElement("ul");
    ul.className = "crisis-lines";
    lines.forEach(function (line) {
      var li = document.createElement("li");
      li.className = "crisis-line";
      var a = document.createElement(line.tel ? "a" : "span");
      if (line.tel) a.href = line.tel;
      a.textContent = line.name + (line.label ? " — " + line.label : "");
      li.appendChild(a);
      ul.appendChild(li);
    });
    box.appendChild(ul);
    box.hidden = false;
    box.focus && box.setAttribute("tabindex", "-1");
  }

  function onFrame(frame) {
    switch (frame.type) {
      case "message": addMessage(frame); break;
      case "ready": lastSeq = Math.max(lastSeq, frame.seq); attempts = 0; say(words("liveLabel")); break;
      case "state": applyState(frame); break;
      case "presence": updatePresence(frame); break;
      case "hidden":
        var gone = document.getElementById("m" + frame.seq);
        if (gone) gone.parentNode.removeChild(gone);
        break;
      case "cleared":
        Array.prototype.slice.call(log.querySelectorAll("li[data-seq]")).forEach(function (li) {
          if (parseInt(li.dataset.seq, 10) <= frame.up_to) log.removeChild(li);
        });
        break;
      case "crisis": showCrisis(frame.lines); break;
      case "held":
        var mine = document.getElementById("m" + frame.seq);
        if (mine && !mine.querySelector(".tag.warn")) {
          var tag = document.createElement("span");
          tag.className = "tag warn";
          tag.textContent = words("heldLabel");
          mine.insertBefore(tag, mine.querySelector("br"));
        }
        break;
      case "ack":
        if (form) form.querySelector("textarea").value = "";
        errorLine.textContent = "";
        if (frame.crisis) showCrisis(frame.crisis);
        break;
      case "error": errorLine.textContent = frame.message; break;
      case "closed":
        finished = true;
        say(frame.reason === "removed" ? words("removedLabel") : words("closedLabel"));
        break;
      default: break;
    }
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + root.dataset.socket + "?since=" + lastSeq);
    socket.onopen = function () {
      clearInterval(pingTimer);
      pingTimer = setInterval(function () {
        if (socket.readyState === 1) socket.send(JSON.stringify({type: "ping"}));
      }, 25000);
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      onFrame(frame);
    };
    socket.onclose = function (event) {
      clearInterval(pingTimer);
      if (finished || event.code === 4401 || event.code === 4403) {
        if (!finished) say(words("closedLabel"));
        return;
      }
      attempts += 1;
      var delay = Math.min(30000, 1000 * Math.pow(2, attempts - 1)) * (0.75 + Math.random() / 2);
      delay = Math.max(delay, pausedUntil - Date.now());
      say(words("reconnectingLabel"));
      setTimeout(connect, delay);
    };
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      if (!socket || socket.readyState !== 1) return; // the plain form post still works
      event.preventDefault();
      var text = form.querySelector("textarea").value;
      if (!text.trim()) return;
      refs += 1;
      socket.send(JSON.stringify({type: "post", body: text, ref: "p" + refs}));
    });
  }
  if (handForm) {
    handForm.addEventListener("submit", function (event) {
      if (!socket || socket.readyState !== 1) return;
      event.preventDefault();
      var up = document.getElementById("hand-button").dataset.up === "1";
      socket.send(JSON.stringify({type: "hand", up: up}));
    });
  }
  // For tests and the curious: drop the connection as a flaky phone network would, and stay
  // away for `pauseMs` before reconnecting.
  root.chatDrop = function (pauseMs) {
    pausedUntil = Date.now() + (pauseMs || 0);
    if (socket) socket.close();
  };
  say(words("connectingLabel"));
  connect();
})();
