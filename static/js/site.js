// Progressive enhancement only: every page works without JavaScript.
// Glossary definitions use the native Popover API and need no script at all.
//
// This file is loaded without `defer`: the class below is set before the first paint, so the
// phone menu starts folded (CSS keys on it) and nothing jumps. Everything else waits for the DOM.
document.documentElement.classList.add("js");

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

    // The phone menu: a disclosure button (aria-expanded) that shows and hides the main
    // navigation. On wider screens CSS hides the button and always shows the navigation.
    function setUpMenu() {
        var header = document.querySelector(".site-header");
        var button = header && header.querySelector(".site-header__menu");
        var nav = button && document.getElementById(button.getAttribute("aria-controls"));
        if (!nav) {
            return;
        }
        function setOpen(open) {
            button.setAttribute("aria-expanded", open ? "true" : "false");
            header.classList.toggle("site-header--menu-open", open);
        }
        button.addEventListener("click", function () {
            setOpen(button.getAttribute("aria-expanded") !== "true");
        });
        // Escape closes the open menu from the button or any of its links.
        header.addEventListener("keydown", function (event) {
            var inMenu = event.target === button || nav.contains(event.target);
            if (event.key === "Escape" && inMenu && button.getAttribute("aria-expanded") === "true") {
                setOpen(false);
                button.focus();
            }
        });
    }

    // A glossary definition opens above or below its word, whichever leaves the word in
    // view: on a phone the popover sits at the bottom of the screen unless the word is there.
    function placeGlossaryPopovers() {
        document.addEventListener(
            "toggle",
            function (event) {
                var popover = event.target;
                if (!popover.classList || !popover.classList.contains("glossary-popover")) {
                    return;
                }
                if (event.newState !== "open") {
                    // Closed, it forgets where it was: the next opening starts from the bottom.
                    popover.classList.remove("glossary-popover--top");
                    return;
                }
                var term = document.querySelector("[popovertarget='" + popover.id + "'].glossary-term");
                if (!term) {
                    return;
                }
                popover.classList.remove("glossary-popover--top");
                var word = term.getBoundingClientRect();
                var box = popover.getBoundingClientRect();
                if (word.bottom > box.top && word.top < box.bottom) {
                    popover.classList.add("glossary-popover--top");
                }
            },
            true
        );
    }

    function ready() {
        focusFormErrors();
        setUpMenu();
        placeGlossaryPopovers();
    }

    document.addEventListener("click", linkErrorsToFields);
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", ready);
    } else {
        ready();
    }
})();
