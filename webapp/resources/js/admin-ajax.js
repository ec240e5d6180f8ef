/*
 * Sends the admin page's buttons by Faces ajax without any script in the page: a submit button
 * with a data-render attribute (the client ids to re-render, space-separated) is sent with
 * faces.ajax.request, executing data-execute ("@this" unless it says otherwise). The content
 * security policy refuses inline scripts, and f:ajax renders its behaviour as one. Without
 * JavaScript, or before faces.js has loaded, the button posts its form and the page comes back whole.
 */
var alxAjax = (function () {
    "use strict";

    function faces() {
        return window.faces || window.jsf;
    }

    /** Sends {@code button} by ajax; {@code extra} adds options such as onevent and onerror. */
    function send(button, event, extra) {
        var options = {
            execute: button.getAttribute("data-execute") || "@this",
            render: button.getAttribute("data-render")
        };
        Object.keys(extra || {}).forEach(function (name) {
            options[name] = extra[name];
        });
        faces().ajax.request(button, event, options);
    }

    document.addEventListener("click", function (event) {
        var button = event.target.closest ? event.target.closest("input[type=submit][data-render]") : null;
        if (!button || button.disabled || !faces()) {
            return;
        }
        event.preventDefault();
        send(button, event);
    });

    return {send: send};
})();
