/*
 * Live status of the admin page: asks the server to re-render the live regions every two seconds
 * (the hidden button poll:refresh, sent by ajax through admin-ajax.js), never while a refresh is
 * still out or the tab is hidden, and at most for two hours. After any Faces ajax update it puts
 * the keyboard focus back on the element that had it, since a re-rendered region replaces its
 * buttons.
 */
(function () {
    "use strict";
    var PERIOD_MS = 2000;
    var MAX_POLLS = 3600;          // two hours at one poll every two seconds
    var STUCK_MS = 30000;          // a refresh out longer than this is given up on
    var polls = 0;
    var inFlightSince = 0;
    var timer = null;
    var focusedId = null;
    var refresh = null;

    function faces() {
        return window.faces || window.jsf;
    }

    function say(text) {
        var state = document.getElementById("live-state");
        if (state) {
            state.textContent = text;
        }
    }

    function stop(text) {
        if (timer !== null) {
            window.clearInterval(timer);
            timer = null;
        }
        say(text);
    }

    function tick() {
        if (document.hidden || (inFlightSince && Date.now() - inFlightSince < STUCK_MS)) {
            return;
        }
        polls += 1;
        if (polls > MAX_POLLS) {
            stop("Live updates paused after two hours; reload the page to resume them.");
            return;
        }
        inFlightSince = Date.now();
        window.alxAjax.send(refresh, null, {onevent: onPollEvent, onerror: onPollError});
    }

    function onPollEvent(data) {
        if (data.status === "success") {
            inFlightSince = 0;
        }
    }

    function onPollError(data) {
        inFlightSince = 0;
        // An expired session or a server gone: repeating would only fill the log.
        stop("Live updates stopped (" + (data.errorName || data.status || "error")
            + "); reload the page to resume them.");
    }

    function rememberFocus(data) {
        if (data.status === "begin") {
            var active = document.activeElement;
            focusedId = active && active.id ? active.id : null;
        } else if (data.status === "success" && focusedId) {
            var active = document.activeElement;
            if (!active || active === document.body) {
                var again = document.getElementById(focusedId);
                if (again && !again.disabled) {
                    again.focus();
                }
            }
        }
    }

    document.addEventListener("DOMContentLoaded", function () {
        if (faces()) {
            faces().ajax.addOnEvent(rememberFocus);
        }
        refresh = document.getElementById("poll:refresh");
        if (refresh && faces() && window.alxAjax) {
            timer = window.setInterval(tick, PERIOD_MS);
        }
    });
})();
