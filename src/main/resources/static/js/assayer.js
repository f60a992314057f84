// Assayer UI glue: CSRF header for htmx requests, auto-submitting selects, confirmations.
document.addEventListener('htmx:configRequest', function (evt) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    evt.detail.headers[header.content] = token.content;
  }
});
document.addEventListener('change', function (evt) {
  if (evt.target.matches('select[data-autosubmit]')) {
    evt.target.form.submit();
  }
});
document.addEventListener('submit', function (evt) {
  var msg = evt.target.getAttribute('data-confirm');
  if (msg && !window.confirm(msg)) {
    evt.preventDefault();
  }
});
document.addEventListener('click', function (evt) {
  if (evt.target.matches('[data-back]')) {
    evt.preventDefault();
    history.back();
  }
});
