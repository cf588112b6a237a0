// Test host page: one section per widget named in ?widgets=a,b,... (created with
// createElement and setAttribute only), with ?set.<attribute>=<value> on each.
const q = new URLSearchParams(location.search);
const names = (q.get('widgets') || '').split(',').filter(Boolean);
const box = document.getElementById('widgets');
names.forEach((name, i) => {
  const section = document.createElement('section');
  const h = document.createElement('h2');
  h.textContent = `Figure ${i + 1}: ${name}`;
  const w = document.createElement(`posenc-${name}`);
  w.id = `w${i}`;
  for (const [k, v] of q) if (k.startsWith('set.')) w.setAttribute(k.slice(4), v);
  section.append(h, w);
  box.append(section);
});
