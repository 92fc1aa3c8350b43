// Comments: post without a reload, and fetch new comments every few seconds while the tab is visible.
// Configured by data-* attributes on #comments and its list; without JavaScript the plain form and links work.
(function () {
  "use strict";

  var section = document.getElementById("comments");
  if (!section) return;
  var list = section.querySelector("[data-comment-list]");
  var status = section.querySelector("[data-refresh-status]");
  var empty = section.querySelector(".comments-empty");
  var countEl = section.querySelector("[data-comment-count]");
  var fragmentUrl = section.dataset.fragmentUrl;
  var interval = parseInt(section.dataset.refreshSeconds, 10) || 30;
  var lastId = parseInt(list.dataset.lastId, 10) || 0;
  var etag = null;
  var remaining = interval;
  var busy = false;

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function showCountdown() {
    status.hidden = false;
    status.textContent = "The comment will be refreshed after " + pad(Math.floor(remaining / 60)) + ":" + pad(remaining % 60);
  }

  function insert(item) {
    var id = parseInt(item.dataset.commentId, 10);
    if (id > lastId) lastId = id;
    if (document.getElementById("comment-" + id)) return false;
    var parentId = item.dataset.parentId;
    // A reply to a thread beyond the first page has no place here; it is on the "show more" pages.
    var target = parentId ? section.querySelector('[data-replies-for="' + parentId + '"]') : list;
    if (!target) return false;
    target.appendChild(item);
    if (empty) empty.hidden = true;
    return true;
  }

  function addPublished(count) {
    if (!countEl || !count) return;
    var current = parseInt(countEl.textContent.replace(/\D/g, ""), 10) || 0;
    countEl.textContent = "(" + (current + count) + ")";
  }

  function itemsFrom(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return Array.prototype.slice.call(template.content.querySelectorAll("li.comment"));
  }

  function refresh() {
    if (busy) return;
    busy = true;
    var headers = { Accept: "text/html" };
    if (etag) headers["If-None-Match"] = etag;
    fetch(fragmentUrl + "?after=" + lastId, { headers: headers, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        etag = response.headers.get("ETag") || etag;
        return response.status === 200 ? response.text() : "";
      })
      .then(function (html) {
        var added = 0;
        // The fragment is in id order, so a thread's first comment arrives before its replies.
        itemsFrom(html).forEach(function (item) {
          if (insert(item) && !item.classList.contains("comment-pending")) added += 1;
        });
        addPublished(added);
      })
      .catch(function () {})
      .then(function () {
        busy = false;
      });
  }

  function tick() {
    if (document.hidden) return;
    remaining -= 1;
    if (remaining <= 0) {
      refresh();
      remaining = interval;
    }
    showCountdown();
  }

  function setError(form, message) {
    var error = form.querySelector("[data-form-error]");
    error.textContent = message;
    error.hidden = !message;
  }

  function submit(event) {
    var form = event.target.closest("[data-comment-form]");
    if (!form) return;
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    setError(form, "");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        "X-CSRFToken": form.querySelector("[name=csrfmiddlewaretoken]").value,
      },
    })
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) throw new Error(data.error || "Your comment could not be posted.");
          var item = itemsFrom(data.html)[0];
          if (insert(item) && !item.classList.contains("comment-pending")) addPublished(1);
          form.querySelector("textarea").value = "";
          item.scrollIntoView({ block: "nearest" });
        });
      })
      .catch(function (error) {
        var message = error instanceof SyntaxError ? "" : error.message;
        setError(form, message || "Your comment could not be posted. Try again.");
      })
      .then(function () {
        button.disabled = false;
      });
  }

  section.addEventListener("submit", submit);
  // A closed thread gets no new comments: no refresh and no countdown.
  if (!fragmentUrl || !status) return;
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) showCountdown();
  });
  showCountdown();
  window.setInterval(tick, 1000);
})();
