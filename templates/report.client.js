/* mlops-report client script: draws the charts from the embedded data block and, when the
   page is served live, keeps it up to date. The page is complete without it (every number
   is in the HTML); charts and live updates are an enhancement. */
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.remove('no-js');
  root.classList.add('js');

  // Closed <details> hide their content on paper; open them all for printing.
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });

  function readData(doc) {
    var block = doc.getElementById('report-data');
    return block ? JSON.parse(block.textContent) : { charts: {} };
  }
  var data = readData(document);

  if (typeof Chart !== 'undefined') {
    // Text and grid colours follow the page's colour scheme (CSS variables).
    var css = getComputedStyle(root);
    Chart.defaults.color = css.getPropertyValue('--chart-text').trim() || '#334155';
    Chart.defaults.borderColor = css.getPropertyValue('--chart-grid').trim() || '#e2e8f0';
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  }

  /**
   * Category labels on a vertical axis (feature and category names) are shortened from the
   * end to fit the chart's width, so a narrow screen shows "name_words_persona…" rather than
   * Chart.js clipping the start; the tooltip and the table beside the chart keep them whole.
   * (The configs stay plain JSON; this is the one function the page adds.)
   */
  function fitLabels(value) {
    var label = String(this.getLabelForValue(value));
    var room = Math.max(8, Math.floor((this.chart.width * 0.42) / 7.5));
    return label.length > room ? label.slice(0, room - 1) + '…' : label;
  }

  /** Draws every chart inside `scope` from the current data block. */
  function drawCharts(scope) {
    if (typeof Chart === 'undefined') return;
    scope.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var config = data.charts[canvas.getAttribute('data-chart')];
      if (!config) {
        canvas.parentNode.style.display = 'none';
        return;
      }
      var axis = config.options && config.options.indexAxis === 'y' && config.options.scales && config.options.scales.y;
      if (axis) axis.ticks = Object.assign({}, axis.ticks, { callback: fitLabels });
      new Chart(canvas, config);
      canvas.setAttribute('data-drawn', 'true');
    });
  }
  /** Marks each scroll box whose table is wider than it: the CSS then says "scroll sideways". */
  function markOverflow() {
    document.querySelectorAll('.scroll').forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) box.setAttribute('data-overflow', 'true');
      else box.removeAttribute('data-overflow');
    });
  }
  markOverflow();
  window.addEventListener('resize', markOverflow);
  document.addEventListener('toggle', markOverflow, true); // a table inside <details> gets a width when opened

  drawCharts(document);
  root.setAttribute('data-charts-ready', 'true');
  if (window.performance && performance.mark) performance.mark('charts-ready'); // read by npm run bench

  // --- Live: served by `mlops-report serve` ---------------------------------------------
  // The page asks /health every few seconds; when the report behind it changed, it fetches
  // the page again and replaces only the regions that differ, keeping open <details> and
  // what the reader was looking at. The server's CSP allows exactly this (connect-src 'self').
  var key = root.getAttribute('data-live');
  if (key === null || !window.fetch || !window.DOMParser) return;
  var interval = Number(root.getAttribute('data-live-interval')) || 5000;
  var busy = false;

  /** The regions that update on their own: header, banner, each section, footer. */
  function regions(doc) {
    var out = {};
    doc.querySelectorAll('[data-region]').forEach(function (el) { out[el.getAttribute('data-region')] = el; });
    return out;
  }
  function sameRegionNames(a, b) {
    return Object.keys(a).join('|') === Object.keys(b).join('|');
  }

  function setOffline(offline) {
    var status = document.getElementById('live-status');
    if (!status) return;
    var note = status.querySelector('[data-testid="offline"]');
    if (offline && !note) {
      note = document.createElement('p');
      note.className = 'notice notice--stale';
      note.setAttribute('data-testid', 'offline');
      note.textContent = status.getAttribute('data-offline-text');
      status.appendChild(note);
    } else if (!offline && note) note.remove();
  }

  function apply(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var before = regions(document), after = regions(doc);
    var newKey = doc.documentElement.getAttribute('data-live');
    // the page changed shape (the first report after none could be made): load it whole
    if (!sameRegionNames(before, after)) return location.reload();
    // what the reader looks at: the first region still on screen, and where it sits
    var names = Object.keys(before), anchor = null, offset = 0;
    for (var i = 0; i < names.length; i++) {
      var r = before[names[i]].getBoundingClientRect();
      if (r.bottom > 0) { anchor = names[i]; offset = r.top; break; }
    }
    data = readData(doc);
    document.getElementById('report-data').textContent = doc.getElementById('report-data').textContent;
    names.forEach(function (name) {
      var old = before[name], fresh = after[name];
      if (old.innerHTML === fresh.innerHTML) return;
      // keep open what the reader opened: the n-th <details> of the region stays open
      var open = [];
      old.querySelectorAll('details').forEach(function (d, n) { open[n] = d.open; });
      old.querySelectorAll('canvas[data-chart]').forEach(function (c) {
        var chart = Chart.getChart && Chart.getChart(c);
        if (chart) chart.destroy();
      });
      var node = document.importNode(fresh, true);
      node.querySelectorAll('details').forEach(function (d, n) { if (n in open) d.open = open[n]; });
      old.replaceWith(node);
      drawCharts(node);
    });
    document.title = doc.title;
    markOverflow();
    root.setAttribute('data-live', newKey);
    key = newKey;
    if (anchor) {
      var now = regions(document)[anchor];
      if (now) window.scrollBy(0, now.getBoundingClientRect().top - offset);
    }
    root.setAttribute('data-live-updated', String(Number(root.getAttribute('data-live-updated') || 0) + 1));
  }

  function poll() {
    if (busy) return;
    busy = true;
    fetch('/health', { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (health) {
        setOffline(false);
        if (health.page === key) return;
        return fetch('/', { cache: 'no-store' })
          .then(function (r) { return r.text(); })
          .then(apply);
      })
      .catch(function () { setOffline(true); })
      .then(function () { busy = false; });
  }
  // the page keeps its own scroll position; the browser must not shift it too
  document.body.style.overflowAnchor = 'none';
  setInterval(poll, interval);
})();
