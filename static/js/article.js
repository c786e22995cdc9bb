// Articles on a phone: fold "On this page" (open without JavaScript and on wider screens) so
// the title and the start of the body share the first screen. One tap opens it.
(function () {
    "use strict";

    function foldOnPhones() {
        if (!window.matchMedia("(max-width: 40em)").matches) {
            return;
        }
        document.querySelectorAll("details.toc__fold[open]").forEach(function (details) {
            details.removeAttribute("open");
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", foldOnPhones);
    } else {
        foldOnPhones();
    }
})();
