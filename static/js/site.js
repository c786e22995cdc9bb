// Progressive enhancement only: every page works without JavaScript.
// Glossary definitions use the native Popover API and need no script at all.
(function () {
    "use strict";

    // After a form comes back with errors, move focus to the error summary (or else the
    // first invalid field) so keyboard and screen-reader users land on the problem.
    function focusFormErrors() {
        var summary = document.querySelector(".error-summary");
        if (summary) {
            if (!summary.hasAttribute("tabindex")) {
                summary.setAttribute("tabindex", "-1");
            }
            summary.focus();
            return;
        }
        var invalid = document.querySelector("main [aria-invalid='true']");
        if (invalid) {
            invalid.focus();
        }
    }

    // Links in an error summary focus the field itself, not just scroll to it.
    function linkErrorsToFields(event) {
        var link = event.target.closest(".error-summary a[href^='#']");
        if (!link) {
            return;
        }
        var field = document.getElementById(link.getAttribute("href").slice(1));
        if (field && typeof field.focus === "function") {
            event.preventDefault();
            var label = document.querySelector("label[for='" + field.id + "']");
            (label || field).scrollIntoView();
            field.focus({ preventScroll: true });
        }
    }

    document.addEventListener("click", linkErrorsToFields);
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", focusFormErrors);
    } else {
        focusFormErrors();
    }
})();
