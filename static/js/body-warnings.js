/* Page editor: show each body warning (articles.panels.BodyWarningsPanel) at its block.
   The body editor is built in the browser after load, so blocks are looked for until found. */
(function () {
    "use strict";

    function placeWarnings() {
        var data = document.getElementById("body-warnings-data");
        if (!data) {
            return true;
        }
        var warnings = JSON.parse(data.textContent);
        var missing = 0;
        warnings.forEach(function (warning, number) {
            var selector = '[data-streamfield-child][data-contentpath="' + CSS.escape(warning.id) + '"]';
            var child = document.querySelector(selector);
            if (!child) {
                missing += 1;
                return;
            }
            // A block may carry several warnings (a body check and an import finding).
            if (child.querySelector('.np-block-warning[data-warning="' + number + '"]')) {
                return;
            }
            var note = document.createElement("p");
            note.className = "help-block help-warning np-block-warning";
            note.setAttribute("data-warning", String(number));
            note.textContent = warning.message;
            var content = child.querySelector(".w-panel__content") || child;
            var notes = content.querySelectorAll(":scope > .np-block-warning");
            var after = notes.length ? notes[notes.length - 1].nextSibling : content.firstChild;
            content.insertBefore(note, after);
        });
        return missing === 0;
    }

    // A long body makes Wagtail's minimap (the outline beside the editor) a scrolling list whose
    // links are out of the tab order while it is collapsed: let the keyboard reach and scroll it.
    function reachableMinimap() {
        document.querySelectorAll(".w-minimap__list:not([tabindex])").forEach(function (list) {
            list.setAttribute("tabindex", "0");
            list.setAttribute("aria-label", "Page outline");
        });
    }

    function start() {
        reachableMinimap();
        placeWarnings();
        // The editor and its minimap are built after load, and rebuilt as blocks change.
        var observer = new MutationObserver(function () {
            reachableMinimap();
            placeWarnings();
        });
        observer.observe(document.body, { childList: true, subtree: true });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
