// Script of the Electra Feedback grade report and folder summary webviews.
// Loaded with the page's CSP nonce; it only posts messages to the extension.
(function () {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const reveal = target.closest('a.reveal');
    if (reveal) {
      event.preventDefault();
      vscode.postMessage({ type: 'reveal', start: Number(reveal.dataset.start), end: Number(reveal.dataset.end) });
      return;
    }
    const open = target.closest('a.open');
    if (open) {
      event.preventDefault();
      vscode.postMessage({ type: 'open', path: open.dataset.path });
      return;
    }
    const exp = target.closest('button[data-export]');
    if (exp) {
      vscode.postMessage({ type: 'export', format: exp.dataset.export });
      return;
    }
    const th = target.closest('table.sortable th');
    if (th) sortBy(th);
  });

  function sortBy(th) {
    const table = th.closest('table');
    const col = Number(th.dataset.col);
    const numeric = th.dataset.type === 'number';
    const asc = th.getAttribute('aria-sort') !== 'ascending';
    for (const other of table.querySelectorAll('th')) other.removeAttribute('aria-sort');
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    const tbody = table.tBodies[0];
    const rows = Array.from(tbody.rows);
    const key = (row) => {
      const cell = row.cells[col];
      const v = cell ? cell.dataset.value || '' : '';
      return numeric ? (v === '' ? Number.NEGATIVE_INFINITY : Number(v)) : v.toLowerCase();
    };
    rows.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      const c = x < y ? -1 : x > y ? 1 : 0;
      return asc ? c : -c;
    });
    for (const row of rows) tbody.appendChild(row);
  }
})();
