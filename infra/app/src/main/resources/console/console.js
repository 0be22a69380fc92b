// Progressive enhancement only: every page works without it. Shows the copy buttons and copies their value.
document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
  if (!navigator.clipboard) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(button.dataset.copy).then(function () {
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = "Copy"; }, 2000);
    });
  });
});

// An import's page follows its progress without reloading, then shows its report; without script, its link does.
document.querySelectorAll("[data-import-progress]").forEach(function (box) {
  var bar = box.querySelector("progress");
  var status = box.querySelector("[role=status]");
  function poll() {
    fetch(box.dataset.importProgress, { credentials: "same-origin" }).then(function (answer) {
      return answer.ok ? answer.json() : null;
    }).then(function (progress) {
      if (!progress) {
        return;
      }
      if (progress.ended) {
        window.location.reload();
        return;
      }
      bar.max = progress.lines;
      bar.value = progress.checked;
      status.textContent = progress.checked + " of " + progress.lines + " lines checked.";
      setTimeout(poll, 500);
    });
  }
  setTimeout(poll, 500);
});
