/* NeuroPain admin: give the rich text editor inside StreamField blocks an accessible name.
   Draftail's editable area (role="textbox") has none there, so screen readers announce only
   "edit text" (axe: aria-input-field-name). The name is the block's label, e.g. "Paragraph". */
(function () {
  "use strict";

  function blockLabel(box) {
    var block = box.closest(".c-sf-block");
    var type = block && block.querySelector(".c-sf-block__type");
    if (type && type.textContent.trim()) {
      return type.textContent.trim();
    }
    var field = box.closest(".w-field__wrapper, .w-field");
    var label = field && field.querySelector("label");
    return (label && label.textContent.trim()) || "Rich text";
  }

  function nameTextboxes() {
    var boxes = document.querySelectorAll('[role="textbox"][contenteditable="true"]');
    boxes.forEach(function (box) {
      if (!box.getAttribute("aria-label") && !box.getAttribute("aria-labelledby")) {
        box.setAttribute("aria-label", blockLabel(box));
      }
    });
  }

  new MutationObserver(nameTextboxes).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
  document.addEventListener("DOMContentLoaded", nameTextboxes);
})();
