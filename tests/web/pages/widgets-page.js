// Puts the widget named in the query string on the development page (see widgets.html).
// Attribute values are only ever set with setAttribute (never as HTML).
(function () {
  const q = new URLSearchParams(location.search);
  const name = q.get('widget') || 'learned-table';
  if (q.get('spacer')) document.getElementById('spacer').className = 'spacer';
  const w = document.createElement('posenc-' + name);
  for (const [k, v] of q) if (k.startsWith('set.')) w.setAttribute(k.slice(4), v);
  if (q.get('id')) w.id = q.get('id');
  const cap = document.createElement('figcaption');
  cap.textContent = 'The widget ' + name + '.';
  document.getElementById('slot').append(w, cap);
})();
