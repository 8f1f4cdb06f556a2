// The query workbench, enhanced: picking a canned question puts its query in the editor, and
// Ctrl+Enter (or Cmd+Enter) runs the query. Everything also works without this script.
"use strict";

(function () {
  const editor = document.getElementById("query");
  if (!editor) {
    return;
  }
  const picker = document.getElementById("canned-query");
  const status = document.getElementById("canned-status");

  if (picker) {
    picker.addEventListener("change", function () {
      const option = picker.options[picker.selectedIndex];
      const text = option ? option.dataset.query : undefined;
      if (!text) {
        return;
      }
      editor.value = text;
      if (status) {
        status.textContent = "The editor now holds this question's query; press Run to run it.";
      }
    });
  }

  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && editor.form) {
      event.preventDefault();
      if (typeof editor.form.requestSubmit === "function") {
        editor.form.requestSubmit();
      } else {
        editor.form.submit();
      }
    }
  });

  for (const note of document.querySelectorAll(".with-script")) {
    note.hidden = false;
  }
})();
