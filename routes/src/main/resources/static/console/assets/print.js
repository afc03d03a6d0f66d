// The print button of the subject access report: without script the browser's own print works the same
// (print.css), so the button only appears where it works. No inline script: the pages' CSP forbids it.
document.addEventListener('DOMContentLoaded', function () {
  var button = document.getElementById('print-report');
  if (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  }
});
