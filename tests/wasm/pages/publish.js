// Shows a probe's outcome: window.__posenc for the test, JSON in <pre id="result">
// and one status line for a person looking at the page.
/* exported posencPublish */
function posencPublish (outcome, where) {
  'use strict'
  window.__posenc = outcome
  document.getElementById('result').textContent = JSON.stringify(outcome, null, 1)
  document.getElementById('status').textContent = outcome.ok
    ? 'posenc ' + outcome.version + ' loaded ' + where
    : 'failed ' + where + ': ' + outcome.error
}
