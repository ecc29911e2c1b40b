/* mlops-report client script: draws the charts from the embedded data block. The page is
   complete without it (every number is in the HTML); charts are an enhancement. */
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.remove('no-js');
  root.classList.add('js');

  var block = document.getElementById('report-data');
  var data = JSON.parse(block.textContent);

  // Closed <details> hide their content on paper; open them all for printing.
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });

  if (typeof Chart === 'undefined') return;
  // Text and grid colours follow the page's colour scheme (CSS variables).
  var css = getComputedStyle(root);
  Chart.defaults.color = css.getPropertyValue('--chart-text').trim() || '#334155';
  Chart.defaults.borderColor = css.getPropertyValue('--chart-grid').trim() || '#e2e8f0';
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;

  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var config = data.charts[canvas.getAttribute('data-chart')];
    if (!config) {
      canvas.parentNode.style.display = 'none';
      return;
    }
    new Chart(canvas, config);
    canvas.setAttribute('data-drawn', 'true');
  });
  root.setAttribute('data-charts-ready', 'true');
  if (window.performance && performance.mark) performance.mark('charts-ready'); // read by npm run bench
})();
