// Suggestions while typing, for search fields marked data-suggest="<endpoint URL>".
// The WAI-ARIA Authoring Practices combobox with a listbox popup: Down/Up move through the
// suggestions, Enter searches for the highlighted one, Escape closes the list (or clears the
// field when it is closed), Tab leaves as usual. Without JavaScript the form works as is.
(function () {
    "use strict";

    var DELAY_MS = 200;
    var MIN_LENGTH = 2;

    function enhance(input) {
        var form = input.form;
        var listId = input.id + "-suggestions";
        var list = document.createElement("ul");
        var status = document.createElement("div");
        var timer = null;
        var request = null;
        var active = -1;
        var options = [];

        list.id = listId;
        list.className = "search-suggestions";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", "Suggestions");
        list.hidden = true;
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        input.parentNode.classList.add("search-suggest");
        input.insertAdjacentElement("afterend", list);
        list.insertAdjacentElement("afterend", status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-controls", listId);
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("autocomplete", "off");

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            options.forEach(function (option, i) {
                option.setAttribute("aria-selected", i === index ? "true" : "false");
            });
            active = index;
            if (index >= 0) {
                input.setAttribute("aria-activedescendant", options[index].id);
                options[index].scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function choose(option) {
            input.value = option.dataset.value;
            close();
            form.submit();
        }

        function show(suggestions) {
            list.textContent = "";
            options = suggestions.map(function (suggestion, i) {
                var option = document.createElement("li");
                var kind = document.createElement("span");
                option.id = listId + "-" + i;
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.dataset.value = suggestion.label;
                option.textContent = suggestion.label + " ";
                kind.className = "search-suggestions__kind";
                kind.textContent = suggestion.kind;
                option.appendChild(kind);
                option.addEventListener("mousedown", function (event) {
                    event.preventDefault(); // keep focus in the field
                    choose(option);
                });
                list.appendChild(option);
                return option;
            });
            active = -1;
            if (options.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
                status.textContent = options.length + (options.length === 1 ? " suggestion" : " suggestions") +
                    ". Use the up and down arrow keys to review, Enter to search.";
            } else {
                close();
                status.textContent = "";
            }
        }

        function fetchSuggestions() {
            var text = input.value.trim();
            if (text.length < MIN_LENGTH) {
                show([]);
                return;
            }
            if (request) {
                request.abort();
            }
            request = new AbortController();
            fetch(input.dataset.suggest + "?q=" + encodeURIComponent(text), {
                signal: request.signal,
                headers: { Accept: "application/json" }
            })
                .then(function (response) {
                    return response.ok ? response.json() : { suggestions: [] };
                })
                .then(function (data) {
                    if (document.activeElement === input) {
                        show(data.suggestions || []);
                    }
                })
                .catch(function () { /* aborted or offline: the plain form still works */ });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, DELAY_MS);
        });

        input.addEventListener("keydown", function (event) {
            var open = !list.hidden;
            if (event.key === "ArrowDown") {
                event.preventDefault();
                if (!open) {
                    fetchSuggestions();
                } else {
                    highlight(active + 1 < options.length ? active + 1 : 0);
                }
            } else if (event.key === "ArrowUp" && open) {
                event.preventDefault();
                highlight(active > 0 ? active - 1 : options.length - 1);
            } else if (event.key === "Enter" && open && active >= 0) {
                event.preventDefault();
                choose(options[active]);
            } else if (event.key === "Escape") {
                if (open) {
                    event.preventDefault();
                    close();
                } else if (input.value) {
                    event.preventDefault();
                    input.value = "";
                }
            } else if (event.key === "Tab") {
                close();
            }
        });

        input.addEventListener("blur", close);
    }

    function start() {
        if (!window.fetch || !window.AbortController) {
            return;
        }
        document.querySelectorAll("input[data-suggest]").forEach(enhance);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
